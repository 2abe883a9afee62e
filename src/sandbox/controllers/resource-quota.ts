/**
 * The ResourceQuota controller (pkg/controller/resourcequota): a quota's status holds its hard
 * limits and the namespace's current usage of each, recomputed whenever something it counts
 * changes in its namespace (admission/resource-quota.ts computes both).
 *
 * An update that leaves what an object costs unchanged (a Pod's status, a ConfigMap's data) does
 * not resync the namespace: upstream's quota monitor queues only the updates that change usage
 * (a Pod turning terminal, a Service changing type), and in a room every Pod's status writes
 * resynced its namespace's quota, each sync walking every object the quota counts.
 */
import { isDeepStrictEqual } from 'node:util';
import { ApiError } from '../api/status.js';
import { typeKey } from '../api/resources.js';
import type { SimClock } from '../clock.js';
import type { Registry } from '../registry/registry.js';
import { quotaContext, RESOURCE_QUOTAS } from '../registry/quota-admission.js';
import { objectUsage, quotaStatus, scopesMatch, typeOfResourceName } from '../admission/resource-quota.js';
import type { KubeObject } from '../api/status.js';
import type { ResourceType } from '../api/resources.js';
import type { StoreEvent } from '../store/object-store.js';
import type { Queue } from './work-queue.js';

const QUOTA_KEY = typeKey(RESOURCE_QUOTAS);

export class ResourceQuotaController {
  constructor(
    private readonly registry: Registry,
    private readonly clock: SimClock,
    private readonly queue: Queue,
  ) {}

  onEvent(event: StoreEvent): void {
    const namespace: string | undefined = event.object.metadata.namespace;
    if (!namespace) return;
    if (event.typeKey === QUOTA_KEY) {
      if (event.type !== 'DELETED') this.queue.add(namespace);
      return;
    }
    const quotas = this.registry.store.list(RESOURCE_QUOTAS, { namespace }).items;
    let counted: ResourceType | undefined;
    for (const quota of quotas) {
      for (const name of Object.keys(quota.spec?.hard ?? {})) {
        const type = typeOfResourceName(name);
        if (type !== undefined && typeKey(type) === event.typeKey) counted = type;
      }
    }
    if (!counted) return;
    if (event.type === 'MODIFIED' && event.previous && !this.usageChanged(counted, quotas, event.previous, event.object)) return;
    this.queue.add(namespace);
  }

  /** Whether an update changes what the object costs any of the quotas (its usage, or whether their scopes take it). */
  private usageChanged(type: ResourceType, quotas: readonly KubeObject[], before: KubeObject, after: KubeObject): boolean {
    const ctx = quotaContext(this.registry.store, this.clock);
    if (!isDeepStrictEqual(objectUsage(type, before, ctx), objectUsage(type, after, ctx))) return true;
    return quotas.some((quota) => scopesMatch(quota, type, before) !== scopesMatch(quota, type, after));
  }

  readonly sync = (namespace: string): void => {
    const ctx = quotaContext(this.registry.store, this.clock);
    for (const quota of this.registry.store.list(RESOURCE_QUOTAS, { namespace }).items) {
      if (quota.metadata.deletionTimestamp) continue;
      const status = quotaStatus(quota, ctx);
      if (isDeepStrictEqual(status, quota.status ?? {})) continue;
      try {
        this.registry.update(RESOURCE_QUOTAS, namespace, quota.metadata.name, { ...structuredClone(quota), status }, { subresource: 'status' });
      } catch (error) {
        // Changed or gone meanwhile: its own event queues the namespace again.
        if (error instanceof ApiError && (error.code === 404 || error.code === 409)) continue;
        throw error;
      }
    }
  };
}
