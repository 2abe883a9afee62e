/**
 * ResourceQuota: what an object costs (pkg/quota/v1/evaluator/core and the generic object-count
 * evaluator) and the admission check (k8s.io/apiserver/pkg/admission/plugin/resourcequota,
 * controller.go's checkRequest) with its messages:
 *   `pods "web-7d9c5b-" is forbidden: exceeded quota: learner, requested: pods=1, used: pods=4, limited: pods=4`
 *   `pods "web-7d9c5b-" is forbidden: failed quota: learner: must specify limits.cpu for: nginx`
 * Usage is computed from the stored objects at the moment of the check (the sandbox has no
 * concurrent writers, so it is what the quota controller would have recorded); the controller
 * (controllers/resource-quota.ts) writes the same figures into each quota's status.
 */
import type { KubeObject } from '../api/status.js';
import { findType, type ResourceType } from '../api/resources.js';
import { newForbiddenObject } from './admission-errors.js';
import { podQOSClass } from './pod-qos.js';
import { addLists, addQuantity, compareMilli, mask, ONE, prettyPrint, quantityString, resourceList, ZERO, type ResourceList } from './quantity-math.js';
import { compareQuantities } from './quantity.js';

export interface QuotaContext {
  /** The stored objects of a type in a namespace. */
  list(type: ResourceType, namespace: string): readonly KubeObject[];
  /** Wall-clock ms and the sandbox's speed (a Pod's grace period is simulated time). */
  now(): number;
  speed: number;
}

const PODS = findType('', 'pods')!;
const SERVICES = findType('', 'services')!;

/** The names the pod evaluator answers for (podResources plus the object count). */
const POD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage',
  'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
  'pods', 'count/pods',
]);
/** Quota on these makes every container state them (the backward-compatible validationSet). */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);
/** Core kinds counted under their bare plural as well as `count/…`. */
const LEGACY_COUNTS = new Set(['services', 'configmaps', 'secrets', 'resourcequotas', 'persistentvolumeclaims', 'replicationcontrollers']);

/** `count/deployments.apps`, `count/pods` */
export function objectCountName(type: ResourceType): string {
  return type.group ? `count/${type.plural}.${type.group}` : `count/${type.plural}`;
}

/** Whether the evaluator of `type` tracks the resource `name` (evaluator.MatchingResources). */
export function handles(type: ResourceType, name: string): boolean {
  if (type === PODS) return POD_RESOURCES.has(name) || name.startsWith('requests.hugepages-') || name.startsWith('hugepages-');
  if (name === objectCountName(type)) return true;
  if (type === SERVICES && (name === 'services.nodeports' || name === 'services.loadbalancers')) return true;
  return !type.group && LEGACY_COUNTS.has(type.plural) && name === type.plural;
}

/** The type a quota's resource name counts (for recomputing usage). */
export function typeOfResourceName(name: string): ResourceType | undefined {
  if (POD_RESOURCES.has(name) || name.includes('hugepages-')) return PODS;
  if (name === 'services.nodeports' || name === 'services.loadbalancers') return SERVICES;
  if (LEGACY_COUNTS.has(name)) return findType('', name);
  const m = /^count\/([^.]+)(?:\.(.+))?$/.exec(name);
  return m ? findType(m[2] ?? '', m[1]!) : undefined;
}

/** QuotaV1Pod: terminal Pods, and Pods stuck past their grace period, cost no compute. */
function podCountsForCompute(pod: KubeObject, ctx: QuotaContext): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const deletion = pod.metadata?.deletionTimestamp;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  if (deletion && grace != null && ctx.now() > Date.parse(deletion) + (grace * 1000) / ctx.speed) return false;
  return true;
}

function sumContainers(containers: KubeObject[], field: 'requests' | 'limits'): ResourceList {
  let total: ResourceList = new Map();
  for (const container of containers) total = addLists(total, resourceList(container.resources?.[field]));
  return total;
}

/** resourcehelper.PodRequests / PodLimits: the containers' sum, at least each init container's, plus overhead. */
function podResources(pod: KubeObject, field: 'requests' | 'limits'): ResourceList {
  const total = sumContainers(pod.spec?.containers ?? [], field);
  for (const init of pod.spec?.initContainers ?? []) {
    for (const [key, value] of resourceList(init.resources?.[field])) {
      const current = total.get(key);
      if (!current || compareQuantities(value, current) > 0) total.set(key, value);
    }
  }
  return field === 'requests' ? addLists(total, resourceList(pod.spec?.overhead)) : total;
}

/** podComputeUsageHelper */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = new Map([['pods', ONE]]);
  for (const resource of ['cpu', 'memory', 'ephemeral-storage']) {
    const request = requests.get(resource);
    if (request) {
      out.set(resource, request);
      out.set(`requests.${resource}`, request);
    }
    const limit = limits.get(resource);
    if (limit) out.set(`limits.${resource}`, limit);
  }
  return out;
}

/** What one object costs, in every resource its evaluator knows. */
export function objectUsage(type: ResourceType, object: KubeObject, ctx: QuotaContext): ResourceList {
  const usage: ResourceList = new Map([[objectCountName(type), ONE]]);
  if (type === PODS) {
    if (!podCountsForCompute(object, ctx)) return usage;
    return addLists(usage, computeUsage(podResources(object, 'requests'), podResources(object, 'limits')));
  }
  if (!type.group && LEGACY_COUNTS.has(type.plural)) usage.set(type.plural, ONE);
  if (type === SERVICES) {
    const serviceType = object.spec?.type ?? 'ClusterIP';
    const ports = (object.spec?.ports ?? []).length;
    const nodePorts = serviceType === 'NodePort' || (serviceType === 'LoadBalancer' && object.spec?.allocateLoadBalancerNodePorts !== false) ? ports : 0;
    usage.set('services.nodeports', { digits: BigInt(nodePorts), scale: 0, format: 'DecimalSI' });
    usage.set('services.loadbalancers', serviceType === 'LoadBalancer' ? ONE : ZERO);
  }
  return usage;
}

/** Whether a quota's scopes (Terminating, NotTerminating, BestEffort, NotBestEffort) admit the object. */
export function scopesMatch(quota: KubeObject, type: ResourceType, object: KubeObject): boolean {
  const scopes: string[] = [...(quota.spec?.scopes ?? []), ...(quota.spec?.scopeSelector?.matchExpressions ?? []).map((e: KubeObject) => e.scopeName)];
  if (scopes.length === 0) return true;
  if (type !== PODS) return false;
  return scopes.every((scope) => {
    switch (scope) {
      case 'Terminating':
        return object.spec?.activeDeadlineSeconds != null;
      case 'NotTerminating':
        return object.spec?.activeDeadlineSeconds == null;
      case 'BestEffort':
        return podQOSClass(object) === 'BestEffort';
      case 'NotBestEffort':
        return podQOSClass(object) !== 'BestEffort';
      default:
        return false;
    }
  });
}

/** The usage of every resource a quota names, from the namespace's stored objects ("0" where none). */
export function quotaUsage(quota: KubeObject, ctx: QuotaContext): ResourceList {
  const namespace: string = quota.metadata.namespace;
  const names = Object.keys(quota.spec?.hard ?? {});
  const used: ResourceList = new Map(names.map((name) => [name, ZERO]));
  const types = new Set(names.map(typeOfResourceName).filter((t): t is ResourceType => t !== undefined));
  for (const type of types) {
    for (const object of ctx.list(type, namespace)) {
      if (!scopesMatch(quota, type, object)) continue;
      for (const [name, value] of objectUsage(type, object, ctx)) {
        if (used.has(name) && handles(type, name)) used.set(name, addQuantity(used.get(name)!, value));
      }
    }
  }
  return used;
}

/** A quota's status as the controller writes it: hard from the spec, used from the objects. */
export function quotaStatus(quota: KubeObject, ctx: QuotaContext): KubeObject {
  const used = quotaUsage(quota, ctx);
  const hard = resourceList(quota.spec?.hard);
  const print = (list: ResourceList) => Object.fromEntries([...list.keys()].sort().map((key) => [key, quantityString(list.get(key)!)]));
  return { hard: print(hard), used: print(used) };
}

/**
 * checkRequest for a create: the first quota whose constraints fail or whose limit the object
 * would pass refuses it (403). `requestName` is the name or generateName sent.
 */
export function checkQuotas(type: ResourceType, object: KubeObject, quotas: readonly KubeObject[], requestName: string, ctx: QuotaContext): void {
  const interesting: KubeObject[] = [];
  for (const quota of quotas) {
    if (quota.metadata.deletionTimestamp) continue;
    const hardNames = Object.keys(quota.spec?.hard ?? {});
    const restricted = hardNames.filter((name) => handles(type, name));
    if (restricted.length === 0 || !scopesMatch(quota, type, object)) continue;
    if (type === PODS) {
      const missing = missingPodConstraints(object, restricted);
      if (missing) throw newForbiddenObject(type.plural, type.group, requestName, `failed quota: ${quota.metadata.name}: must specify ${missing}`);
    }
    interesting.push(quota);
  }
  if (interesting.length === 0) return;
  const delta = objectUsage(type, object, ctx);
  for (const quota of interesting) {
    const hard = resourceList(quota.spec?.hard);
    const used = quotaUsage(quota, ctx);
    const requested = mask(delta, hard.keys());
    const exceeded = [...requested.keys()].filter((name) => compareMilli(addQuantity(used.get(name) ?? ZERO, requested.get(name)!), hard.get(name)!) > 0);
    if (exceeded.length > 0) {
      throw newForbiddenObject(
        type.plural,
        type.group,
        requestName,
        `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`,
      );
    }
  }
}

/** podEvaluator.Constraints: `limits.cpu for: nginx; requests.memory for: nginx,sidecar`, or undefined. */
function missingPodConstraints(pod: KubeObject, restricted: string[]): string | undefined {
  const required = restricted.filter((name) => VALIDATION_SET.has(name));
  if (required.length === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const container of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const usage = computeUsage(resourceList(container.resources?.requests), resourceList(container.resources?.limits));
    for (const name of required) {
      if (!usage.has(name)) {
        if (!missing.has(name)) missing.set(name, new Set());
        missing.get(name)!.add(container.name);
      }
    }
  }
  if (missing.size === 0) return undefined;
  return [...missing.entries()]
    .map(([name, containers]) => `${name} for: ${[...containers].sort().join(',')}`)
    .sort()
    .join('; ');
}
