/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go, replica_set_utils.go): keeps as
 * many active Pods as spec.replicas — creating them from the template with generateName and a
 * controller reference, deleting the least valuable first — and reports replicas, fullyLabeled,
 * ready and available counts. A deleted Pod is replaced on the next sync: that is the self-healing.
 */
import { isDeepStrictEqual } from 'node:util';
import { typeKey } from '../../api/resources.js';
import { ApiError, type KubeObject } from '../../api/status.js';
import type { Registry } from '../../registry/registry.js';
import type { ObjectStore, StoreEvent } from '../../store/object-store.js';
import { labelSelectorFromMap, labelSelectorFromObject } from '../../store/selectors.js';
import type { SimClock } from '../../clock.js';
import type { ClusterIndex } from '../cluster-index.js';
import type { Recorder } from '../events/event-recorder.js';
import { PODS, REPLICA_SETS } from '../kinds.js';
import { controllerOf, isControlledBy, newControllerRef, objectKey, omitEmpty, splitKey } from '../object-meta.js';
import type { PodReadiness } from '../pod-readiness.js';
import type { OwnedPodTally } from './owned-pod-tally.js';
import { isPodActive } from '../pod-util.js';
import { createControlledPod, setPodController } from '../pod-control.js';
import type { Queue } from '../work-queue.js';
import { podsToDelete } from './pod-ranking.js';

const REPLICA_SET_KEY = typeKey(REPLICA_SETS);
const POD_KEY = typeKey(PODS);

/**
 * Pods created or deleted per sync. Go allows a burst of 500 (slowStartBatch); the sandbox takes
 * smaller bites and requeues, so a thousand creations never hold the event loop.
 */
const BATCH = 10;
/**
 * A deletion ranks every active Pod of the owner, so a big ReplicaSet deletes a share of its Pods
 * per sync rather than ten: a scale-down takes about as many syncs at 4,000 replicas as at 1,000,
 * and its cost stays linear (issue 9).
 */
const DELETE_SYNCS_PER_SCALE_DOWN = 100;

export interface ReplicaSetControllerDeps {
  registry: Registry;
  store: ObjectStore;
  clock: SimClock;
  index: ClusterIndex;
  readiness: PodReadiness;
  /** The counts a sync reads instead of listing the ReplicaSet's Pods. */
  tally: OwnedPodTally;
  recorder: Recorder;
}

/** What calculateStatus counts, read before manageReplicas changes anything, as Go does. */
interface PodCounts {
  active: number;
  fullyLabeled: number;
  ready: number;
  available: number;
}

export class ReplicaSetController {
  /** ReplicaSets an orphan Pod may match: only their next sync scans the namespace for orphans. */
  private readonly orphansFor = new Set<string>();
  /** ReplicaSet key → uids of its Pods whose labels changed: only those can have left its selector. */
  private readonly relabelled = new Map<string, Set<string>>();

  constructor(
    private readonly deps: ReplicaSetControllerDeps,
    private readonly queue: Queue,
  ) {}

  onEvent(event: StoreEvent): void {
    if (event.typeKey === REPLICA_SET_KEY) this.queue.add(objectKey(event.object));
    else if (event.typeKey === POD_KEY) {
      for (const pod of [event.previous, event.object]) {
        const ref = pod && controllerOf(pod);
        if (pod && ref?.kind === 'ReplicaSet') this.queue.add(`${pod.metadata.namespace}/${ref.name}`);
      }
      const pod = event.object;
      const owner = pod && controllerOf(pod);
      if (owner?.kind === 'ReplicaSet' && event.type === 'MODIFIED' && !isDeepStrictEqual(event.previous?.metadata?.labels, pod.metadata.labels)) {
        const key = `${pod.metadata.namespace}/${owner.name}`;
        let uids = this.relabelled.get(key);
        if (!uids) this.relabelled.set(key, (uids = new Set()));
        uids.add(pod.metadata.uid);
      }
      // An orphan (a Pod relabelled back, say) wakes every ReplicaSet that selects it: getPodReplicaSets.
      if (pod && !controllerOf(pod) && !pod.metadata.deletionTimestamp) {
        for (const rs of this.deps.index.inNamespace(REPLICA_SETS, pod.metadata.namespace)) {
          if (!labelSelectorFromObject(rs.spec?.selector)(pod.metadata.labels)) continue;
          this.orphansFor.add(objectKey(rs));
          this.queue.add(objectKey(rs));
        }
      }
    }
  }

  readonly sync = (key: string): void => {
    const { namespace, name } = splitKey(key);
    const rs = this.deps.store.peek(REPLICA_SETS, namespace, name);
    if (!rs) return;
    // Claim first: releasing or adopting a Pod updates the tally the counts come from.
    this.claimPods(rs);
    const counts = this.count(rs);
    let failure: ApiError | undefined;
    if (!rs.metadata.deletionTimestamp) failure = this.manageReplicas(rs, counts.active);
    const updated = this.updateStatus(rs, counts, failure);
    const replicas = updated.spec?.replicas ?? 1;
    const minReadySeconds = updated.spec?.minReadySeconds ?? 0;
    if (!failure && minReadySeconds > 0 && (updated.status?.readyReplicas ?? 0) === replicas && (updated.status?.availableReplicas ?? 0) !== replicas) {
      // Pods turn available with time alone: look again once minReadySeconds passed.
      this.queue.addAfter(key, minReadySeconds * 1000);
    }
    if (failure) throw failure;
  };

  /**
   * ControllerRefManager.ClaimPods (controller_ref_manager.go): a controlled Pod that no longer
   * matches the selector is released (its controller reference removed), so the ReplicaSet
   * replaces it; a matching orphan is adopted. Only Pods whose labels changed are looked at
   * (a selector is immutable), and the namespace is scanned only when an orphan appeared, so a
   * sync costs the same at 4,000 replicas as at 10 (issue 9).
   */
  private claimPods(rs: KubeObject): void {
    const key = objectKey(rs);
    const matches = labelSelectorFromObject(rs.spec?.selector);
    const relabelled = this.relabelled.get(key);
    this.relabelled.delete(key);
    for (const uid of relabelled ?? []) {
      const pod = this.deps.index.get(uid);
      if (pod && isControlledBy(pod, rs) && !pod.metadata.deletionTimestamp && !matches(pod.metadata.labels)) {
        setPodController(this.deps.registry, pod, rs, false);
      }
    }
    if (!this.orphansFor.delete(key) || rs.metadata.deletionTimestamp) return;
    for (const pod of this.deps.index.inNamespace(PODS, rs.metadata.namespace)) {
      if (controllerOf(pod) || pod.metadata.deletionTimestamp || !matches(pod.metadata.labels)) continue;
      setPodController(this.deps.registry, pod, rs, true);
    }
  }

  /** Pods this ReplicaSet controls. */
  private ownedPods(rs: KubeObject): KubeObject[] {
    return this.deps.index.dependents(rs.metadata.uid, PODS).filter((pod) => isControlledBy(pod, rs));
  }

  /** The active Pods' counts from the tally; only minReadySeconds needs the Pods themselves. */
  private count(rs: KubeObject): PodCounts {
    const tally = this.deps.tally.of(rs.metadata.uid);
    const templateLabels: Record<string, string> | undefined = rs.spec?.template?.metadata?.labels;
    const hasTemplateLabels = Object.keys(templateLabels ?? {}).length > 0;
    const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
    return {
      active: tally.active,
      fullyLabeled: hasTemplateLabels ? tally.labelled(labelSelectorFromMap(templateLabels)) : tally.active,
      ready: tally.ready,
      available: minReadySeconds
        ? this.ownedPods(rs).filter((p) => isPodActive(p) && this.deps.readiness.isAvailable(p, minReadySeconds)).length
        : tally.ready,
    };
  }

  /** manageReplicas: creates or deletes Pods toward spec.replicas; returns the first failure. */
  private manageReplicas(rs: KubeObject, active: number): ApiError | undefined {
    const diff = active - (rs.spec?.replicas ?? 1);
    const limit = diff > 0 ? Math.max(BATCH, Math.ceil(active / DELETE_SYNCS_PER_SCALE_DOWN)) : BATCH;
    const batch = Math.min(Math.abs(diff), limit);
    if (Math.abs(diff) > limit) this.queue.add(objectKey(rs));
    if (diff < 0) return this.createPods(rs, batch);
    if (diff > 0) {
      const pods = this.ownedPods(rs).filter(isPodActive);
      return this.deletePods(rs, podsToDelete(pods, this.relatedPods(rs), batch));
    }
    return undefined;
  }

  private createPods(rs: KubeObject, count: number): ApiError | undefined {
    for (let i = 0; i < count; i++) {
      const error = createControlledPod(this.deps.registry, this.deps.recorder, rs, podFromTemplate(rs));
      if (error !== undefined) return error;
    }
    return undefined;
  }

  private deletePods(rs: KubeObject, pods: KubeObject[]): ApiError | undefined {
    for (const pod of pods) {
      try {
        this.deps.registry.delete(PODS, pod.metadata.namespace, pod.metadata.name, { preconditions: { uid: pod.metadata.uid } });
        this.deps.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.code === 404) continue;
        this.deps.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${error.message}`);
        return error;
      }
    }
    return undefined;
  }

  /** getIndirectlyRelatedPods: the active Pods of every ReplicaSet sharing this one's owner. */
  private relatedPods(rs: KubeObject): KubeObject[] {
    const owner = controllerOf(rs);
    const siblings = owner ? this.deps.index.dependents(owner.uid, REPLICA_SETS).filter((s) => controllerOf(s)?.uid === owner.uid) : [rs];
    return siblings.flatMap((s) => this.ownedPods(s)).filter(isPodActive);
  }

  /** calculateStatus + updateReplicaSetStatus: writes only what changed. */
  private updateStatus(rs: KubeObject, counts: PodCounts, failure: ApiError | undefined): KubeObject {
    const status: KubeObject = {
      // `replicas` has no omitempty in Go: a ReplicaSet at zero shows `replicas: 0`.
      replicas: counts.active,
      ...omitEmpty({
        fullyLabeledReplicas: counts.fullyLabeled,
        readyReplicas: counts.ready,
        availableReplicas: counts.available,
        observedGeneration: rs.metadata.generation,
      }),
    };
    const conditions = this.failureConditions(rs, counts.active, failure);
    if (conditions.length) status.conditions = conditions;
    if (isDeepStrictEqual(rs.status, status)) return rs;
    return this.deps.registry.update(REPLICA_SETS, rs.metadata.namespace, rs.metadata.name, { ...rs, status }, { subresource: 'status' }).object;
  }

  /** The ReplicaFailure condition: set on a failed create or delete, cleared by the next success. */
  private failureConditions(rs: KubeObject, active: number, failure: ApiError | undefined): KubeObject[] {
    const others: KubeObject[] = (rs.status?.conditions ?? []).filter((c: KubeObject) => c.type !== 'ReplicaFailure');
    const existing = (rs.status?.conditions ?? []).find((c: KubeObject) => c.type === 'ReplicaFailure');
    if (!failure) return others;
    if (existing) return [...others, existing];
    const reason = active < (rs.spec?.replicas ?? 1) ? 'FailedCreate' : 'FailedDelete';
    return [...others, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: this.deps.clock.timestamp(), reason, message: failure.message }];
  }
}

/** GetPodFromTemplate: labels, annotations, finalizers and spec of the template, named after the ReplicaSet. */
function podFromTemplate(rs: KubeObject): KubeObject {
  const template = rs.spec?.template ?? {};
  const metadata: KubeObject = { generateName: `${rs.metadata.name}-`, ownerReferences: [newControllerRef(rs)] };
  if (template.metadata?.labels) metadata.labels = { ...template.metadata.labels };
  if (template.metadata?.annotations) metadata.annotations = { ...template.metadata.annotations };
  if (template.metadata?.finalizers) metadata.finalizers = [...template.metadata.finalizers];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(template.spec ?? {}) };
}
