/** The annotations a Deployment keeps on its ReplicaSets and itself (deployment_util.go). */
import type { KubeObject } from '../../api/status.js';

export const RevisionAnnotation = 'deployment.kubernetes.io/revision';
const RevisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const DesiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const MaxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
const LastAppliedConfigAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';
const DeprecatedRollbackTo = 'deprecated.deployment.rollback.to';

/** sync.go maxRevHistoryLengthInChars. */
const MAX_REVISION_HISTORY_CHARS = 2000;

const annotationsToSkip = new Set([
  LastAppliedConfigAnnotation,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  DeprecatedRollbackTo,
]);

/** Revision: the revision annotation as a number (0 when absent or unreadable). */
export function revision(object: KubeObject | undefined): number {
  const value = object?.metadata?.annotations?.[RevisionAnnotation];
  const n = value === undefined ? 0 : Number.parseInt(value, 10);
  return Number.isNaN(n) ? 0 : n;
}

export function maxRevision(replicaSets: KubeObject[]): number {
  return Math.max(0, ...replicaSets.map(revision));
}

/** copyDeploymentAnnotationsToReplicaSet: everything but the apply and revision annotations. */
function copyDeploymentAnnotations(deployment: KubeObject, rs: KubeObject): boolean {
  let changed = false;
  const annotations = (rs.metadata.annotations ??= {});
  for (const [key, value] of Object.entries<string>(deployment.metadata.annotations ?? {})) {
    if (annotationsToSkip.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copies the Deployment's annotations (so `kubernetes.io/change-cause`
 * reaches `rollout history`), raises the revision, and remembers the revisions a rolled-back-to
 * ReplicaSet served before in revision-history.
 */
export function setNewReplicaSetAnnotations(deployment: KubeObject, rs: KubeObject, newRevision: number, exists: boolean, maxSurge: number): boolean {
  let changed = copyDeploymentAnnotations(deployment, rs);
  const annotations = rs.metadata.annotations as Record<string, string>;
  const oldRevisionText = annotations[RevisionAnnotation];
  const oldRevision = oldRevisionText === undefined ? 0 : Number.parseInt(oldRevisionText, 10);
  if (Number.isNaN(oldRevision)) return false;
  if (oldRevision < newRevision) {
    annotations[RevisionAnnotation] = String(newRevision);
    changed = true;
    if (oldRevisionText !== undefined) {
      const history = annotations[RevisionHistoryAnnotation];
      if (!history) annotations[RevisionHistoryAnnotation] = oldRevisionText;
      else {
        const revisions = history.split(',');
        let length = history.length + oldRevisionText.length + 1;
        while (length > MAX_REVISION_HISTORY_CHARS && revisions.length) length -= revisions.shift()!.length + 1;
        if (length <= MAX_REVISION_HISTORY_CHARS) annotations[RevisionHistoryAnnotation] = [...revisions, oldRevisionText].join(',');
      }
    }
  }
  const replicas = deployment.spec?.replicas ?? 1;
  if (!exists && setReplicasAnnotations(rs, replicas, replicas + maxSurge)) changed = true;
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: KubeObject, desired: number, max: number): boolean {
  const annotations = rs.metadata.annotations ?? {};
  return annotations[DesiredReplicasAnnotation] !== String(desired) || annotations[MaxReplicasAnnotation] !== String(max);
}

export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): boolean {
  if (!replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
  rs.metadata.annotations = { ...rs.metadata.annotations, [DesiredReplicasAnnotation]: String(desired), [MaxReplicasAnnotation]: String(max) };
  return true;
}

export function annotationNumber(rs: KubeObject, key: string): number | undefined {
  const value = rs.metadata.annotations?.[key];
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? undefined : n;
}

/** SetDeploymentRevision. */
export function setDeploymentRevision(deployment: KubeObject, value: string): boolean {
  const annotations = (deployment.metadata.annotations ??= {});
  if (annotations[RevisionAnnotation] === value) return false;
  annotations[RevisionAnnotation] = value;
  return true;
}
