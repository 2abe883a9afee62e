/**
 * The Progressing condition during a rollout (progress.go): complete, progressing, or timed out past
 * progressDeadlineSeconds — the condition `kubectl rollout status` reads.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../api/status.js';
import {
  getCondition,
  newCondition,
  NewRSAvailableReason,
  removeCondition,
  ReplicaSetUpdatedReason,
  setCondition,
  TimedOutReason,
} from './conditions.js';
import type { DeploymentContext } from './context.js';
import { deploymentComplete, deploymentProgressing, deploymentTimedOut, hasProgressDeadline, progressDeadlineSeconds } from './replica-math.js';
import { calculateStatus, writeDeploymentStatus } from './status.js';

export function syncRolloutStatus(ctx: DeploymentContext, allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined, d: KubeObject): void {
  const now = ctx.clock.timestamp();
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');

  const current = getCondition(d.status, 'Progressing');
  const isCompleteDeployment = status.replicas === status.updatedReplicas && current?.reason === NewRSAvailableReason;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, status)) {
      setCondition(status, newCondition('Progressing', 'True', NewRSAvailableReason, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      // Progress refreshes lastUpdateTime even when the reason stays, so it is replaced, not set.
      const condition = newCondition('Progressing', 'True', ReplicaSetUpdatedReason, `${subject} is progressing.`, now);
      if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
      if (current) removeCondition(status, 'Progressing');
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, (t) => ctx.progress.secondsSince(d.metadata.uid, t))) {
      setCondition(status, newCondition('Progressing', 'False', TimedOutReason, `${subject} has timed out progressing.`, now));
    }
  }
  // ReplicaFailure conditions of the ReplicaSets become the Deployment's (getReplicaFailures).
  const failure = [newRS, ...allRSs].flatMap((rs) => rs?.status?.conditions ?? []).find((c: KubeObject) => c.type === 'ReplicaFailure');
  if (failure) {
    setCondition(status, { type: 'ReplicaFailure', status: failure.status, lastUpdateTime: failure.lastTransitionTime, lastTransitionTime: failure.lastTransitionTime, reason: failure.reason, message: failure.message });
  } else removeCondition(status, 'ReplicaFailure');

  if (isDeepStrictEqual(d.status, status)) {
    requeueStuckDeployment(ctx, d, status);
    return;
  }
  d.status = status;
  writeDeploymentStatus(ctx, d);
}

/** Looks again when the progress deadline would pass, so ProgressDeadlineExceeded appears on time. */
function requeueStuckDeployment(ctx: DeploymentContext, d: KubeObject, status: KubeObject): void {
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, status) || current.reason === TimedOutReason) return;
  const remainingMs = (progressDeadlineSeconds(d) - ctx.progress.secondsSince(d.metadata.uid, current.lastUpdateTime)) * 1000;
  // Under a second: soon, rate limited; otherwise a second past the deadline to avoid skew.
  ctx.requeueAfter(d, remainingMs < 1000 ? 1000 : remainingMs + 1000);
}
