/** Pod predicates of pkg/api/v1/pod/util.go and pkg/controller/controller_utils.go. */
import type { KubeObject } from '../api/status.js';

export function podCondition(pod: KubeObject, type: string): KubeObject | undefined {
  return (pod.status?.conditions ?? []).find((c: KubeObject) => c.type === type);
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

export function isPodTerminal(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** FilterActivePods: neither finished nor being deleted — what a ReplicaSet counts as its replicas. */
export function isPodActive(pod: KubeObject): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/** The highest restart count among a Pod's containers (compareMaxContainerRestarts). */
export function maxRestarts(pod: KubeObject): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s: KubeObject) => s.restartCount ?? 0));
}
