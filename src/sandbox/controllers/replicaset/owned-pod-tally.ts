/**
 * What a ReplicaSet's sync counts, per controller uid, kept up to date from the Pod change stream:
 * its active Pods, the ready ones among them, and how many carry each label set. A Pod event
 * changes two tallies at most, so a sync that only creates Pods or writes a status costs the same
 * at 4,000 replicas as at 10; only deletions need the Pods themselves, to rank them (issue 9).
 */
import type { KubeObject } from '../../api/status.js';
import { typeKey } from '../../api/resources.js';
import type { StoreEvent } from '../../store/object-store.js';
import type { LabelSelector } from '../../store/selectors.js';
import { PODS } from '../kinds.js';
import { controllerOf } from '../object-meta.js';
import { isPodActive, isPodReady } from '../pod-util.js';

const POD_KEY = typeKey(PODS);

interface Tally {
  active: number;
  ready: number;
  /** Active Pods by their labels (JSON): nearly always one entry, the template's. */
  labelSets: Map<string, { labels: Record<string, string> | undefined; count: number }>;
}

export interface OwnedPodCounts {
  active: number;
  ready: number;
  /** Active Pods whose labels `selector` matches. */
  labelled(selector: LabelSelector): number;
}

export class OwnedPodTally {
  private readonly byOwner = new Map<string, Tally>();

  observe(event: StoreEvent): void {
    if (event.typeKey !== POD_KEY) return;
    if (event.type !== 'ADDED' && event.previous) this.apply(event.previous, -1);
    if (event.type !== 'DELETED') this.apply(event.object, 1);
  }

  /** The counts of the active Pods `ownerUid` controls. */
  of(ownerUid: string): OwnedPodCounts {
    const tally = this.byOwner.get(ownerUid);
    return {
      active: tally?.active ?? 0,
      ready: tally?.ready ?? 0,
      labelled(selector) {
        let count = 0;
        for (const set of tally?.labelSets.values() ?? []) if (selector(set.labels)) count += set.count;
        return count;
      },
    };
  }

  private apply(pod: KubeObject, sign: 1 | -1): void {
    const owner: string | undefined = controllerOf(pod)?.uid;
    if (!owner || !isPodActive(pod)) return;
    let tally = this.byOwner.get(owner);
    if (!tally) this.byOwner.set(owner, (tally = { active: 0, ready: 0, labelSets: new Map() }));
    tally.active += sign;
    if (isPodReady(pod)) tally.ready += sign;
    const labels: Record<string, string> | undefined = pod.metadata.labels;
    const key = JSON.stringify(labels ?? {});
    const set = tally.labelSets.get(key);
    if (set) set.count += sign;
    else tally.labelSets.set(key, { labels, count: sign });
    if (set && set.count === 0) tally.labelSets.delete(key);
    if (tally.active === 0) this.byOwner.delete(owner);
  }
}
