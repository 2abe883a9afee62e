/**
 * A DaemonSet's ControllerRevisions (pkg/controller/daemon/update.go constructHistory, snapshot,
 * cleanupHistory): one revision per template the DaemonSet has had, named `<ds>-<hash>`, the
 * current one numbered highest. Its `controller-revision-hash` label is what the Pods carry, and
 * what `kubectl rollout history ds/…` and `rollout undo` read.
 */
import { ApiError, type KubeObject } from '../../api/status.js';
import type { Registry } from '../../registry/registry.js';
import type { ClusterIndex } from '../cluster-index.js';
import { computeHash } from '../deployment/hash.js';
import { CONTROLLER_REVISIONS } from '../kinds.js';
import { isControlledBy, newControllerRef } from '../object-meta.js';
import { REVISION_HASH_LABEL, revisionData, revisionMatches } from './node-placement.js';

export interface History {
  current: KubeObject;
  old: KubeObject[];
  /** The current revision's hash: the label the up-to-date Pods carry. */
  hash: string;
}

export class DaemonHistory {
  constructor(
    private readonly registry: Registry,
    private readonly index: ClusterIndex,
  ) {}

  private controlled(ds: KubeObject): KubeObject[] {
    return this.index.dependents(ds.metadata.uid, CONTROLLER_REVISIONS).filter((r) => isControlledBy(r, ds));
  }

  /** constructHistory: finds or makes the current revision and renumbers it above the old ones. */
  construct(ds: KubeObject): History {
    const current: KubeObject[] = [];
    const old: KubeObject[] = [];
    for (const revision of this.controlled(ds)) (revisionMatches(ds, revision) ? current : old).push(revision);
    const next = Math.max(0, ...old.map((r) => r.revision ?? 0)) + 1;
    let cur = current.sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0))[0];
    if (!cur) cur = this.snapshot(ds, next);
    else if ((cur.revision ?? 0) < next) {
      cur = this.registry.update(CONTROLLER_REVISIONS, ds.metadata.namespace, cur.metadata.name, { ...cur, revision: next }).object;
    }
    return { current: cur, old, hash: cur.metadata.labels?.[REVISION_HASH_LABEL] ?? cur.metadata.name };
  }

  /** snapshot: the revision of the current template. */
  private snapshot(ds: KubeObject, revision: number): KubeObject {
    const hash = computeHash(ds.spec?.template ?? {}, ds.status?.collisionCount);
    const body: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `${ds.metadata.name}-${hash}`,
        namespace: ds.metadata.namespace,
        labels: { ...ds.spec?.template?.metadata?.labels, [REVISION_HASH_LABEL]: hash },
        ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
        ownerReferences: [newControllerRef(ds)],
      },
      data: revisionData(ds),
      revision,
    };
    try {
      return this.registry.create(CONTROLLER_REVISIONS, ds.metadata.namespace, body).object;
    } catch (error) {
      // A revision of that name already exists: ours with this template (a race) is the one.
      if (!(error instanceof ApiError && error.code === 409)) throw error;
      const existing = this.registry.store.peek(CONTROLLER_REVISIONS, ds.metadata.namespace, body.metadata.name);
      if (existing && isControlledBy(existing, ds) && revisionMatches(ds, existing)) return existing;
      throw error;
    }
  }

  /** cleanupHistory: drops the oldest revisions no live Pod runs, beyond revisionHistoryLimit. */
  cleanup(ds: KubeObject, history: History, liveHashes: ReadonlySet<string>): void {
    const limit = ds.spec?.revisionHistoryLimit ?? 10;
    const unused = history.old.filter((r) => !liveHashes.has(r.metadata.labels?.[REVISION_HASH_LABEL] ?? ''));
    const extra = unused.length - limit;
    if (extra <= 0) return;
    for (const revision of unused.sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0)).slice(0, extra)) {
      try {
        this.registry.delete(CONTROLLER_REVISIONS, revision.metadata.namespace, revision.metadata.name, { preconditions: { uid: revision.metadata.uid } });
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 404)) throw error;
      }
    }
  }
}
