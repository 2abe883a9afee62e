/**
 * The engine behind the TUI: one TutorialSession owns the domain state (course position,
 * progress, checks, Pods, connection, notices; kept in session-store.ts), reacts to informer
 * events, the learner's commands and intents, and publishes plain snapshots (snapshot.ts). The
 * UI container maps them with toTutorialData and calls the methods of session-api.ts.
 */
import { SANDBOX_CONTEXT } from '../cluster/choose-context.js';
import { createExecaRunner } from '../commands/execa-runner.js';
import type { CommandEnv, OutputLine } from '../commands/command-runner.js';
import { bindRemembered, completeStep, isStepDone, markCourseStarted, rememberValue, revealHint as revealOneHint, setCurrent, skipStep as markSkipped } from '../progress/progress-reducers.js';
import { finishedLesson, meteredRollout } from './course-record.js';
import { evaluateCurrentStep } from './check-once.js';
import { connectCluster, type ClusterConnection, type ConnectFlags } from './cluster-connection.js';
import { createCommandSession } from './command-session.js';
import { caughtUpMessage, createLessonRestart, resetMessage } from './lesson-restart.js';
import { firstOpenStep, lessonAt, nextPosition, positionFromProgress, requiresDone, stepAt, toCurrent, type Position } from './course-position.js';
import { podRows } from './pod-rows.js';
import { quizOf } from './session-state.js';
import { createSessionStore } from './session-store.js';
import type { TutorialSession, TutorialSessionOptions } from './session-api.js';
import { runSolution } from './skip-step.js';
import { allPass, captureMissing, evaluateStep, kindsForStep, passedEarlierChecks, pendingChecks } from './step-checks.js';
import { clientNodeInformers, createWatchedCluster, type WatchedCluster } from './watched-cluster.js';
import { lessonWorkspace } from './session-workspace.js';
import { lessonMeterSpec, SessionMeter } from './session-meter.js';
import { removeMeterPods } from '../meter/pod-meter.js';
import type { Kind } from '../checks/kinds.js';

export function createTutorialSession(options: TutorialSessionOptions): TutorialSession {
  const { course } = options;
  const namespace = options.namespace ?? 'kubedojo';
  const runner = options.runner ?? createExecaRunner();
  const store = createSessionStore(course, options.progressStore, namespace, options.maxNotices);
  const outputListeners = new Set<(line: OutputLine) => void>();
  let connection: ClusterConnection | undefined;
  let watched: WatchedCluster | undefined;
  let meter: SessionMeter | undefined;
  // The lesson the meter's record belongs to: a new lesson starts from a clean record.
  let meterLesson: number | undefined;
  let loading: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  // Bumped when a step opens, so a command started in an earlier step cannot count for this one.
  let stepToken = 0;
  // Which cluster remembered values belong to (the tutorial namespace's uid), once connected.
  let clusterId: string | undefined;
  let commandToken = 0;

  const emit = (line: OutputLine): void => outputListeners.forEach((listener) => listener(line));
  const env = (): CommandEnv | undefined => (connection === undefined ? undefined : { ...options.commandEnv, KUBECONFIG: connection.kubeconfigPath });
  const busyReason = (): string | undefined =>
    store.state.busy === undefined ? undefined : 'kubedojo is building the lesson’s start state; wait until it is done.';

  const workspace = lessonWorkspace({
    root: options.workspaceRoot,
    namespace,
    sandbox: () => store.state.cluster.sandbox,
    kubeconfig: () => connection?.kubeconfig,
    notify: (level, text) => store.notify(level, text),
  });
  const lessons = createLessonRestart({
    course,
    store,
    runner,
    namespace,
    env,
    stopCommand: () => commands.stop(),
    beforeRebuild: async () => {
      // The lesson's meter starts again when its step opens, on the rebuilt Service.
      meterLesson = undefined;
      await meter?.reset();
    },
    onLine: emit,
    openStep: (position) => openStep(position),
    onRebuilt: (lesson) => workspace.refresh(lesson),
  });
  const commands = createCommandSession({
    runner,
    namespace,
    env,
    blocked: busyReason,
    onSandbox: () => store.state.cluster.sandbox,
    runInteractive: options.runInteractive,
    inApp: (argv) => workspace.inApp(argv),
    cwd: () => workspace.dir(),
    onLine: emit,
    onStart: (argv, mode) => {
      commandToken = stepToken;
      store.update({ running: { argv, mode } });
    },
    onFinish: (last, recorded = true) => {
      store.patch({ running: undefined, lastCommand: commandToken === stepToken && recorded ? last : store.state.lastCommand });
      refresh();
    },
  });

  function loadProgress(): Promise<void> {
    loading ??= (async () => {
      const loaded = await options.progressStore.load();
      if (loaded.notice !== undefined) store.notify('warn', loaded.notice);
      store.update({ progress: loaded.progress, position: positionFromProgress(course, loaded.progress) });
    })();
    return loading;
  }

  async function connectOnce(flags: ConnectFlags | undefined): Promise<ClusterConnection> {
    if (connection !== undefined) return connection;
    if (closing !== undefined) throw new Error('This session is closed.');
    const cluster = store.state.cluster;
    store.update({ cluster: { ...cluster, connection: { state: 'connecting' } } });
    let connected: ClusterConnection;
    try {
      connected = await connectCluster({ flags, namespace, kubeconfigSources: options.kubeconfigSources, probeTimeoutMs: options.probeTimeoutMs });
    } catch (error) {
      store.update({ cluster: { ...cluster, connection: { state: 'lost', reason: error instanceof Error ? error.message : String(error) } } });
      throw error;
    }
    // Closed while connecting: do not leave a sandbox running behind the learner's back.
    if (closing !== undefined) {
      await connected.close();
      throw new Error('This session is closed.');
    }
    connection = connected;
    clusterId = connected.clusterId;
    for (const notice of connected.notices) store.notify(notice.level, notice.text);
    // A sandbox run with `kubedojo sandbox` counts too: it has no minikube either.
    const sandbox = connected.sandbox !== undefined || connected.context === SANDBOX_CONTEXT;
    store.update({ cluster: { ...cluster, context: connected.context, sandbox, kubeconfigPath: connected.kubeconfigPath } });
    return connected;
  }

  async function connect(connectOptions: { flags?: ConnectFlags; lessonId?: string } = {}): Promise<void> {
    await loadProgress();
    const connected = await connectOnce(connectOptions.flags);
    if (watched !== undefined) return;
    // A meter Pod left behind by a crashed run is removed now, at the latest.
    void removeMeterPods(connected.kubeconfig, namespace).catch(() => undefined);
    meter = new SessionMeter({
      connection: connected,
      ...(options.meterSources ? { sources: options.meterSources } : {}),
      onChange: () => {
        store.patch({ traffic: meter?.snapshot() });
        refresh();
      },
      onProblem: (message) => store.notify('warn', message),
      // The course summary lists every rollout the meter watched whole, in the lesson it ran in.
      onRollout: (timeline) => {
        const position = store.state.position;
        if (position !== undefined && timeline.partial !== true) store.persist(meteredRollout(store.state.progress, lessonAt(course, position).id, timeline, new Date().toISOString()));
      },
    });
    watched = createWatchedCluster({
      informers: (options.informers ?? ((c: ClusterConnection) => clientNodeInformers(c.kubeconfig)))(connected),
      namespace,
      onChange: onClusterChange,
      onConnection: (watch) => {
        // The retry time and attempt, and nothing else (the UI counts down to it).
        const shown = watch.state === 'reconnecting' ? { state: watch.state, retryAt: watch.retryAt, attempt: watch.attempt } : watch;
        store.update({ cluster: { ...store.state.cluster, connection: shown } });
      },
    });
    if (connectOptions.lessonId !== undefined) {
      const lessonIndex = course.lessons.findIndex((candidate) => candidate.id === connectOptions.lessonId);
      const chosen = course.lessons[lessonIndex];
      // On a real cluster, or when the lesson needs catching up, opening it is chooseLesson's job.
      if (chosen === undefined || connected.sandbox === undefined || !requiresDone(course, store.state.progress, chosen)) {
        return chooseLesson(connectOptions.lessonId);
      }
      // On a fresh sandbox its start state is built below, as for the saved lesson.
      store.patch({ position: { lessonIndex, stepIndex: firstOpenStep(store.state.progress, chosen) } });
    }
    const position = store.state.position;
    if (position === undefined) return;
    const lesson = lessonAt(course, position);
    // A sandbox starts empty every run: give the current lesson the state it starts from.
    if (connected.sandbox !== undefined && (lesson.start.manifests.length > 0 || lesson.start.commands.length > 0)) {
      if (await lessons.rebuild(lesson)) store.notify('info', `The sandbox starts empty: built the start state of “${lesson.title}”.`);
    }
    openStep(position);
  }

  async function chooseLesson(id: string): Promise<void> {
    const lessonIndex = course.lessons.findIndex((lesson) => lesson.id === id);
    const lesson = course.lessons[lessonIndex];
    if (lesson === undefined || lesson.steps.length === 0) return store.notify('error', `There is no lesson “${id}” with steps.`);
    if (requiresDone(course, store.state.progress, lesson)) return openStep({ lessonIndex, stepIndex: firstOpenStep(store.state.progress, lesson) });
    await lessons.restart(lessonIndex, caughtUpMessage);
  }

  function openStep(position: Position): void {
    stepToken += 1;
    const step = stepAt(course, position);
    workspace.open(lessonAt(course, position));
    // A step passed before keeps its verdict: the cluster has moved on since, by design.
    const done = isStepDone(store.state.progress, lessonAt(course, position).id, step.id);
    store.persist(markCourseStarted(setCurrent(store.state.progress, toCurrent(course, position)), new Date().toISOString()), {
      position,
      finished: false,
      lastCommand: undefined,
      quizChoice: undefined,
      checks: done ? passedEarlierChecks(step) : pendingChecks(step),
      checksFrozen: done,
    });
    const lesson = lessonAt(course, position);
    if (meterLesson !== position.lessonIndex) {
      meterLesson = position.lessonIndex;
      void meter?.reset();
    }
    if (step.meter !== undefined) startMeter(step.meter);
    // The checks are evaluated once the informers for this step have listed (onClusterChange).
    watchFor(step, lesson.steps);
  }

  /** The step's kinds, plus what the rollout tracker reads when the lesson meters traffic. */
  function watchFor(step: ReturnType<typeof stepAt>, steps: readonly ReturnType<typeof stepAt>[]): void {
    const kinds = new Set<Kind>(kindsForStep(step));
    // Services too: a meter waiting for its Service starts when it appears.
    if (meter?.service !== undefined || lessonMeterSpec(steps) !== undefined) for (const kind of ['Deployment', 'ReplicaSet', 'Pod', 'Service'] as const) kinds.add(kind);
    void watched?.watch([...kinds]).catch(() => undefined);
  }

  function startMeter(spec: NonNullable<ReturnType<typeof lessonMeterSpec>>): Promise<void> {
    const position = store.state.position;
    const running = meter?.start(spec).then((state) => {
      if (state === 'waiting') store.notify('info', `The downtime meter starts once service ${spec.service} exists.`);
      if (position !== undefined) watchFor(stepAt(course, position), lessonAt(course, position).steps);
    });
    return (running ?? Promise.resolve()).catch((error: unknown) => store.notify('warn', `The downtime meter did not start: ${error instanceof Error ? error.message : String(error)}`));
  }

  function onClusterChange(): void {
    if (watched?.ready !== true) return;
    meter?.observe(watched.view);
    store.patch({ pods: podRows(watched.view.list('Pod')) });
    refresh();
  }

  /** Re-evaluates the current step (remembering what it asks for first) and publishes. */
  function refresh(): void {
    const { position, finished, busy, progress, checksFrozen } = store.state;
    if (position === undefined || finished || busy !== undefined || checksFrozen || watched?.ready !== true) return store.update({});
    const lesson = lessonAt(course, position);
    const step = stepAt(course, position);
    // Values remembered on another cluster name objects that do not exist here: capture again.
    let next = clusterId === undefined ? progress : bindRemembered(progress, lesson.id, clusterId);
    for (const [key, value] of Object.entries(captureMissing(step.remember, next.lessons[lesson.id]?.remembered ?? {}, watched.view))) {
      next = rememberValue(next, lesson.id, key, value, clusterId);
    }
    const remembered = next.lessons[lesson.id]?.remembered ?? {};
    const checks = evaluateStep(step, watched.view, {
      remembered,
      lastCommand: store.state.lastCommand,
      quizChoice: store.state.quizChoice,
      namespace,
      ...(meter === undefined ? {} : { traffic: meter.record }),
    });
    const passed = allPass(checks);
    if (passed) next = finishedLesson(completeStep(next, lesson.id, step.id), lesson, new Date().toISOString());
    if (next !== progress) store.persist(next, { checks, checksFrozen: passed });
    else store.update({ checks, checksFrozen: passed });
  }

  /** Moves past the current step (after it passed or was skipped). */
  async function advance(position: Position): Promise<void> {
    const next = nextPosition(course, position);
    if (next === undefined) {
      await meter?.stop();
      store.update({ finished: true, checks: [] });
    }
    else if (next.lessonIndex !== position.lessonIndex && !requiresDone(course, store.state.progress, lessonAt(course, next))) await lessons.restart(next.lessonIndex, caughtUpMessage);
    else openStep(next);
  }

  return {
    connect,
    snapshot: () => store.snapshot(),
    subscribe: (listener) => store.subscribe(listener),
    onOutput(listener) {
      outputListeners.add(listener);
      return () => void outputListeners.delete(listener);
    },
    get kubeconfigPath() {
      return connection?.kubeconfigPath;
    },
    run: (text) => commands.run(text),
    stop: () => commands.stop(),
    async nextStep() {
      const position = store.state.position;
      if (position === undefined || !store.snapshot().passed) return false;
      await advance(position);
      return true;
    },
    async skipStep() {
      const { position, finished } = store.state;
      if (position === undefined || finished) return false;
      if (store.snapshot().passed) {
        await advance(position);
        return true;
      }
      const blocked = busyReason();
      if (blocked !== undefined) {
        store.notify('warn', blocked);
        return false;
      }
      const env_ = env();
      if (env_ === undefined) {
        store.notify('error', 'Not connected to a cluster yet.');
        return false;
      }
      const lesson = lessonAt(course, position);
      const step = stepAt(course, position);
      commands.stop();
      store.update({ busy: `Skipping “${step.title}”: running its solution…` });
      const result = await runSolution(step, { runner, env: env_, namespace, onLine: emit });
      store.update({ busy: undefined });
      // Never lock the learner in: the step is skipped either way, and a failed solution is said.
      if (!result.ok) store.notify('warn', `Skipped “${step.title}”, but its solution failed: ${result.message}. If a later step cannot pass, r resets the lesson.`);
      else store.notify('info', `Skipped “${step.title}”: its solution ran, so the next steps find the cluster as they expect.`);
      store.persist(finishedLesson(markSkipped(store.state.progress, lesson.id, step.id), lesson, new Date().toISOString()));
      // The learner may have moved meanwhile (a reset); skip only from where they asked.
      if (store.state.position === position) await advance(position);
      return true;
    },
    revealHint() {
      const { position, finished, progress } = store.state;
      if (position === undefined || finished) return;
      const step = stepAt(course, position);
      store.persist(revealOneHint(progress, lessonAt(course, position).id, step.id, step.hints.length));
    },
    answerQuiz(choice) {
      const position = store.state.position;
      // A passed quiz keeps its right answer.
      if (store.state.checksFrozen) return;
      const quiz = position === undefined ? undefined : quizOf(stepAt(course, position));
      if (quiz === undefined || !Number.isInteger(choice) || choice < 0 || choice >= quiz.choices.length) return;
      store.patch({ quizChoice: choice });
      refresh();
    },
    chooseLesson,
    async resetLesson(lessonId) {
      if (lessonId === undefined) {
        const position = store.state.position;
        if (position !== undefined) await lessons.restart(position.lessonIndex, resetMessage);
        return;
      }
      const lessonIndex = course.lessons.findIndex((lesson) => lesson.id === lessonId);
      const lesson = course.lessons[lessonIndex];
      if (lesson === undefined || lesson.steps.length === 0) return store.notify('error', `There is no lesson “${lessonId}” with steps.`);
      await lessons.restart(lessonIndex, resetMessage);
    },
    async toggleMeter() {
      if (meter === undefined) return store.notify('warn', 'The downtime meter needs a cluster: kubedojo is still connecting.');
      if (meter.service !== undefined) return meter.stop();
      const position = store.state.position;
      const spec = position === undefined ? undefined : lessonMeterSpec(lessonAt(course, position).steps);
      if (spec === undefined) return store.notify('info', 'This lesson has no Service to meter: the meter belongs to the lessons on rollouts and downtime.');
      await startMeter(spec);
    },
    notify: (level, text) => store.notify(level, text),
    async checkOnce(connectOptions = {}) {
      await loadProgress();
      const connected = await connectOnce(connectOptions.flags);
      const result = await evaluateCurrentStep(course, store.state.progress, connected.kubeconfig, namespace);
      const { lessonId, stepId } = result;
      if (result.passed && lessonId !== undefined && stepId !== undefined && !isStepDone(store.state.progress, lessonId, stepId)) {
        const lesson = course.lessons.find((candidate) => candidate.id === lessonId);
        const done = completeStep(store.state.progress, lessonId, stepId);
        store.persist(lesson === undefined ? done : finishedLesson(done, lesson, new Date().toISOString()));
      }
      return result;
    },
    close() {
      closing ??= (async () => {
        commands.stop();
        await runner.stopAll();
        await meter?.close();
        await watched?.stop();
        // Only progress that was loaded is written back: never overwrite a file we did not read.
        if (loading !== undefined) {
          await loading;
          await store.flush();
        }
        await connection?.close();
        store.update({ cluster: { ...store.state.cluster, connection: { state: 'disconnected' } } });
      })();
      return closing;
    },
  };
}
