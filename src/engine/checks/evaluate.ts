/**
 * The entry point of the check language: evaluate one check against a view of the cluster, and
 * say which kinds a check reads so the engine starts only the informers a step needs.
 * Evaluation is pure: same check, view and context, same result; no I/O, no clock.
 */
import type { ClusterView } from './cluster-view.js';
import { evaluateQuiz, evaluateRan } from './eval-context.js';
import { evaluateExists, evaluateField, evaluateGone } from './eval-resource.js';
import { evaluateServiceEndpoints } from './eval-service.js';
import { evaluateTraffic } from './eval-traffic.js';
import { evaluatePodsReady, evaluateReplaced, evaluateRollout } from './eval-workload.js';
import type { Kind } from './kinds.js';
import { kindsReadByRan } from './ran-match.js';
import { fail, type CheckContext, type CheckResult } from './result.js';
import type { Check } from './schema.js';

export function evaluateCheck(check: Check, view: ClusterView, context: CheckContext): CheckResult {
  try {
    return dispatch(check, view, context);
  } catch (error) {
    // A malformed object from a cluster must not take the app down; show it in the checks panel.
    return fail(`could not evaluate this check: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function dispatch(check: Check, view: ClusterView, context: CheckContext): CheckResult {
  if ('exists' in check) return evaluateExists(check.exists, view);
  if ('gone' in check) return evaluateGone(check.gone, view);
  if ('field' in check) return evaluateField(check, view);
  if ('podsReady' in check) return evaluatePodsReady(check, view);
  if ('replaced' in check) return evaluateReplaced(check, view, context);
  if ('serviceEndpoints' in check) return evaluateServiceEndpoints(check, view);
  if ('rollout' in check) return evaluateRollout(check, view);
  if ('ran' in check) return evaluateRan(check, context, view);
  if ('traffic' in check) return evaluateTraffic(check, context);
  return evaluateQuiz(check, context);
}

/** Evaluates a step's checks in order; the step is done when every result is ok. */
export function evaluateChecks(checks: readonly Check[], view: ClusterView, context: CheckContext): CheckResult[] {
  return checks.map((check) => evaluateCheck(check, view, context));
}

/**
 * The kinds `check` reads from the view (for `ran`: those a named Pod is matched against; none for
 * `quiz`). `traffic` reads the meter's record, which the engine fills from these: rollouts from
 * Deployments and ReplicaSets, the timeline's rows from Pods.
 */
export function resourcesWatchedBy(check: Check): Kind[] {
  if ('exists' in check) return [check.exists.kind];
  if ('gone' in check) return [check.gone.kind];
  if ('field' in check) return [check.field.kind];
  if ('podsReady' in check || 'replaced' in check) return ['Deployment', 'Pod'];
  if ('serviceEndpoints' in check) return ['Service', 'Endpoints', 'Pod'];
  if ('rollout' in check) return ['Deployment', 'ReplicaSet'];
  if ('traffic' in check) return ['Deployment', 'ReplicaSet', 'Pod'];
  if ('ran' in check) return kindsReadByRan(check.ran);
  return [];
}
