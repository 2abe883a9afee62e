/**
 * A Deployment's status from its ReplicaSets (sync.go calculateStatus / syncDeploymentStatus), and
 * the write that stands for the Go controller's UpdateStatus.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../api/status.js';
import { DEPLOYMENTS } from '../kinds.js';
import { omitEmpty } from '../object-meta.js';
import { getCondition, MinimumReplicasAvailable, MinimumReplicasUnavailable, newCondition, setCondition } from './conditions.js';
import type { DeploymentContext } from './context.js';
import { actualReplicaCount, availableReplicaCount, maxUnavailable, readyReplicaCount, replicaCount } from './replica-math.js';
import { specReplicas } from './replica-sets.js';

export function calculateStatus(allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined, d: KubeObject, now: string): KubeObject {
  const available = availableReplicaCount(allRSs);
  const status: KubeObject = omitEmpty({
    observedGeneration: d.metadata.generation,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    // Negative while scaling down with more available than desired: report zero.
    unavailableReplicas: Math.max(0, replicaCount(allRSs) - available),
    conditions: (d.status?.conditions ?? []).map((c: KubeObject) => ({ ...c })),
  });
  // A pointer in Go: zero is kept once set.
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (available >= specReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** syncDeploymentStatus: writes the calculated status when it differs. */
export function syncDeploymentStatus(ctx: DeploymentContext, allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined, d: KubeObject): void {
  const status = calculateStatus(allRSs, newRS, d, ctx.clock.timestamp());
  if (isDeepStrictEqual(d.status, status)) return;
  d.status = status;
  writeDeploymentStatus(ctx, d);
}

/**
 * UpdateStatus(d): deploymentStatusStrategy takes the status and the annotations — that is how
 * `deployment.kubernetes.io/revision` reaches the Deployment without bumping its generation.
 */
export function writeDeploymentStatus(ctx: DeploymentContext, d: KubeObject): void {
  const { namespace, name } = d.metadata;
  const latest = ctx.store.peek(DEPLOYMENTS, namespace, name);
  if (!latest || latest.metadata.uid !== d.metadata.uid) return;
  const annotations = d.metadata.annotations ?? {};
  if (isDeepStrictEqual(latest.status, d.status) && isDeepStrictEqual(latest.metadata.annotations ?? {}, annotations)) return;
  const metadata = { ...latest.metadata, annotations };
  ctx.registry.update(DEPLOYMENTS, namespace, name, { ...latest, metadata, status: d.status }, { subresource: 'status' });
  const progressing = getCondition(d.status, 'Progressing');
  if (progressing) ctx.progress.mark(d.metadata.uid, progressing.lastUpdateTime);
}
