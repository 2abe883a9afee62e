/** What belongs to a Deployment: its Pods (by selector) and its ReplicaSets (by owner). */
import type { ClusterView } from './cluster-view.js';
import { byAge, isOwnedBy, isServingPod, isTerminating, revisionOf, workloadSelector, type KubeObject } from './k8s.js';

/** Every Pod the Deployment's selector picks, terminating ones included, oldest first. */
export function podsOfDeployment(deployment: KubeObject, view: ClusterView): KubeObject[] {
  const selector = workloadSelector(deployment);
  // Without a selector a Deployment owns nothing (the API requires one; a test object may lack it).
  if (selector === undefined) return [];
  return view.list('Pod', selector).sort(byAge);
}

export function servingPods(pods: readonly KubeObject[]): KubeObject[] {
  return pods.filter(isServingPod);
}

export function livePods(pods: readonly KubeObject[]): KubeObject[] {
  return pods.filter((pod) => !isTerminating(pod));
}

export interface Revision {
  revision: number;
  replicaSet: KubeObject;
}

/** The Deployment's rollout history as `kubectl rollout history` shows it, oldest revision first. */
export function revisionsOf(deployment: KubeObject, view: ClusterView): Revision[] {
  const revisions: Revision[] = [];
  for (const replicaSet of view.list('ReplicaSet')) {
    const revision = revisionOf(replicaSet);
    if (revision !== undefined && isOwnedBy(replicaSet, deployment, 'Deployment')) revisions.push({ revision, replicaSet });
  }
  return revisions.sort((a, b) => a.revision - b.revision);
}
