/** Finding and ordering a Deployment's ReplicaSets (deployment_util.go, controller_utils.go). */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../api/status.js';

export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** `spec.replicas` of a Deployment or ReplicaSet, defaulted as the API does. */
export function specReplicas(object: KubeObject | undefined): number {
  return object?.spec?.replicas ?? 1;
}

/** Drops what Go's semantic equality treats as absent: nil and empty maps and slices. */
function semantic(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value.map(semantic) : undefined;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const s = semantic(v);
      if (s !== undefined) out[k] = s;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value ?? undefined;
}

/** EqualIgnoreHash: the templates are semantically equal once the pod-template-hash label is gone. */
export function equalIgnoreHash(a: KubeObject | undefined, b: KubeObject | undefined): boolean {
  // Only the path to the label is copied: semantic() builds its answer anew and never writes into
  // what it reads, so a deep copy of the whole template (a structuredClone per ReplicaSet on every
  // Deployment sync) bought nothing.
  const strip = (template: KubeObject | undefined) => {
    const labels = template?.metadata?.labels;
    if (!labels || !(POD_TEMPLATE_HASH in labels)) return semantic(template ?? {});
    const { [POD_TEMPLATE_HASH]: _hash, ...rest } = labels as Record<string, unknown>;
    return semantic({ ...template, metadata: { ...template.metadata, labels: rest } });
  };
  return isDeepStrictEqual(strip(a), strip(b));
}

const created = (rs: KubeObject) => Date.parse(rs.metadata.creationTimestamp ?? '') || 0;

/** ReplicaSetsByCreationTimestamp: oldest first, names break ties. */
export function byCreationTimestamp(a: KubeObject, b: KubeObject): number {
  return created(a) - created(b) || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
}

/** ReplicaSetsBySizeNewer: larger first, then newer first (scaling up). */
export function bySizeNewer(a: KubeObject, b: KubeObject): number {
  return specReplicas(b) - specReplicas(a) || byCreationTimestamp(b, a);
}

/** ReplicaSetsBySizeOlder: larger first, then older first (scaling down). */
export function bySizeOlder(a: KubeObject, b: KubeObject): number {
  return specReplicas(b) - specReplicas(a) || byCreationTimestamp(a, b);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(deployment: KubeObject, replicaSets: KubeObject[]): KubeObject | undefined {
  return [...replicaSets].sort(byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec?.template, deployment.spec?.template));
}

/** FindOldReplicaSets, the `allOldRSs` half: every ReplicaSet but the new one. */
export function findOldReplicaSets(deployment: KubeObject, replicaSets: KubeObject[]): KubeObject[] {
  const newRS = findNewReplicaSet(deployment, replicaSets);
  return replicaSets.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
}

/** FilterActiveReplicaSets: those asked for at least one replica. */
export function filterActive(replicaSets: (KubeObject | undefined)[]): KubeObject[] {
  return replicaSets.filter((rs): rs is KubeObject => !!rs && specReplicas(rs) > 0);
}
