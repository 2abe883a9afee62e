/**
 * Creating a controller's Pod, as upstream's `RealPodControl.CreatePods` does for every workload
 * controller (pkg/controller/controller_utils.go): the Pod is created, then the owner gets a
 * SuccessfulCreate event; a failure gets a FailedCreate event, except in a terminating namespace,
 * where creating fails for good and upstream records nothing.
 */
import { ApiError, type KubeObject } from '../api/status.js';
import type { Registry } from '../registry/registry.js';
import type { Recorder } from './events/event-recorder.js';
import { PODS } from './kinds.js';
import { newControllerRef } from './object-meta.js';

/** Creates `pod` for `owner`; returns the API error that stopped it, if one did. */
export function createControlledPod(registry: Registry, recorder: Recorder, owner: KubeObject, pod: KubeObject): ApiError | undefined {
  try {
    const created = registry.create(PODS, owner.metadata.namespace, pod).object;
    recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (!error.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) {
      recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${error.message}`);
    }
    return error;
  }
}

/**
 * Adopts (`adopt`) or releases a Pod for `owner`, as upstream's ControllerRefManager does: the
 * owner's reference is replaced by a controller reference, or removed. Undefined when the Pod is
 * gone or changed meanwhile (404 / 409): the next sync sees it afresh.
 */
export function setPodController(registry: Registry, pod: KubeObject, owner: KubeObject, adopt: boolean): KubeObject | undefined {
  const others = (pod.metadata.ownerReferences ?? []).filter((ref: KubeObject) => ref.uid !== owner.metadata.uid);
  const ownerReferences = adopt ? [...others, newControllerRef(owner)] : others;
  const metadata: KubeObject = { ...pod.metadata, ownerReferences };
  if (ownerReferences.length === 0) delete metadata.ownerReferences;
  try {
    return registry.update(PODS, pod.metadata.namespace, pod.metadata.name, { ...pod, metadata }).object;
  } catch (error) {
    if (error instanceof ApiError && (error.code === 404 || error.code === 409)) return undefined;
    throw error;
  }
}
