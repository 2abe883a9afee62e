/**
 * Which ReplicaSet a rollout moves to: the one whose Pod template is the Deployment's, as the
 * Deployment controller finds it (FindNewReplicaSet, EqualIgnoreHash). Not "the highest
 * revision": right after the template changes, before the controller made the new ReplicaSet,
 * the highest revision is still the OLD one, and its ready Pods would be drawn as new.
 */
import { isDeepStrictEqual } from 'node:util';
import { dig, type KubeObject } from '../checks/k8s.js';

const POD_TEMPLATE_HASH = 'pod-template-hash';

/** Go's semantic equality: nil and empty maps and slices are the same absence. */
function semantic(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? value.map(semantic) : undefined;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const kept = semantic(inner);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return value ?? undefined;
}

function withoutHash(template: unknown): unknown {
  const copy = structuredClone(template ?? {}) as { metadata?: { labels?: Record<string, string> } };
  if (copy.metadata?.labels !== undefined) delete copy.metadata.labels[POD_TEMPLATE_HASH];
  return semantic(copy);
}

const created = (rs: KubeObject): number => Date.parse(rs.metadata?.creationTimestamp ?? '') || 0;

/** The oldest of `replicaSets` whose template equals the Deployment's but for the hash label; none before the controller made it. */
export function rolloutReplicaSet(deployment: KubeObject, replicaSets: readonly KubeObject[]): KubeObject | undefined {
  const wanted = withoutHash(dig(deployment, 'spec', 'template'));
  return [...replicaSets].sort((a, b) => created(a) - created(b)).find((rs) => isDeepStrictEqual(withoutHash(dig(rs, 'spec', 'template')), wanted));
}
