/**
 * Per-type rules the registry applies around a write — the sandbox's version of
 * pkg/registry/<group>/<type>/strategy.go (PrepareForCreate / PrepareForUpdate) and rest/delete.go.
 */
import type { KubeObject } from '../api/status.js';
import type { ResourceType } from '../api/resources.js';
import { isDeepStrictEqual } from 'node:util';

/** Types whose spec changes bump metadata.generation (their strategies do). */
const GENERATION_TRACKED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

export function hasStatusSubresource(type: ResourceType): boolean {
  return !!type.subresources?.status;
}

/** PrepareForCreate: status is the controllers' to write; generation starts at 1. */
export function prepareForCreate(type: ResourceType, object: KubeObject): void {
  const meta = object.metadata;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  if (GENERATION_TRACKED.has(type.kind)) meta.generation = 1;
  else delete meta.generation;
  if (hasStatusSubresource(type) && type.kind !== 'Node') {
    // Pods and Services keep nothing of a client's status either (podStrategy resets it).
    object.status = type.kind === 'Namespace' ? { phase: 'Active' } : type.kind === 'Pod' ? { phase: 'Pending', qosClass: qosClass(object) } : {};
  }
}

/**
 * PrepareForUpdate. On the main resource the status stays as stored; on the status subresource
 * everything but status stays. Generation moves only when the spec changed.
 */
export function prepareForUpdate(type: ResourceType, next: KubeObject, old: KubeObject, subresource?: string): void {
  if (subresource === 'status') {
    // The writer's resourceVersion still guards the write (optimistic concurrency).
    const { status } = next;
    const resourceVersion = next.metadata?.resourceVersion;
    for (const key of Object.keys(next)) delete next[key];
    Object.assign(next, structuredClone(old), { status });
    next.metadata.resourceVersion = resourceVersion;
    return;
  }
  if (hasStatusSubresource(type) && old.status !== undefined) next.status = structuredClone(old.status);
  // Deletion markers are the registry's, never a client's.
  if (old.metadata.deletionTimestamp) next.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
  else delete next.metadata.deletionTimestamp;
  if (old.metadata.deletionGracePeriodSeconds !== undefined) next.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
  else delete next.metadata.deletionGracePeriodSeconds;
  if (GENERATION_TRACKED.has(type.kind)) {
    const generation = old.metadata.generation ?? 1;
    next.metadata.generation = isDeepStrictEqual(next.spec, old.spec) ? generation : generation + 1;
  } else {
    delete next.metadata.generation;
    if (old.metadata.generation !== undefined) next.metadata.generation = old.metadata.generation;
  }
}

/** The QoS class the apiserver computes on create (pkg/apis/core/helper/qos). */
export function qosClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: KubeObject[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (!lim[r] || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
