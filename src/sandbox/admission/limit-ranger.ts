/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger) for Pods on create: each
 * container without a request or limit gets the namespace's LimitRange `defaultRequest` / `default`
 * (and the `kubernetes.io/limit-ranger` annotation saying so), then every Container and Pod
 * `min`, `max` and `maxLimitRequestRatio` is enforced with the plugin's own messages, as a 403:
 * `pods "web-" is forbidden: maximum cpu usage per Container is 1, but limit is 2.`
 */
import type { KubeObject } from '../api/status.js';
import { newForbiddenObject } from './admission-errors.js';
import { addQuantity, compareMilli, milliValue, quantityString, resourceList, type ResourceList } from './quantity-math.js';

const ANNOTATION = 'kubernetes.io/limit-ranger';

/** Admit: the defaults, for every LimitRange of the namespace in turn. */
export function applyLimitRangeDefaults(pod: KubeObject, limitRanges: readonly KubeObject[]): void {
  for (const limitRange of limitRanges) mergePodResourceRequirements(pod, defaultRequirements(limitRange));
}

/** Validate: the constraints of every LimitRange; throws the 403. `requestName` is the name or generateName sent. */
export function validateLimitRanges(pod: KubeObject, limitRanges: readonly KubeObject[], requestName: string): void {
  for (const limitRange of limitRanges) {
    const errors = podLimitErrors(limitRange, pod);
    if (errors.length > 0) throw newForbiddenObject('pods', '', requestName, errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
  }
}

function defaultRequirements(limitRange: KubeObject): { requests: Record<string, string>; limits: Record<string, string> } {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  for (const item of limitRange.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  return { requests, limits };
}

function mergeContainer(container: KubeObject, defaults: { requests: Record<string, string>; limits: Record<string, string> }, prefix: string, notes: string[]): void {
  const resources = (container.resources ??= {});
  const setRequests: string[] = [];
  const setLimits: string[] = [];
  for (const [key, value] of Object.entries(defaults.limits)) {
    if (resources.limits?.[key] === undefined) {
      resources.limits = { ...(resources.limits ?? {}), [key]: value };
      setLimits.push(key);
    }
  }
  for (const [key, value] of Object.entries(defaults.requests)) {
    if (resources.requests?.[key] === undefined) {
      resources.requests = { ...(resources.requests ?? {}), [key]: value };
      setRequests.push(key);
    }
  }
  if (setRequests.length > 0) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${container.name}`);
  if (setLimits.length > 0) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${container.name}`);
}

function mergePodResourceRequirements(pod: KubeObject, defaults: { requests: Record<string, string>; limits: Record<string, string> }): void {
  const notes: string[] = [];
  for (const container of pod.spec?.containers ?? []) mergeContainer(container, defaults, 'container', notes);
  for (const container of pod.spec?.initContainers ?? []) mergeContainer(container, defaults, 'init container', notes);
  if (notes.length > 0) {
    pod.metadata ??= {};
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

function minConstraint(limitType: string, name: string, enforced: string, request: ResourceList, limit: ResourceList): string | undefined {
  const min = resourceList({ [name]: enforced }).get(name)!;
  const req = request.get(name);
  const lim = limit.get(name);
  const shown = quantityString(min);
  if (!req) return `minimum ${name} usage per ${limitType} is ${shown}.  No request is specified.`;
  if (compareMilli(req, min) < 0) return `minimum ${name} usage per ${limitType} is ${shown}, but request is ${quantityString(req)}.`;
  if (lim && compareMilli(lim, min) < 0) return `minimum ${name} usage per ${limitType} is ${shown}, but limit is ${quantityString(lim)}.`;
  return undefined;
}

function maxConstraint(limitType: string, name: string, enforced: string, request: ResourceList, limit: ResourceList): string | undefined {
  const max = resourceList({ [name]: enforced }).get(name)!;
  const req = request.get(name);
  const lim = limit.get(name);
  const shown = quantityString(max);
  if (!lim) return `maximum ${name} usage per ${limitType} is ${shown}.  No limit is specified.`;
  if (compareMilli(lim, max) > 0) return `maximum ${name} usage per ${limitType} is ${shown}, but limit is ${quantityString(lim)}.`;
  if (req && compareMilli(req, max) > 0) return `maximum ${name} usage per ${limitType} is ${shown}, but request is ${quantityString(req)}.`;
  return undefined;
}

function ratioConstraint(limitType: string, name: string, enforced: string, request: ResourceList, limit: ResourceList): string | undefined {
  const ratio = resourceList({ [name]: enforced }).get(name)!;
  const req = request.get(name);
  const lim = limit.get(name);
  const shown = quantityString(ratio);
  if (!req || milliValue(req) === 0) return `${name} max limit to request ratio per ${limitType} is ${shown}, but no request is specified or request is 0.`;
  if (!lim || milliValue(lim) === 0) return `${name} max limit to request ratio per ${limitType} is ${shown}, but no limit is specified or limit is 0.`;
  const observed = milliValue(lim) / milliValue(req);
  if (observed * 1000 > milliValue(ratio)) return `${name} max limit to request ratio per ${limitType} is ${shown}, but provided ratio is ${observed.toFixed(6)}.`;
  return undefined;
}

type Check = typeof minConstraint;

function checkItem(item: KubeObject, requests: ResourceList, limits: ResourceList, errors: string[]): void {
  const run = (values: Record<string, string> | undefined, check: Check) => {
    for (const [name, value] of Object.entries(values ?? {})) {
      const error = check(item.type, name, value, requests, limits);
      if (error) errors.push(error);
    }
  };
  run(item.min, minConstraint);
  run(item.max, maxConstraint);
  run(item.maxLimitRequestRatio, ratioConstraint);
}

/** sum: a resource only when every input has it. */
function sum(lists: ResourceList[]): ResourceList {
  const out: ResourceList = new Map();
  const keys = new Set(lists.flatMap((list) => [...list.keys()]));
  for (const key of keys) {
    if (!lists.every((list) => list.has(key))) continue;
    out.set(key, lists.map((list) => list.get(key)!).reduce((a, b) => addQuantity(a, b)));
  }
  return out;
}

/** PodValidateLimitFunc */
function podLimitErrors(limitRange: KubeObject, pod: KubeObject): string[] {
  const errors: string[] = [];
  const containers: KubeObject[] = pod.spec?.containers ?? [];
  for (const item of limitRange.spec?.limits ?? []) {
    if (item.type === 'Container') {
      for (const container of containers) {
        checkItem(item, resourceList(container.resources?.requests), resourceList(container.resources?.limits), errors);
      }
    } else if (item.type === 'Pod') {
      const requests = sum(containers.map((c) => resourceList(c.resources?.requests)));
      const limits = sum(containers.map((c) => resourceList(c.resources?.limits)));
      checkItem(item, requests, limits, errors);
    }
  }
  return errors;
}
