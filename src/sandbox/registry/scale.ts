/**
 * The `scale` subresource: an autoscaling/v1 Scale view of a Deployment or ReplicaSet
 * (pkg/registry/apps/deployment/storage ScaleREST), which `kubectl scale` patches.
 */
import { badRequest, invalid, type KubeObject } from '../api/status.js';

/** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key. */
export function selectorString(selector: KubeObject | undefined): string {
  if (!selector) return '';
  const terms: [string, string][] = [];
  for (const [key, value] of Object.entries<string>(selector.matchLabels ?? {})) terms.push([key, `${key}=${value}`]);
  for (const expr of selector.matchExpressions ?? []) {
    const values = [...(expr.values ?? [])].sort().join(',');
    const op = String(expr.operator);
    const text =
      op === 'In' ? `${expr.key} in (${values})` : op === 'NotIn' ? `${expr.key} notin (${values})` : op === 'Exists' ? expr.key : `!${expr.key}`;
    terms.push([expr.key, text]);
  }
  return terms
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, t]) => t)
    .join(',');
}

export function toScale(object: KubeObject): KubeObject {
  const m = object.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: object.spec?.replicas ?? 0 },
    status: { replicas: object.status?.replicas ?? 0, selector: selectorString(object.spec?.selector) },
  };
}

/** The object with the Scale's replicas, keeping the Scale's resourceVersion as the precondition. */
export function fromScale(object: KubeObject, scale: KubeObject): KubeObject {
  const replicas = scale?.spec?.replicas;
  if (replicas !== undefined && (typeof replicas !== 'number' || !Number.isInteger(replicas))) {
    throw badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`);
  }
  if ((replicas ?? 0) < 0) {
    throw invalid('Scale', 'autoscaling', object.metadata.name, [{ type: 'FieldValueInvalid', field: 'spec.replicas', detail: `Invalid value: ${replicas}: must be greater than or equal to 0` }]);
  }
  const next = structuredClone(object);
  next.spec.replicas = replicas ?? 0;
  next.metadata.resourceVersion = scale?.metadata?.resourceVersion || object.metadata.resourceVersion;
  return next;
}
