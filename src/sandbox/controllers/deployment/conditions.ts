/** Deployment conditions and their reasons (pkg/controller/deployment/util/deployment_util.go). */
import type { KubeObject } from '../../api/status.js';

export const ReplicaSetUpdatedReason = 'ReplicaSetUpdated';
export const FailedRSCreateReason = 'ReplicaSetCreateError';
export const NewReplicaSetReason = 'NewReplicaSetCreated';
export const FoundNewRSReason = 'FoundNewReplicaSet';
export const NewRSAvailableReason = 'NewReplicaSetAvailable';
export const TimedOutReason = 'ProgressDeadlineExceeded';
export const PausedDeployReason = 'DeploymentPaused';
export const ResumedDeployReason = 'DeploymentResumed';
export const MinimumReplicasAvailable = 'MinimumReplicasAvailable';
export const MinimumReplicasUnavailable = 'MinimumReplicasUnavailable';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export function newCondition(type: string, status: ConditionStatus, reason: string, message: string, now: string): KubeObject {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getCondition(status: KubeObject | undefined, type: string): KubeObject | undefined {
  return (status?.conditions ?? []).find((c: KubeObject) => c.type === type);
}

/**
 * SetDeploymentCondition: nothing changes when status and reason are the same; the transition time
 * survives when only the reason changes. The condition moves to the end of the list, as in Go.
 */
export function setCondition(status: KubeObject, condition: KubeObject): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c: KubeObject) => c.type !== condition.type), next];
}

export function removeCondition(status: KubeObject, type: string): void {
  const kept = (status.conditions ?? []).filter((c: KubeObject) => c.type !== type);
  if (kept.length) status.conditions = kept;
  else delete status.conditions;
}
