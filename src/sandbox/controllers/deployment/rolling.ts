/**
 * The RollingUpdate strategy (rolling.go): grow the new ReplicaSet up to replicas + maxSurge, shrink
 * the old ones while at least replicas - maxUnavailable stay available, unhealthy old Pods first.
 */
import type { KubeObject } from '../../api/status.js';
import type { DeploymentContext } from './context.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { syncRolloutStatus } from './progress.js';
import { availableReplicaCount, deploymentComplete, maxUnavailable, newRSNewReplicas, replicaCount } from './replica-math.js';
import { byCreationTimestamp, filterActive, specReplicas } from './replica-sets.js';
import { cleanupDeployment, scaleReplicaSetAndRecordEvent } from './scaling.js';

export function rolloutRolling(ctx: DeploymentContext, d: KubeObject, rsList: KubeObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
  if (!newRS) return;
  const allRSs = [...oldRSs, newRS];

  if (reconcileNewReplicaSet(ctx, allRSs, newRS, d)) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (reconcileOldReplicaSets(ctx, allRSs, filterActive(oldRSs), newRS, d)) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (deploymentComplete(d, d.status)) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, allRSs, newRS, d);
}

function reconcileNewReplicaSet(ctx: DeploymentContext, allRSs: KubeObject[], newRS: KubeObject, d: KubeObject): boolean {
  const desired = specReplicas(d);
  if (specReplicas(newRS) === desired) return false;
  if (specReplicas(newRS) > desired) return scaleReplicaSetAndRecordEvent(ctx, newRS, desired, d).scaled;
  return scaleReplicaSetAndRecordEvent(ctx, newRS, newRSNewReplicas(d, allRSs, newRS), d).scaled;
}

/**
 * reconcileOldReplicaSets. At most allPods - minAvailable - newRSUnavailable may go: unavailable new
 * Pods must not let old ones be removed, or a crash-looping template would eat the old capacity.
 */
function reconcileOldReplicaSets(ctx: DeploymentContext, allRSs: KubeObject[], oldRSs: KubeObject[], newRS: KubeObject, d: KubeObject): boolean {
  if (replicaCount(oldRSs) === 0) return false;
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const newRSUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = replicaCount(allRSs) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;

  const { remaining, cleaned } = cleanupUnhealthyReplicas(ctx, oldRSs, d, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(ctx, [...remaining, newRS], remaining, d);
  return cleaned + scaledDown > 0;
}

/** cleanupUnhealthyReplicas: old ReplicaSets first lose the replicas that are not available anyway. */
function cleanupUnhealthyReplicas(ctx: DeploymentContext, oldRSs: KubeObject[], d: KubeObject, maxCleanup: number): { remaining: KubeObject[]; cleaned: number } {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let cleaned = 0;
  for (let i = 0; i < sorted.length && cleaned < maxCleanup; i++) {
    const rs = sorted[i]!;
    const available = rs.status?.availableReplicas ?? 0;
    if (specReplicas(rs) === 0 || specReplicas(rs) === available) continue;
    const count = Math.min(maxCleanup - cleaned, specReplicas(rs) - available);
    sorted[i] = scaleReplicaSetAndRecordEvent(ctx, rs, specReplicas(rs) - count, d).rs;
    cleaned += count;
  }
  return { remaining: sorted, cleaned };
}

/** scaleDownOldReplicaSetsForRollingUpdate: oldest first, never below minAvailable available Pods. */
function scaleDownOldReplicaSetsForRollingUpdate(ctx: DeploymentContext, allRSs: KubeObject[], oldRSs: KubeObject[], d: KubeObject): number {
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  const total = available - minAvailable;
  let scaledDown = 0;
  for (const rs of [...oldRSs].sort(byCreationTimestamp)) {
    if (scaledDown >= total) break;
    if (specReplicas(rs) === 0) continue;
    const count = Math.min(specReplicas(rs), total - scaledDown);
    scaleReplicaSetAndRecordEvent(ctx, rs, specReplicas(rs) - count, d);
    scaledDown += count;
  }
  return scaledDown;
}
