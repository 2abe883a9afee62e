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
