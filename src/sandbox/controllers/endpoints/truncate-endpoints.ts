/**
 * The Endpoints API's capacity (pkg/controller/endpoint/endpoints_controller.go truncateEndpoints):
 * a Service with more than 1,000 addresses gets the first 1,000 — ready ones before not-ready ones,
 * shared among the subsets in proportion to their size — and the annotation
 * `endpoints.kubernetes.io/over-capacity: truncated`. EndpointSlices list every address.
 */
import type { KubeObject } from '../../api/status.js';

export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
export const MAX_CAPACITY = 1000;

/** Truncates `subsets` in place; true when it had to. */
export function truncateEndpoints(subsets: KubeObject[], maxCapacity = MAX_CAPACITY): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const subset of subsets) {
    totalReady += subset.addresses?.length ?? 0;
    totalNotReady += subset.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= maxCapacity) return false;
  const truncateReady = totalReady > maxCapacity;
  const max = truncateReady ? maxCapacity : maxCapacity - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const subset of subsets) {
    const inSubset: number = (truncateReady ? subset.addresses?.length : subset.notReadyAddresses?.length) ?? 0;
    // Rounded up, so the last subset may get fewer than its share.
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      if (subset.addresses) subset.addresses = subset.addresses.slice(0, toBeAdded);
      delete subset.notReadyAddresses;
      canBeAdded -= subset.addresses?.length ?? 0;
    } else {
      if (subset.notReadyAddresses) subset.notReadyAddresses = subset.notReadyAddresses.slice(0, toBeAdded);
      canBeAdded -= subset.notReadyAddresses?.length ?? 0;
    }
    if (subset.addresses?.length === 0) delete subset.addresses;
    if (subset.notReadyAddresses?.length === 0) delete subset.notReadyAddresses;
  }
  return true;
}
