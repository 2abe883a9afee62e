/**
 * `kubedojo check`: evaluates the current step once against the cluster and prints every check;
 * exit 0 when the step passes, 1 when it does not (or the cluster cannot be reached).
 */
import { createExecaRunner } from '../../engine/commands/index.js';
import { createExitRegistry } from '../../engine/lifecycle/index.js';
import { createProgressStore } from '../../engine/progress/index.js';
import { clusterFlagsSchema, loadCourseOrFail, NAMESPACE, validate, type ClusterFlags } from '../cli-options.js';
import { styleFor } from '../terminal-style.js';
import { selfInvocation } from '../self-invocation.js';
import { commandCluster } from './app-cluster.js';

export interface CheckOptions extends ClusterFlags {
  lessons?: string;
}

/** Checks that only the app can see pass: what was typed there, quiz answers. */
const APP_ONLY_KINDS = new Set(['ran', 'quiz']);

export async function runCheckCommand(options: CheckOptions, out: NodeJS.WriteStream = process.stdout, err: NodeJS.WriteStream = process.stderr): Promise<number> {
  const { lessons, ...raw } = options;
  const flags = validate(clusterFlagsSchema, raw);
  const course = await loadCourseOrFail(lessons);
  const cluster = await commandCluster(flags, 'check');
  // Without the app and without flags, an empty sandbox started here would only fail every check.
  const connectFlags = cluster.app === undefined && flags.context === undefined && !flags.sandbox ? { ...cluster.flags, sandboxFallback: false } : cluster.flags;
  const { createTutorialSession } = await import('../../engine/session/index.js');

  const registry = createExitRegistry();
  const uninstall = registry.install();
  const runner = createExecaRunner();
  const session = createTutorialSession({
    course,
    progressStore: createProgressStore(),
    runner,
    namespace: NAMESPACE,
    ...(cluster.kubeconfigSources === undefined ? {} : { kubeconfigSources: cluster.kubeconfigSources }),
  });
  registry.register('close the session', () => session.close());
  const style = styleFor(out);
  try {
    const result = await session.checkOnce({ flags: connectFlags });
    const snapshot = session.snapshot();
    for (const notice of snapshot.notices) err.write(style.dim(`kubedojo: ${notice.text}`) + '\n');
    const lesson = course.lessons.find((candidate) => candidate.id === result.lessonId);
    const stepIndex = lesson?.steps.findIndex((step) => step.id === result.stepId) ?? -1;
    const step = lesson?.steps[stepIndex];
    if (lesson === undefined || step === undefined) {
      out.write('This course has no step to check.\n');
      return 1;
    }
    const where = cluster.app === undefined ? snapshot.cluster.context : `${snapshot.cluster.context}, the running app's cluster`;
    out.write(`${style.bold(lesson.title)} › step ${stepIndex + 1}/${lesson.steps.length}: ${step.title}  ${style.dim(`(${where})`)}\n`);
    for (const check of result.results) {
      const symbol = check.ok ? style.green(style.ok) : style.red(style.fail);
      const message = check.message === '' || check.message === check.label ? '' : style.dim(` — ${check.message}`);
      out.write(`  ${symbol} ${check.label}${message}\n`);
    }
    const failing = result.results.filter((check) => !check.ok);
    if (result.passed) out.write(style.green('Step passed.') + '\n');
    else {
      out.write(style.red(`Not yet: ${failing.length} of ${result.results.length} checks failing.`) + '\n');
      if (failing.some((check) => APP_ONLY_KINDS.has(check.kind))) {
        out.write(style.dim('Commands typed in your own terminal and quiz answers count only inside the app (kubedojo).') + '\n');
      }
    }
    return result.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof Error && error.name === 'NoClusterError') {
      err.write(`kubedojo check: kubedojo is not running, and no local cluster answered, so there is no cluster to check.\n`);
      err.write(`Start the app (${selfInvocation()}): it uses the sandbox when no cluster answers, and \`kubedojo check\` then checks the app's cluster.\n`);
      err.write(`(${error.message})\n`);
      return 1;
    }
    err.write(`kubedojo check: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await session.close();
    uninstall();
  }
}
