/**
 * The namespace's LimitRanges and ResourceQuotas applied to a create (admission/limit-ranger.ts,
 * admission/resource-quota.ts), read from the store. In kube-apiserver's order: LimitRanger's
 * defaults with the mutating plugins; its constraints, then the quota, with the validating ones.
 */
import type { KubeObject } from '../api/status.js';
import { findType, type ResourceType } from '../api/resources.js';
import type { SimClock } from '../clock.js';
import type { ObjectStore } from '../store/object-store.js';
import { applyLimitRangeDefaults, validateLimitRanges } from '../admission/limit-ranger.js';
import { checkQuotas, type QuotaContext } from '../admission/resource-quota.js';
import type { AdmissionPlugins } from './admission.js';

export const RESOURCE_QUOTAS = findType('', 'resourcequotas')!;
export const LIMIT_RANGES = findType('', 'limitranges')!;

export function quotaContext(store: ObjectStore, clock: SimClock): QuotaContext {
  return {
    list: (type, namespace) => store.list(type, { namespace }).items,
    now: () => clock.now().getTime(),
    speed: clock.speed,
  };
}

/** The plugins for a create of `type` in `namespace`; `requestName` is the name or generateName sent. */
export function quotaAdmission(store: ObjectStore, clock: SimClock, type: ResourceType, namespace: string | undefined, requestName: string): AdmissionPlugins | undefined {
  if (!type.namespaced || !namespace) return undefined;
  const isPod = type.kind === 'Pod' && type.group === '';
  const limitRanges = isPod ? store.list(LIMIT_RANGES, { namespace }).items : [];
  const quotas = store.list(RESOURCE_QUOTAS, { namespace }).items;
  if (limitRanges.length === 0 && quotas.length === 0) return undefined;
  return {
    mutate(object: KubeObject) {
      if (isPod) applyLimitRangeDefaults(object, limitRanges);
    },
    validate(object: KubeObject) {
      if (isPod) validateLimitRanges(object, limitRanges, requestName);
      if (quotas.length > 0) checkQuotas(type, object, quotas, requestName, quotaContext(store, clock));
    },
  };
}
