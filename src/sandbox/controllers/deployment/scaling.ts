/**
 * Resizing a Deployment's ReplicaSets (sync.go): one ReplicaSet scaled with a `ScalingReplicaSet`
 * event, proportional scaling of a rollout in flight, and the revisionHistoryLimit clean-up.
 */
import { ApiError, type KubeObject } from '../../api/status.js';
import { REPLICA_SETS } from '../kinds.js';
import { replicasAnnotationsNeedUpdate, revision, setReplicasAnnotations } from './annotations.js';
import type { DeploymentContext } from './context.js';
import { getProportion, hasRevisionHistoryLimit, isRollingUpdate, isSaturated, maxSurge, replicaCount } from './replica-math.js';
import { byCreationTimestamp, bySizeNewer, bySizeOlder, filterActive, specReplicas } from './replica-sets.js';

export interface ScaleResult {
  scaled: boolean;
  rs: KubeObject;
}

/** scaleReplicaSet: sets replicas and the desired/max annotations, with the 1.32 event text. */
function scaleReplicaSet(ctx: DeploymentContext, rs: KubeObject, newScale: number, d: KubeObject, operation: string): ScaleResult {
  const oldScale = specReplicas(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  const desired = specReplicas(d);
  const annotationsNeedUpdate = replicasAnnotationsNeedUpdate(rs, desired, desired + maxSurge(d));
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return { scaled: false, rs };
  const copy = structuredClone(rs);
  copy.spec.replicas = newScale;
  setReplicasAnnotations(copy, desired, desired + maxSurge(d));
  const updated = ctx.registry.update(REPLICA_SETS, copy.metadata.namespace, copy.metadata.name, copy).object;
  if (sizeNeedsUpdate) {
    ctx.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
  }
  return { scaled: sizeNeedsUpdate, rs: updated };
}

export function scaleReplicaSetAndRecordEvent(ctx: DeploymentContext, rs: KubeObject, newScale: number, d: KubeObject): ScaleResult {
  if (specReplicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(ctx, rs, newScale, d, specReplicas(rs) < newScale ? 'up' : 'down');
}

/** FindActiveOrLatest: the only active ReplicaSet, the newest when none is, undefined when several are. */
function findActiveOrLatest(newRS: KubeObject | undefined, oldRSs: KubeObject[]): KubeObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActive([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/**
 * scale: a scaling event (or a paused Deployment). Replicas added or removed mid-rollout are spread
 * over the active ReplicaSets in proportion to their size, so a bad template does not grow faster.
 */
export function scale(ctx: DeploymentContext, d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (specReplicas(activeOrLatest) !== specReplicas(d)) scaleReplicaSetAndRecordEvent(ctx, activeOrLatest, specReplicas(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) scaleReplicaSetAndRecordEvent(ctx, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const allRSs = filterActive([...oldRSs, newRS]);
  const allowedSize = specReplicas(d) > 0 ? specReplicas(d) + maxSurge(d) : 0;
  const toAdd = allowedSize - replicaCount(allRSs);
  let operation = '';
  if (toAdd > 0) {
    allRSs.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    allRSs.sort(bySizeOlder);
    operation = 'down';
  }
  let added = 0;
  const sizes = allRSs.map((rs) => {
    const proportion = toAdd !== 0 ? getProportion(rs, d, toAdd, added) : 0;
    added += proportion;
    return specReplicas(rs) + proportion;
  });
  // Leftovers go to the largest ReplicaSet.
  if (toAdd !== 0 && sizes.length) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  allRSs.forEach((rs, i) => scaleReplicaSet(ctx, rs, sizes[i]!, d, operation));
}

/** ReplicaSetsByRevision: oldest revision first. */
function byRevision(a: KubeObject, b: KubeObject): number {
  return revision(a) - revision(b) || byCreationTimestamp(a, b);
}

/** cleanupDeployment: keeps revisionHistoryLimit old ReplicaSets, deleting the oldest idle ones. */
export function cleanupDeployment(ctx: DeploymentContext, oldRSs: KubeObject[], d: KubeObject): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
  const diff = cleanable.length - (d.spec.revisionHistoryLimit ?? 10);
  for (const rs of cleanable.slice(0, Math.max(0, diff))) {
    // Only ReplicaSets already at zero whose controller has seen that.
    if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    try {
      ctx.registry.delete(REPLICA_SETS, rs.metadata.namespace, rs.metadata.name);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 404)) throw error;
    }
  }
}
