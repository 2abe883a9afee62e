/**
 * What a node restart does to the Pods bound to it, for a sandbox restored from its saved state
 * (store/persistence.ts): as after `minikube stop` / `minikube start`, the Pods keep their names,
 * uids and specs, but their sandboxes and containers are gone — the kubelet starts them again (a
 * new Pod IP, ContainerCreating, then Running once the image is there and the probes pass). Images
 * already pulled stay on the node. kube-system's Pods are the node's own and are adopted as they
 * are, as at the first start.
 */
import type { KubeObject } from '../api/status.js';

const SYSTEM_NAMESPACE = 'kube-system';

/** The Pod as the restarted node finds it: scheduled, not running. Other objects pass unchanged. */
export function podAfterNodeRestart(pod: KubeObject, nodeName: string): KubeObject {
  if (pod.metadata.namespace === SYSTEM_NAMESPACE || pod.spec?.nodeName !== nodeName) return pod;
  // Finished Pods (a Job's, a failed one) stay as they ended.
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed' || pod.metadata.deletionTimestamp) return pod;
  const scheduled = (pod.status?.conditions ?? []).filter((c: KubeObject) => c.type === 'PodScheduled');
  return {
    ...pod,
    status: {
      phase: 'Pending',
      conditions: scheduled,
      ...(pod.status?.qosClass ? { qosClass: pod.status.qosClass } : {}),
    },
  };
}

/** Images the saved Pods had pulled: still on the node after a restart. */
export function pulledImages(pods: KubeObject[]): string[] {
  const images = new Set<string>();
  for (const pod of pods) {
    for (const status of [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]) {
      if (status.imageID && status.image) images.add(String(status.image));
    }
  }
  return [...images];
}
