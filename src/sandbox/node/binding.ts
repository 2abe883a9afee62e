/**
 * The `pods/binding` subresource's storage (pkg/registry/core/pod/storage/storage.go BindingREST):
 * sets spec.nodeName — which no Pod update may change — and the PodScheduled condition in one write.
 * The Registry has no binding subresource yet, so this is it, written against the Registry's store
 * as Registry.removePod is.
 */
import { conflict, type KubeObject } from '../api/status.js';
import type { Registry } from '../registry/registry.js';
import { PODS } from '../controllers/kinds.js';

export function bindPod(registry: Registry, namespace: string, name: string, nodeName: string): KubeObject {
  const pod = registry.store.get(PODS, namespace, name);
  if (pod.metadata.deletionTimestamp) throw conflict('pods', '', name, `pod ${name} is being deleted, cannot be assigned to a host`);
  if (pod.spec?.nodeName) throw conflict('pods', '', name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
  const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: registry.clock.timestamp() };
  const conditions: KubeObject[] = pod.status?.conditions ?? [];
  // New spec and status objects; the rest is shared with the stored Pod, which nothing writes into.
  const next = { ...pod, spec: { ...pod.spec, nodeName }, status: { ...pod.status, conditions: [...conditions.filter((c) => c.type !== 'PodScheduled'), scheduled] } };
  return registry.store.update(PODS, next);
}
