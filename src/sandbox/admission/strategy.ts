/**
 * What the registry does to an object between decoding and validation: rest.BeforeCreate /
 * BeforeUpdate plus each kind's strategy (pkg/registry/<group>/<kind>/strategy.go PrepareForCreate,
 * PrepareForUpdate and the status strategies). The functions mutate the object they are given.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../api/status.js';
import { toApiError } from './field-errors.js';
import { dropTypeDependentFields, initIPFamilyFields, normalizeClusterIPs, patchAllocatedValues } from './service-addresses.js';
import { podQOSClass } from './pod-qos.js';

export interface StrategyHooks {
  /**
   * Assigns a Service's ClusterIPs and NodePorts (the Service REST's allocators), called after its
   * address fields were normalized, as beginCreate/beginUpdate do. It may throw an ApiError; whoever
   * supplies it releases what it took if the write fails later.
   */
  allocateServiceAddresses?: (service: KubeObject, previous?: KubeObject) => void;
  /** The clock for condition timestamps (RFC 3339). */
  now?: () => string;
}

const nowOf = (hooks?: StrategyHooks) => hooks?.now?.() ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function prepareService(svc: KubeObject, old: KubeObject | undefined, hooks?: StrategyHooks): void {
  if (old) patchAllocatedValues(svc, old);
  normalizeClusterIPs(svc, old);
  const errs = initIPFamilyFields(svc, old);
  if (errs.length) throw toApiError('Service', '', svc.metadata?.name ?? '', errs);
  hooks?.allocateServiceAddresses?.(svc, old);
}

/**
 * apps/v1 has no spec.templateGeneration: the internal DaemonSet's field travels as this annotation
 * (pkg/apis/apps/v1/conversion.go), which the strategy sets on create and bumps on a template change.
 */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export function templateGeneration(meta: KubeObject | undefined): number | undefined {
  const text = meta?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : undefined;
}

function setTemplateGeneration(meta: KubeObject, generation: number): void {
  meta.annotations = { ...meta.annotations, [TEMPLATE_GENERATION_ANNOTATION]: String(generation) };
}

/** rest.BeforeCreate's reset plus PrepareForCreate: status is the controllers' to write. */
export function prepareForCreate(kind: string, obj: KubeObject, hooks?: StrategyHooks): void {
  const meta = (obj.metadata ??= {});
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
      obj.status = {};
      meta.generation = 1;
      break;
    case 'DaemonSet':
      // DaemonSetStatus's four counters have no omitempty: a new DaemonSet shows them at 0.
      obj.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
      meta.generation = 1;
      setTemplateGeneration(meta, Math.max(1, templateGeneration(meta) ?? 0));
      break;
    case 'EndpointSlice':
      meta.generation = 1;
      break;
    case 'Pod': {
      obj.status = { phase: 'Pending', qosClass: podQOSClass(obj) };
      // applySchedulingGatedCondition: a gated pod says why it is not scheduled.
      if (obj.spec?.schedulingGates?.length) {
        obj.status.conditions = [
          { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: nowOf(hooks), reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' },
        ];
      }
      break;
    }
    case 'Service':
      obj.status = {};
      prepareService(obj, undefined, hooks);
      break;
    case 'Namespace': {
      obj.status = { phase: 'Active' };
      // The kubernetes finalizer is required on create but may be removed later, so it is not a default.
      const spec = (obj.spec ??= {});
      const finalizers: string[] = spec.finalizers ?? [];
      if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
      break;
    }
    case 'PersistentVolumeClaim':
      obj.status = { phase: 'Pending' };
      break;
  }
}

/** rest.BeforeUpdate's carry-overs plus PrepareForUpdate of the main resource. */
export function prepareForUpdate(kind: string, obj: KubeObject, old: KubeObject, hooks?: StrategyHooks): void {
  const meta = (obj.metadata ??= {});
  const oldMeta = old.metadata ?? {};
  // Clients never set generation; uid, creation and deletion markers survive an update.
  if (oldMeta.generation !== undefined) meta.generation = oldMeta.generation;
  else delete meta.generation;
  if (!meta.uid && oldMeta.uid) meta.uid = oldMeta.uid;
  if (oldMeta.creationTimestamp) meta.creationTimestamp = oldMeta.creationTimestamp;
  if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp;
  if (oldMeta.deletionGracePeriodSeconds != null && meta.deletionGracePeriodSeconds == null) meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  switch (kind) {
    case 'Deployment':
      obj.status = old.status;
      // Annotations bump it too: they are copied onto the ReplicaSets.
      if (!isDeepStrictEqual(obj.spec, old.spec) || !isDeepStrictEqual(meta.annotations ?? {}, oldMeta.annotations ?? {})) meta.generation = (oldMeta.generation ?? 0) + 1;
      break;
    case 'ReplicaSet':
    case 'StatefulSet':
      obj.status = old.status;
      if (!isDeepStrictEqual(obj.spec, old.spec)) meta.generation = (oldMeta.generation ?? 0) + 1;
      break;
    case 'DaemonSet': {
      obj.status = old.status;
      // The template generation is the server's: kept, and bumped with the template only.
      const kept = templateGeneration(oldMeta) ?? 1;
      const templateChanged = !isDeepStrictEqual(obj.spec?.template, old.spec?.template);
      setTemplateGeneration(meta, templateChanged ? kept + 1 : kept);
      if (!isDeepStrictEqual(obj.spec, old.spec)) meta.generation = (oldMeta.generation ?? 0) + 1;
      break;
    }
    case 'EndpointSlice': {
      // Anything but metadata changing counts.
      const { metadata: _new, ...rest } = obj;
      const { metadata: _old, ...oldRest } = old;
      if (!isDeepStrictEqual(rest, oldRest)) meta.generation = (oldMeta.generation ?? 0) + 1;
      break;
    }
    case 'Pod':
    case 'PersistentVolumeClaim':
    case 'Node':
      obj.status = old.status;
      break;
    case 'Service':
      obj.status = old.status;
      dropTypeDependentFields(obj, old);
      prepareService(obj, old, hooks);
      break;
    case 'Namespace':
      obj.spec = { ...obj.spec, finalizers: old.spec?.finalizers };
      if (obj.spec.finalizers === undefined) delete obj.spec.finalizers;
      obj.status = old.status;
      break;
  }
  if (obj.status === undefined) delete obj.status;
}

/** The status subresource: only status (and the metadata rules) may change. */
export function prepareForStatusUpdate(kind: string, obj: KubeObject, old: KubeObject): void {
  const meta = (obj.metadata ??= {});
  const oldMeta = old.metadata ?? {};
  if (oldMeta.generation !== undefined) meta.generation = oldMeta.generation;
  if (old.spec === undefined) delete obj.spec;
  else obj.spec = old.spec;
  if (kind === 'Deployment') {
    if (oldMeta.labels === undefined) delete meta.labels;
    else meta.labels = oldMeta.labels;
  }
  if (kind === 'Pod') {
    // Old kubelets corrupt owner references, and the QoS class is fixed at creation.
    if (oldMeta.ownerReferences === undefined) delete meta.ownerReferences;
    else meta.ownerReferences = oldMeta.ownerReferences;
    if (obj.status && !obj.status.qosClass && old.status?.qosClass) obj.status.qosClass = old.status.qosClass;
  }
}
