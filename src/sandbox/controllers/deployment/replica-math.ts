/**
 * The arithmetic of a rollout (deployment_util.go): maxSurge and maxUnavailable resolved against the
 * replica count, how far the new ReplicaSet may grow, proportional scaling, and the predicates that
 * drive the Progressing condition.
 */
import type { KubeObject } from '../../api/status.js';
import { annotationNumber, DesiredReplicasAnnotation, MaxReplicasAnnotation } from './annotations.js';
import { getCondition, NewRSAvailableReason, TimedOutReason } from './conditions.js';
import { specReplicas } from './replica-sets.js';

const MAX_INT32 = 2147483647;

export function isRollingUpdate(deployment: KubeObject): boolean {
  return (deployment.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** intstr.GetScaledValueFromIntOrPercent: a number, or a percentage of `total` rounded up or down. */
export function valueFromIntOrPercent(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * ResolveFenceposts: surge rounds up, unavailability rounds down, and when both come to zero one
 * Pod may be unavailable, or the rollout could never move. Unset values take the API's 25% default.
 */
export function resolveFenceposts(deployment: KubeObject): { surge: number; unavailable: number } {
  const rolling = deployment.spec?.strategy?.rollingUpdate ?? {};
  const desired = specReplicas(deployment);
  const surge = valueFromIntOrPercent(rolling.maxSurge ?? '25%', desired, true);
  let unavailable = valueFromIntOrPercent(rolling.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(deployment: KubeObject): number {
  return isRollingUpdate(deployment) ? resolveFenceposts(deployment).surge : 0;
}

export function maxUnavailable(deployment: KubeObject): number {
  const replicas = specReplicas(deployment);
  if (!isRollingUpdate(deployment) || replicas === 0) return 0;
  return Math.min(resolveFenceposts(deployment).unavailable, replicas);
}

const sum = (replicaSets: (KubeObject | undefined)[], value: (rs: KubeObject) => number) =>
  replicaSets.reduce((total, rs) => total + (rs ? value(rs) : 0), 0);

/** GetReplicaCountForReplicaSets: Σ spec.replicas. */
export const replicaCount = (rss: (KubeObject | undefined)[]) => sum(rss, specReplicas);
/** GetActualReplicaCountForReplicaSets: Σ status.replicas. */
export const actualReplicaCount = (rss: (KubeObject | undefined)[]) => sum(rss, (rs) => rs.status?.replicas ?? 0);
export const readyReplicaCount = (rss: (KubeObject | undefined)[]) => sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
export const availableReplicaCount = (rss: (KubeObject | undefined)[]) => sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

/** NewRSNewReplicas: how many replicas the new ReplicaSet may have now. */
export function newRSNewReplicas(deployment: KubeObject, allRSs: KubeObject[], newRS: KubeObject): number {
  const replicas = specReplicas(deployment);
  if (!isRollingUpdate(deployment)) return replicas;
  const surge = valueFromIntOrPercent(deployment.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%', replicas, true);
  const current = replicaCount(allRSs);
  const maxTotal = replicas + surge;
  if (current >= maxTotal) return specReplicas(newRS);
  return specReplicas(newRS) + Math.min(maxTotal - current, replicas - specReplicas(newRS));
}

/** IsSaturated: the new ReplicaSet owns every desired replica, and all of them are available. */
export function isSaturated(deployment: KubeObject, rs: KubeObject | undefined): boolean {
  if (!rs) return false;
  const desired = annotationNumber(rs, DesiredReplicasAnnotation);
  const replicas = specReplicas(deployment);
  return desired !== undefined && specReplicas(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/** GetProportion: the share of `toAdd` this ReplicaSet takes when a rollout is scaled. */
export function getProportion(rs: KubeObject, deployment: KubeObject, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, deployment);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: KubeObject, deployment: KubeObject): number {
  if (specReplicas(deployment) === 0) return -specReplicas(rs);
  const deploymentReplicas = specReplicas(deployment) + maxSurge(deployment);
  const annotated = annotationNumber(rs, MaxReplicasAnnotation) ?? deployment.status?.replicas ?? 0;
  // Never scaled up from zero proportionally (Go would divide by zero here).
  if (annotated === 0) return 0;
  // integer.RoundToInt32 rounds half away from zero.
  const size = (specReplicas(rs) * deploymentReplicas) / annotated;
  return Math.sign(size) * Math.round(Math.abs(size)) - specReplicas(rs);
}

export function hasProgressDeadline(deployment: KubeObject): boolean {
  const deadline = deployment.spec?.progressDeadlineSeconds ?? 600;
  return deadline !== MAX_INT32;
}

export function progressDeadlineSeconds(deployment: KubeObject): number {
  return deployment.spec?.progressDeadlineSeconds ?? 600;
}

export function hasRevisionHistoryLimit(deployment: KubeObject): boolean {
  return (deployment.spec?.revisionHistoryLimit ?? 10) !== MAX_INT32;
}

/** DeploymentComplete: every desired replica is updated and available, and no old one runs. */
export function deploymentComplete(deployment: KubeObject, status: KubeObject): boolean {
  const replicas = specReplicas(deployment);
  return (
    (status.updatedReplicas ?? 0) === replicas &&
    (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (deployment.metadata.generation ?? 0)
  );
}

/** DeploymentProgressing: new Pods were added or became ready/available, or old ones went away. */
export function deploymentProgressing(deployment: KubeObject, status: KubeObject): boolean {
  const old = deployment.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: no progress for progressDeadlineSeconds of simulated time. */
export function deploymentTimedOut(deployment: KubeObject, status: KubeObject, secondsSince: (time: string) => number): boolean {
  if (!hasProgressDeadline(deployment)) return false;
  const condition = getCondition(status, 'Progressing');
  if (!condition || condition.reason === NewRSAvailableReason) return false;
  if (condition.reason === TimedOutReason) return true;
  return secondsSince(condition.lastUpdateTime) > progressDeadlineSeconds(deployment);
}
