/**
 * One step of a rehearsal, the rustlings way: its checks must FAIL before the solution, then the
 * solution runs (unattended, with the pinned kubeconfig), then the checks must PASS, waited for
 * on informer events with a deadline. A quiz is answered with its declared answer.
 */
import { formatArgv } from '../checks/command-match.js';
import type { LastCommand } from '../checks/result.js';
import { interpretCommandLine } from '../commands/command-policy.js';
import type { CommandEnv, CommandRunner } from '../commands/command-runner.js';
import type { Lesson, Step } from '../lessons/schema.js';
import { quizOf } from '../session/session-state.js';
import type { CheckSnapshot } from '../session/snapshot.js';
import { allPass, captureMissing, evaluateStep, kindsForStep, pendingChecks } from '../session/step-checks.js';
import type { WatchedCluster } from '../session/watched-cluster.js';
import { MissingServiceError } from '../session/session-meter.js';
import { RehearseMeter } from './rehearse-meter.js';
import type { RehearseEvent, RehearseFailure, RehearsePhase } from './rehearse-types.js';
import { settlesWithin, waitUntil, type ChangeSignal } from './wait-until.js';

export interface StepRehearsal {
  lesson: Lesson;
  step: Step;
  /** What the lesson's steps remembered so far; this step adds to it. */
  remembered: Record<string, string>;
  watched: WatchedCluster;
  changes: ChangeSignal;
  runner: CommandRunner;
  env: CommandEnv;
  namespace: string;
  timeoutMs: number;
  /** The lesson's workspace folder, where its solutions run (src/engine/workspace). */
  cwd?: string;
  onEvent: (event: RehearseEvent) => void;
  /** The lesson's downtime meter, for steps with `meter:` or traffic checks. */
  meter?: RehearseMeter;
}

/** Rehearses one step; returns its failure, or undefined when it passed. */
export async function rehearseStep(r: StepRehearsal): Promise<RehearseFailure | undefined> {
  const { lesson, step, watched } = r;
  const fail = (phase: RehearsePhase, message: string, checks: CheckSnapshot[] = []): RehearseFailure => ({
    phase,
    lessonId: lesson.id,
    stepId: step.id,
    message,
    checks,
  });

  const listed = await settlesWithin(watched.watch(kindsForStep(step)), r.timeoutMs);
  if (!listed) return fail('before', `the cluster could not be listed within ${r.timeoutMs / 1000}s`, pendingChecks(step));

  // `remember` runs when the step opens; a Pod may still be on its way, so wait for it.
  const rememberedAll = await waitUntil(
    r.changes,
    () => {
      Object.assign(r.remembered, captureMissing(step.remember, r.remembered, watched.view));
      return Object.keys(step.remember).every((key) => Object.hasOwn(r.remembered, key));
    },
    r.timeoutMs,
  );
  if (!rememberedAll) return fail('before', `could not remember ${Object.keys(step.remember).join(', ')}: no Pod to remember`);

  // The meter must run before the solution starts a rollout, or no traffic check can pass.
  const spec = RehearseMeter.specFor(lesson, step);
  // As in the app, a meter whose Service the step's solution creates starts after it; a traffic
  // check cannot wait for that (the meter must see the rollout from its start).
  let meterAfterSolution = false;
  if (spec !== undefined && r.meter !== undefined) {
    try {
      await r.meter.ensure(spec);
    } catch (error) {
      const hasTrafficCheck = step.checks.some((check) => 'traffic' in check);
      if (!(error instanceof MissingServiceError) || hasTrafficCheck) return fail('before', `the downtime meter did not start: ${error instanceof Error ? error.message : String(error)}`);
      meterAfterSolution = true;
    }
    if (!meterAfterSolution) {
      const metering = await waitUntil(r.changes, () => r.meter!.monitor.log.record.samples.length > 0, r.timeoutMs);
      if (!metering) return fail('before', `the downtime meter on service ${spec.service} recorded no request within ${r.timeoutMs / 1000}s`);
    }
  }

  let lastCommand: LastCommand | undefined;
  let quizChoice: number | undefined;
  const evaluate = (): CheckSnapshot[] =>
    evaluateStep(step, watched.view, { remembered: r.remembered, lastCommand, quizChoice, ...(r.meter === undefined ? {} : { traffic: r.meter.monitor.log.record }) });

  const before = evaluate();
  if (allPass(before)) return fail('before', 'its checks already pass before the solution: write checks the start does not satisfy', before);

  for (const text of step.solution) {
    const decision = interpretCommandLine(text, { namespace: r.namespace });
    if (!decision.allowed) return fail('solution', `\`${text}\` is refused: ${decision.reason}`);
    if (decision.mode !== 'ordinary') return fail('solution', `\`${text}\` needs a terminal or never ends; solutions must run unattended`);
    const errors: string[] = [];
    const result = await r.runner.run(decision.argv, {
      env: r.env,
      ...(r.cwd === undefined ? {} : { cwd: r.cwd }),
      onLine: (line) => {
        if (line.stream === 'stderr') errors.push(line.text);
        r.onEvent({ type: 'output', line });
      },
    });
    r.onEvent({ type: 'command', lessonId: lesson.id, stepId: step.id, command: formatArgv(decision.argv), exitCode: result.exitCode });
    lastCommand = { argv: decision.argv, exitCode: result.exitCode };
    if (result.exitCode !== 0) {
      return fail('solution', `\`${text}\` failed (exit ${result.exitCode}): ${result.startError ?? errors.at(-1) ?? 'no error output'}`);
    }
  }
  if (meterAfterSolution && spec !== undefined && r.meter !== undefined) {
    try {
      await r.meter.ensure(spec);
    } catch (error) {
      return fail('solution', `the downtime meter did not start after the solution: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const quiz = quizOf(step);
  if (quiz !== undefined) quizChoice = quiz.choices.indexOf(quiz.answer);

  let after = evaluate();
  const passed = await waitUntil(
    r.changes,
    () => {
      after = evaluate();
      return watched.ready && allPass(after);
    },
    r.timeoutMs,
  );
  if (!passed) return fail('after', `its checks did not pass within ${r.timeoutMs / 1000}s after the solution`, after);
  return undefined;
}
