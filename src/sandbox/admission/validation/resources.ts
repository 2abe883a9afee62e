/**
 * Container resources: ValidateContainerResourceRequirements / validateResourceRequirements of
 * pkg/apis/core/validation/validation.go and the resource-name helpers of pkg/apis/core/helper.
 */
import type { KubeObject } from '../../api/status.js';
import { child, invalid, key, required, type FieldError } from '../field-errors.js';
import { rendered } from '../go-format.js';
import { isQualifiedName } from '../name-rules.js';
import { compareQuantities, formatQuantity, parseQuantity } from '../quantity.js';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
/** helper.IsStandardResourceName: container resources plus the quota ones. */
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory',
  'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);

const isHugePages = (name: string) => name.startsWith('hugepages-');
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
/** helper.IsOvercommitAllowed: only native, non-hugepages resources may request less than their limit. */
const overcommitAllowed = (name: string) => isNative(name) && !isHugePages(name);

/** ResourceName has a String() method, so errors print it unquoted. */
const shownName = (name: string) => rendered(name);

function validateContainerResourceName(name: string, field: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(field, shownName(name), m));
  if (errs.length) return errs;
  if (!name.includes('/')) {
    if (!STANDARD_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(field, shownName(name), 'must be a standard resource type or fully qualified'));
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(field, shownName(name), 'must be a standard resource for containers'));
  } else if (!isNative(name) && name.startsWith('requests.')) {
    errs.push(invalid(field, shownName(name), "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** ValidateResourceQuantityValue: no negatives, whole numbers for extended resources. */
function validateQuantity(name: string, raw: unknown, field: string): FieldError[] {
  const q = parseQuantity(String(raw));
  if (!q) return [];
  const errs: FieldError[] = [];
  if (q.digits < 0n) errs.push(invalid(field, formatQuantity(q), 'must be greater than or equal to 0'));
  if (!isNative(name) && q.scale < 0 && q.digits % 10n ** BigInt(-q.scale) !== 0n) errs.push(invalid(field, rendered(formatQuantity(q)), 'must be an integer'));
  return errs;
}

export function validateResourceRequirements(resources: KubeObject | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits: Record<string, unknown> = resources?.limits ?? {};
  const requests: Record<string, unknown> = resources?.requests ?? {};
  const limPath = child(field, 'limits');
  const reqPath = child(field, 'requests');
  for (const [name, value] of Object.entries(limits)) {
    errs.push(...validateContainerResourceName(name, key(limPath, name)));
    errs.push(...validateQuantity(name, value, key(limPath, name)));
  }
  for (const [name, value] of Object.entries(requests)) {
    errs.push(...validateContainerResourceName(name, key(reqPath, name)));
    errs.push(...validateQuantity(name, value, key(reqPath, name)));
    const request = parseQuantity(String(value));
    const limitValue = limits[name];
    if (limitValue !== undefined) {
      const limit = parseQuantity(String(limitValue));
      if (!request || !limit) continue;
      const cmp = compareQuantities(request, limit);
      if (cmp !== 0 && !overcommitAllowed(name)) {
        errs.push(invalid(reqPath, formatQuantity(request), `must be equal to ${name} limit of ${formatQuantity(limit)}`));
      } else if (cmp > 0) {
        errs.push(invalid(reqPath, formatQuantity(request), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`));
      }
    } else if (!overcommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}
