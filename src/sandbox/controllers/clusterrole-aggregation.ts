/**
 * The ClusterRole aggregation controller (pkg/controller/clusterroleaggregation): whenever a
 * ClusterRole changes, every ClusterRole with an aggregationRule has its rules recomputed from the
 * roles its selectors match (auth/rbac/aggregation.ts) and written back when they differ.
 */
import { isDeepStrictEqual } from 'node:util';
import { ApiError } from '../api/status.js';
import { typeKey } from '../api/resources.js';
import { aggregatedRules, CLUSTER_ROLES } from '../auth/index.js';
import type { Registry } from '../registry/registry.js';
import type { StoreEvent } from '../store/object-store.js';
import type { Queue } from './work-queue.js';

const CLUSTER_ROLE_KEY = typeKey(CLUSTER_ROLES);

export class ClusterRoleAggregationController {
  constructor(
    private readonly registry: Registry,
    private readonly queue: Queue,
  ) {}

  onEvent(event: StoreEvent): void {
    if (event.typeKey !== CLUSTER_ROLE_KEY) return;
    // Any role may be one an aggregated role selects (before or after the change).
    for (const role of this.registry.store.list(CLUSTER_ROLES).items) {
      if (role.aggregationRule) this.queue.add(role.metadata.name);
    }
  }

  readonly sync = (name: string): void => {
    const role = this.registry.store.peek(CLUSTER_ROLES, undefined, name);
    if (!role?.aggregationRule || role.metadata.deletionTimestamp) return;
    const rules = aggregatedRules(role, this.registry.store.list(CLUSTER_ROLES).items);
    if (isDeepStrictEqual(rules, role.rules ?? [])) return;
    try {
      this.registry.update(CLUSTER_ROLES, undefined, name, { ...structuredClone(role), rules });
    } catch (error) {
      // Changed meanwhile: its own event queues it again.
      if (error instanceof ApiError && (error.code === 404 || error.code === 409)) return;
      throw error;
    }
  };
}
