/** Evaluating one step: the kinds it needs watched, its check context, its labelled results. */
import type { ClusterView } from '../checks/cluster-view.js';
import { evaluateChecks } from '../checks/evaluate.js';
import type { Kind } from '../checks/kinds.js';
import { captureRemembered } from '../checks/remember.js';
import type { CheckContext, LastCommand } from '../checks/result.js';
import type { Remember } from '../checks/schema.js';
import type { TrafficRecord } from '../checks/traffic-record.js';
import { kindsWatchedByStep } from '../lessons/lesson-helpers.js';
import type { Step } from '../lessons/schema.js';
import { checkKind, checkLabel } from './check-label.js';
import type { CheckSnapshot } from './snapshot.js';

/** What the step's checks and `remember` read, plus Pods for the Pods panel. */
export function kindsForStep(step: Step): Kind[] {
  return [...new Set<Kind>([...kindsWatchedByStep(step), 'Pod'])];
}

export interface StepInputs {
  remembered: Readonly<Record<string, string>>;
  lastCommand: LastCommand | undefined;
  /** 0-based quiz choice, if answered. */
  quizChoice: number | undefined;
  /** The tutorial namespace: where a `ran` command without `-n` looks. */
  namespace?: string;
  /** What the downtime meter recorded, for `traffic` checks. */
  traffic?: TrafficRecord;
}

export function checkContext(step: Step, inputs: StepInputs): CheckContext {
  const context: CheckContext = { remembered: inputs.remembered };
  if (inputs.lastCommand !== undefined) context.lastCommand = inputs.lastCommand;
  if (inputs.namespace !== undefined) context.namespace = inputs.namespace;
  if (inputs.traffic !== undefined) context.traffic = inputs.traffic;
  if (inputs.quizChoice !== undefined) {
    for (const check of step.checks) if ('quiz' in check) context.quizAnswer = check.quiz.choices[inputs.quizChoice];
  }
  return context;
}

export function evaluateStep(step: Step, view: ClusterView, inputs: StepInputs): CheckSnapshot[] {
  const results = evaluateChecks(step.checks, view, checkContext(step, inputs));
  return results.map((result, index) => {
    const check = step.checks[index]!;
    return { kind: checkKind(check), label: checkLabel(check), ok: result.ok, message: result.message };
  });
}

/** Checks shown before the cluster has been listed for this step. */
export function pendingChecks(step: Step, message = 'waiting for the cluster'): CheckSnapshot[] {
  return step.checks.map((check) => ({ kind: checkKind(check), label: checkLabel(check), ok: false, message }));
}

/** A step passed on an earlier visit: its checks stay passed, whatever the cluster shows now. */
export function passedEarlierChecks(step: Step): CheckSnapshot[] {
  return step.checks.map((check) => ({ kind: checkKind(check), label: checkLabel(check), ok: true, message: 'passed earlier' }));
}

export function allPass(checks: readonly { ok: boolean }[]): boolean {
  return checks.length > 0 && checks.every((check) => check.ok);
}

/** The `remember` entries not recorded yet, captured from `view` (those that can be, now). */
export function captureMissing(remember: Remember, remembered: Readonly<Record<string, string>>, view: ClusterView): Record<string, string> {
  const missing = Object.fromEntries(Object.entries(remember).filter(([key]) => !Object.hasOwn(remembered, key)));
  if (Object.keys(missing).length === 0) return {};
  return captureRemembered(missing, view).values;
}
