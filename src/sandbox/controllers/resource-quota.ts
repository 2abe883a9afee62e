/**
 * The ResourceQuota controller (pkg/controller/resourcequota): a quota's status holds its hard
 * limits and the namespace's current usage of each, recomputed whenever something it counts
 * changes in its namespace (admission/resource-quota.ts computes both).
 */
import { isDeepStrictEqual } from 'node:util';
import { ApiError } from '../api/status.js';
import { typeKey } from '../api/resources.js';
import type { SimClock } from '../clock.js';
import type { Registry } from '../registry/registry.js';
import { quotaContext, RESOURCE_QUOTAS } from '../registry/quota-admission.js';
import { quotaStatus, typeOfResourceName } from '../admission/resource-quota.js';
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
    const counted = quotas.some((quota) => Object.keys(quota.spec?.hard ?? {}).some((name) => {
      const type = typeOfResourceName(name);
      return type !== undefined && typeKey(type) === event.typeKey;
    }));
    if (counted) this.queue.add(namespace);
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
