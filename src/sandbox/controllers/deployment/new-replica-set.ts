/**
 * The new ReplicaSet of a Deployment — the one whose template is the Deployment's — found or created,
 * with its revision synced (sync.go getAllReplicaSetsAndSyncRevision / getNewReplicaSet).
 */
import { ApiError, type KubeObject } from '../../api/status.js';
import { REPLICA_SETS } from '../kinds.js';
import { controllerOf, newControllerRef } from '../object-meta.js';
import { maxRevision, RevisionAnnotation, setDeploymentRevision, setNewReplicaSetAnnotations } from './annotations.js';
import { FailedRSCreateReason, FoundNewRSReason, getCondition, newCondition, NewReplicaSetReason, setCondition } from './conditions.js';
import type { DeploymentContext } from './context.js';
import { computeHash } from './hash.js';
import { hasProgressDeadline, maxSurge, newRSNewReplicas } from './replica-math.js';
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, POD_TEMPLATE_HASH } from './replica-sets.js';
import { writeDeploymentStatus } from './status.js';

export interface DeploymentReplicaSets {
  newRS: KubeObject | undefined;
  oldRSs: KubeObject[];
}

export function getAllReplicaSetsAndSyncRevision(ctx: DeploymentContext, d: KubeObject, rsList: KubeObject[], createIfNotExisted: boolean): DeploymentReplicaSets {
  const oldRSs = findOldReplicaSets(d, rsList);
  return { newRS: getNewReplicaSet(ctx, d, rsList, oldRSs, createIfNotExisted), oldRSs };
}

function getNewReplicaSet(ctx: DeploymentContext, d: KubeObject, rsList: KubeObject[], oldRSs: KubeObject[], createIfNotExisted: boolean): KubeObject | undefined {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = maxRevision(oldRSs) + 1;
  const now = ctx.clock.timestamp();
  if (existing) return syncExistingNewReplicaSet(ctx, d, existing, newRevision, now);
  if (!createIfNotExisted) return undefined;

  const template = structuredClone(d.spec.template ?? {});
  const hash = computeHash(template, d.status?.collisionCount);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash } };
  const name = `${d.metadata.name}-${hash}`;
  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: d.metadata.namespace, ownerReferences: [newControllerRef(d)], labels: template.metadata.labels },
    spec: {
      replicas: 0,
      ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      selector: { ...d.spec.selector, matchLabels: { ...d.spec.selector?.matchLabels, [POD_TEMPLATE_HASH]: hash } },
      template,
    },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
  rs.spec.replicas = replicas;
  setNewReplicaSetAnnotations(d, rs, newRevision, false, maxSurge(d));

  let created: KubeObject;
  let alreadyExists = false;
  try {
    created = ctx.registry.create(REPLICA_SETS, d.metadata.namespace, rs).object;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const found = error.reason === 'AlreadyExists' ? ctx.store.peek(REPLICA_SETS, d.metadata.namespace, name) : undefined;
    if (found && controllerOf(found)?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, found.spec?.template)) {
      // A slow cache in Go; here, a ReplicaSet this Deployment made before.
      created = found;
      alreadyExists = true;
    } else if (found) {
      // A hash collision: bump collisionCount so the next sync hashes to another name.
      d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
      writeDeploymentStatus(ctx, d);
      throw error;
    } else {
      if (error.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) throw error;
      const message = `Failed to create new replica set "${name}": ${error.message}`;
      if (hasProgressDeadline(d)) {
        setCondition(d.status, newCondition('Progressing', 'False', FailedRSCreateReason, message, now));
        writeDeploymentStatus(ctx, d);
      }
      ctx.recorder.event(d, 'Warning', FailedRSCreateReason, message);
      throw error;
    }
  }
  if (!alreadyExists && replicas > 0) {
    ctx.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`);
  }
  let needsUpdate = setDeploymentRevision(d, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    setCondition(d.status, newCondition('Progressing', 'True', NewReplicaSetReason, `Created new replica set "${name}"`, now));
    needsUpdate = true;
  }
  if (needsUpdate) writeDeploymentStatus(ctx, d);
  return created;
}

/** The new ReplicaSet exists: sync its annotations and minReadySeconds, and the Deployment's revision. */
function syncExistingNewReplicaSet(ctx: DeploymentContext, d: KubeObject, existing: KubeObject, newRevision: number, now: string): KubeObject {
  const rs = structuredClone(existing);
  const annotationsUpdated = setNewReplicaSetAnnotations(d, rs, newRevision, true, maxSurge(d));
  const minReadySeconds = d.spec.minReadySeconds ?? 0;
  if (annotationsUpdated || (rs.spec.minReadySeconds ?? 0) !== minReadySeconds) {
    if (minReadySeconds) rs.spec.minReadySeconds = minReadySeconds;
    else delete rs.spec.minReadySeconds;
    return ctx.registry.update(REPLICA_SETS, rs.metadata.namespace, rs.metadata.name, rs).object;
  }
  // The ReplicaSet's revision is the reliable one; the Deployment copies it.
  let needsUpdate = setDeploymentRevision(d, rs.metadata.annotations?.[RevisionAnnotation] ?? '');
  if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
    setCondition(d.status, newCondition('Progressing', 'True', FoundNewRSReason, `Found new replica set "${rs.metadata.name}"`, now));
    needsUpdate = true;
  }
  if (needsUpdate) writeDeploymentStatus(ctx, d);
  return rs;
}
