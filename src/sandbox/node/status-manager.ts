/**
 * The kubelet's status manager (pkg/kubelet/status/status_manager.go), reduced to its write: the
 * Pod's status as generated from what the kubelet knows, sent to the API only when it changed, and
 * only while the API still holds this Pod (not a namesake created after it).
 */
import { isDeepStrictEqual } from 'node:util';
import { ApiError, type KubeObject } from '../api/status.js';
import type { SimClock } from '../clock.js';
import { PODS } from '../controllers/kinds.js';
import type { Registry } from '../registry/registry.js';
import { podStatus, type PodRuntimeStatus } from './pod-status.js';

/** The stored version of this very Pod (same UID), if it is still there. */
export function latestPod(registry: Registry, pod: KubeObject): KubeObject | undefined {
  const { namespace, name, uid } = pod.metadata;
  const stored = registry.store.peek(PODS, namespace, name);
  return stored?.metadata.uid === uid ? stored : undefined;
}

export function writePodStatus(registry: Registry, clock: SimClock, pod: KubeObject, runtime: PodRuntimeStatus): void {
  const latest = latestPod(registry, pod);
  if (!latest) return;
  const status = podStatus(latest.status, runtime, clock.timestamp());
  if (isDeepStrictEqual(latest.status, status)) return;
  try {
    registry.update(PODS, latest.metadata.namespace, latest.metadata.name, { ...latest, status }, { subresource: 'status' });
  } catch (error) {
    // The Pod went meanwhile: nothing to report any more.
    if (!(error instanceof ApiError)) throw error;
  }
}
