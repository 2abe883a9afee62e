/**
 * The Recreate strategy (recreate.go): scale every old ReplicaSet to zero, wait until none of their
 * Pods is left running — terminating ones included — then create and scale up the new one.
 */
import type { KubeObject } from '../../api/status.js';
import type { DeploymentContext } from './context.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { syncRolloutStatus } from './progress.js';
import { actualReplicaCount, deploymentComplete } from './replica-math.js';
import { filterActive, specReplicas } from './replica-sets.js';
import { cleanupDeployment, scaleReplicaSetAndRecordEvent } from './scaling.js';

/** Pods by the uid of the ReplicaSet that controls them (getPodMapForDeployment). */
export type PodMap = Map<string, KubeObject[]>;

export function rolloutRecreate(ctx: DeploymentContext, d: KubeObject, rsList: KubeObject[], podMap: PodMap): void {
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  let allRSs = [...oldRSs, newRS];

  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) if (scaleReplicaSetAndRecordEvent(ctx, rs, 0, d).scaled) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(ctx, allRSs, newRS, d);

  if (!newRS) {
    ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS) scaleReplicaSetAndRecordEvent(ctx, newRS, specReplicas(d), d);
  if (deploymentComplete(d, d.status)) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, allRSs, newRS, d);
}

/** oldPodsRunning: an old ReplicaSet still counts replicas, or one of its Pods has not finished. */
function oldPodsRunning(newRS: KubeObject | undefined, oldRSs: KubeObject[], podMap: PodMap): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [rsUid, pods] of podMap) {
    if (rsUid === newRS?.metadata.uid) continue;
    if (pods.some((pod) => pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}
