/**
 * `kubedojo rehearse`: runs the whole course unattended against a cluster (an instructor's
 * pre-flight, and CI's end-to-end proof on the sandbox). For every lesson in order it builds the
 * start state, then rehearses each step (rehearse-step.ts); after a failing step the rest of
 * that lesson is skipped, and the next lesson starts from its own start state. At the end it
 * deletes what it created in the namespace.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ensureNamespace } from '../cluster/cluster-probe.js';
import { classifyContext } from '../cluster/context-classifier.js';
import { createExecaToolRunner } from '../cluster/execa-tool-runner.js';
import { KeptAliveKubeConfig } from '../cluster/kept-alive-kubeconfig.js';
import { confirmContexts, type ToolRunner } from '../cluster/local-tool-confirmation.js';
import { writePinnedKubeconfig } from '../cluster/pinned-kubeconfig.js';
import { createExecaRunner } from '../commands/execa-runner.js';
import type { CommandEnv, CommandRunner, OutputLine } from '../commands/command-runner.js';
import { formatDiagnostic } from '../lessons/diagnostic.js';
import { loadCourse, type CourseLoad } from '../lessons/load-course.js';
import type { Lesson } from '../lessons/schema.js';
import { buildStartState, emptyNamespace } from '../session/start-state.js';
import { clientNodeInformers, createWatchedCluster, type InformerFactory } from '../session/watched-cluster.js';
import { prepareWorkspace } from '../workspace/workspace.js';
import { rehearseStep } from './rehearse-step.js';
import { RehearseMeter } from './rehearse-meter.js';
import type { RehearseEvent, RehearseFailure, RehearseSummary } from './rehearse-types.js';
import { createChangeSignal } from './wait-until.js';

export interface RehearseOptions {
  lessonsDir: string;
  /**
   * The course of `lessonsDir`, loaded already: a caller rehearsing it in many namespaces at once
   * (the workshop room's bench) parses it once instead of once per rehearsal. Default: loaded here.
   */
  loaded?: CourseLoad;
  /** A kubeconfig whose current context is the cluster to rehearse on (re-pinned to `namespace`). */
  kubeconfigPath: string;
  namespace: string;
  onEvent?: (event: RehearseEvent) => void;
  /** A context that does not look local is refused unless this is set (`--allow-remote`). */
  allowRemote?: boolean;
  /** Asks minikube/kind/k3d about a context at a private address; default: runs them (execa). */
  tools?: ToolRunner;
  /** How long a step may take to list, remember and pass; default 180 s (image pulls on real clusters). */
  stepTimeoutMs?: number;
  runner?: CommandRunner;
  /** Extra environment for every kubectl (KUBECONFIG is always the pinned file). */
  commandEnv?: CommandEnv;
  informers?: (kubeconfig: KubeConfig) => InformerFactory;
  /**
   * Only these lessons (ids), in course order; default every lesson. A CI that runs the sandbox
   * fast can rehearse the lessons with traffic checks on a slower one, where the simulated
   * margins (a 5 s preStop against a 1 s propagation) stay wider than a busy machine's delays.
   */
  only?: readonly string[];
}

export async function rehearse(options: RehearseOptions): Promise<RehearseSummary> {
  const onEvent = options.onEvent ?? (() => undefined);
  const summary: RehearseSummary = { ok: true, lessons: 0, steps: 0, passed: 0, skipped: 0, failures: [] };
  const fail = (failure: RehearseFailure): void => {
    summary.ok = false;
    summary.failures.push(failure);
    onEvent({ type: 'fail', failure });
  };

  const { course, diagnostics } = options.loaded ?? (await loadCourse(options.lessonsDir));
  if (diagnostics.length > 0) {
    for (const diagnostic of diagnostics) fail({ phase: 'load', message: formatDiagnostic(diagnostic), checks: [] });
    return summary;
  }
  const unknown = (options.only ?? []).filter((id) => !course.lessons.some((lesson) => lesson.id === id));
  if (unknown.length > 0) {
    fail({ phase: 'load', message: `no lesson ${unknown.join(', ')} in ${options.lessonsDir}`, checks: [] });
    return summary;
  }
  const lessons = options.only === undefined ? course.lessons : course.lessons.filter((lesson) => options.only!.includes(lesson.id));
  summary.lessons = lessons.length;
  summary.steps = lessons.reduce((total, lesson) => total + lesson.steps.length, 0);

  const runDir = await mkdtemp(join(tmpdir(), 'kubedojo-rehearse-'));
  const runner = options.runner ?? createExecaRunner();
  const changes = createChangeSignal();
  let watched: ReturnType<typeof createWatchedCluster> | undefined;
  let stopMeter: () => Promise<void> = async () => undefined;
  let closeConnections: () => Promise<void> = async () => undefined;
  try {
    const pinned = await pinKubeconfig(options, runDir);
    if (typeof pinned === 'string') {
      fail({ phase: 'setup', message: pinned, checks: [] });
      return summary;
    }
    closeConnections = () => pinned.kubeconfig.close();
    const meter = new RehearseMeter(pinned.kubeconfig, options.namespace, changes);
    stopMeter = () => meter.stop();
    watched = createWatchedCluster({
      informers: (options.informers ?? clientNodeInformers)(pinned.kubeconfig),
      namespace: options.namespace,
      onChange: () => {
        if (watched !== undefined) meter.monitor.observe(watched.view);
        changes.notify();
      },
      onConnection: () => changes.notify(),
    });
    const env: CommandEnv = { ...options.commandEnv, KUBECONFIG: pinned.path };
    const deps = { runner, env, namespace: options.namespace, onLine: (line: OutputLine) => onEvent({ type: 'output', line }) };

    for (const lesson of lessons) {
      onEvent({ type: 'lesson', lessonId: lesson.id, title: lesson.title });
      const start = await buildStartState(lesson, deps);
      if (!start.ok) {
        fail({ phase: 'start', lessonId: lesson.id, message: start.message, checks: [] });
        skipRest(lesson, 0, 'the start state could not be built');
        continue;
      }
      // A lesson's files, fresh, in a folder of the run: its solutions run there as a learner's commands do.
      const workspace = await prepareWorkspace(lesson, join(runDir, 'workspace'), { fresh: true });
      const remembered: Record<string, string> = {};
      for (const [index, step] of lesson.steps.entries()) {
        onEvent({ type: 'step', lessonId: lesson.id, stepId: step.id, title: step.title });
        const began = Date.now();
        const timeoutMs = options.stepTimeoutMs ?? 180_000;
        const failure = await rehearseStep({ lesson, step, remembered, watched, changes, runner, env, namespace: options.namespace, timeoutMs, onEvent, meter, ...(workspace === undefined ? {} : { cwd: workspace.dir }) });
        if (failure === undefined) {
          summary.passed += 1;
          onEvent({ type: 'pass', lessonId: lesson.id, stepId: step.id, ms: Date.now() - began });
          continue;
        }
        fail(failure);
        skipRest(lesson, index + 1, `step ${step.id} failed`);
        break;
      }
      // The meter belongs to the lesson: its Pod goes before the next lesson empties the namespace.
      await meter.stop();
    }

    const cleaned = await emptyNamespace(deps);
    if (!cleaned.ok) fail({ phase: 'cleanup', message: cleaned.message, checks: [] });
  } finally {
    await stopMeter();
    await watched?.stop();
    await closeConnections();
    if (options.runner === undefined) await runner.stopAll();
    await rm(runDir, { recursive: true, force: true });
  }
  return summary;

  function skipRest(lesson: Lesson, from: number, reason: string): void {
    for (const step of lesson.steps.slice(from)) {
      summary.skipped += 1;
      onEvent({ type: 'skip', lessonId: lesson.id, stepId: step.id, reason });
    }
  }
}

/** A copy of the kubeconfig's current context pinned to the namespace, which is then ensured. */
async function pinKubeconfig(options: RehearseOptions, runDir: string): Promise<{ path: string; kubeconfig: KeptAliveKubeConfig } | string> {
  try {
    const source = new KubeConfig();
    source.loadFromFile(options.kubeconfigPath);
    const current = source.getCurrentContext();
    // A private address counts only when minikube/kind/k3d confirms it (issue #7).
    const confirmations = options.allowRemote === true ? undefined : await confirmContexts(source, options.tools ?? createExecaToolRunner(), current);
    const context = classifyContext(source, current, confirmations);
    if (context === undefined) return `${options.kubeconfigPath} has no current context`;
    if (!context.local && options.allowRemote !== true) {
      return `\`${context.name}\` does not look like a local cluster (${context.reason}); rehearse it only with --allow-remote`;
    }
    const path = await writePinnedKubeconfig(source, context.name, options.namespace, runDir);
    // The informers, the meter and the checks' lists share its kept-alive connections.
    const kubeconfig = KeptAliveKubeConfig.fromFile(path);
    try {
      await ensureNamespace(kubeconfig, options.namespace);
    } catch (error) {
      await kubeconfig.close();
      throw error;
    }
    return { path, kubeconfig };
  } catch (error) {
    return `could not prepare the cluster: ${error instanceof Error ? error.message : String(error)}`;
  }
}
