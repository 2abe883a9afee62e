/**
 * `kubedojo`: the app. Renders the screen first (the course outline and "connecting"), then loads
 * the session (client-node and the sandbox take longer to load than the screen takes to draw),
 * connects and follows it. Everything ends through ONE exit path, the exit registry: `q`,
 * Ctrl+C with nothing running, SIGINT / SIGTERM / SIGHUP and a crash all run the same
 * cleanups, newest first — stop the commands, restore the terminal, close the session (informers,
 * sandbox, progress), forget the running-app record — then exit.
 */
import { render } from 'ink';
import type { Course } from '../engine/lessons/index.js';
import { createExecaRunner } from '../engine/commands/index.js';
import { createExitRegistry } from '../engine/lifecycle/index.js';
import { createProgressStore, type ProgressStore } from '../engine/progress/index.js';
import type { ConnectFlags, TutorialSession } from '../engine/session/index.js';
import { createAppContainer } from './app-container.js';
import { selfInvocation } from '../cli/self-invocation.js';
import { defaultSandboxStateDir } from '../engine/session/sandbox-data.js';
import { isSandboxStateNotice, RESTORED_NOTICE } from '../sandbox/state-notices.js';
import { editorWrapperCommand } from './editor-wrapper.js';
import type { GateableStdin } from './stdin-gate.js';
import { AppRoot } from './app-root.js';
import { SCREEN_RENDER_OPTIONS } from './render-options.js';
import { restoreTerminal } from './restore-terminal.js';
import { publishRunningApp, withdrawRunningApp, type RunningApp } from './running-app.js';
import { lastResortGc, tuneHeapForAnInteractiveApp } from './heap-tuning.js';
import { createIdleTrim } from './idle-trim.js';
import type { KubeconfigSources } from '../engine/cluster/kubeconfig-loader.js';
import type { WorkshopLearner } from '../workshop/learner/workshop-learner.js';
import { keepFrameForNextStart, keepsFrames, takeOverFirstFrame } from '../cli/frame-replay/index.js';
import { createViewStore, type AppIntents } from '../ui/index.js';
import { createAppStateStore } from './app-state.js';
import { loadingData } from './loading-data.js';
import { renderOffScreen } from './off-screen-frame.js';

export interface RunAppOptions {
  /** Loaded and linted by the caller. */
  course: Course;
  flags: ConnectFlags;
  /** `kubedojo start <lesson>`: open this lesson instead of the saved position. */
  lessonId?: string;
  /** Default `kubedojo`. */
  namespace?: string;
  /** Default: the progress file under the config dir (defaultProgressPath). */
  progressPath?: string;
  /** Where the sandbox is saved. Default: the user's data dir (defaultSandboxStateDir). */
  sandboxStateDir?: string;
  /** `--kubeconfig FILE`: read this instead of KUBECONFIG / ~/.kube/config. */
  kubeconfigSources?: KubeconfigSources;
  /** A workshop kubeconfig (src/workshop/learner): progress mirrored for the board, `!`, pacing. */
  workshop?: WorkshopLearner;
}

/**
 * Draws the app and connects it; resolves once connected. The process then runs until the learner
 * quits, when the exit registry exits it.
 */
export async function runApp(options: RunAppOptions): Promise<void> {
  const namespace = options.namespace ?? 'kubedojo';
  const registry = createExitRegistry();
  registry.install();
  const progressStore = onceLoaded(createProgressStore(options.progressPath === undefined ? {} : { path: options.progressPath }));
  const { progress } = await progressStore.load();
  const editorWrapper = editorWrapperCommand();
  const runner = createExecaRunner(editorWrapper === undefined ? {} : { editorWrapper });
  const container = createAppContainer({
    course: options.course,
    progress,
    namespace,
    registry,
    runner,
    stdin: process.stdin as GateableStdin,
    quit: () => void registry.exit(0),
    raiseHand: () => options.workshop?.raiseHand() ?? false,
  });

  // Registered oldest first; they run newest first. The last: the session has saved the progress.
  registry.register("keep the next start's first frame", () => keepNextFirstFrame(options, namespace, container.intents));
  registry.register('forget the running app', () => withdrawRunningApp());
  registry.register('close the session', () => container.session?.close());
  // Runs before the session closes: the mirror's last write still has its connection.
  if (options.workshop !== undefined) registry.register('send the last progress to the board', () => options.workshop?.close());
  // The frame replayed at start (if any) stays on screen until Ink's own is complete.
  const firstFrame = takeOverFirstFrame();
  let instance: ReturnType<typeof render>;
  try {
    instance = render(
      <AppRoot state={container.state} intents={container.intents} viewStore={container.viewStore} onSuspendReady={container.setSuspend} />,
      // The screen is full-screen; the rest is shared with the bench (render-options.ts).
      { ...SCREEN_RENDER_OPTIONS, alternateScreen: true },
    );
  } catch (error) {
    firstFrame.finish();
    throw error;
  }
  registry.register('restore the terminal', () => restoreTerminal(instance));
  // Runs before the terminal is restored: Ink's frame, if still held back, goes out first.
  registry.register('end the replayed first frame', () => firstFrame.finish());
  registry.register('stop commands', () => runner.stopAll());
  // Ink ends by itself only when a render throws.
  instance.waitUntilExit().then(
    () => void registry.exit(0),
    (error: unknown) => void registry.exit(1, error),
  );

  // The session's module brings client-node (5 MB, ~90 ms to evaluate): only once the first frame
  // is on the terminal, so the learner sees the outline while it loads (issue 9).
  await instance.waitUntilRenderFlush();
  firstFrame.finish();
  // After the first frame, not before: set earlier, the small young generation costs the start-up
  // ~30 ms of scavenges (heap-tuning.ts; docs/decisions.md, "App: memory on a real cluster").
  tuneHeapForAnInteractiveApp();
  // One turn of the event loop for keys typed while the screen was coming up (the replayed frame
  // invites them): Ink reads them now, before the session's module holds the thread for ~100 ms.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const { createTutorialSession, toTutorialData } = await import('../engine/session/index.js');
  const session = createTutorialSession({
    course: options.course,
    progressStore,
    runner,
    runInteractive: container.runInteractive,
    namespace,
    ...(options.kubeconfigSources === undefined ? {} : { kubeconfigSources: options.kubeconfigSources }),
  });
  const workshop = options.workshop;
  if (workshop === undefined) container.attach(session, toTutorialData);
  else container.attach(workshop.guard(session), (snapshot, now) => workshop.pace(toTutorialData(snapshot, now)));
  announceWhenConnected(session, options.flags);
  // What loading the session and connecting grew, and a big command's output, given back once quiet.
  const trim = createIdleTrim({
    gc: lastResortGc(),
    rss: () => process.memoryUsage.rss(),
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
  });
  const unsubscribeTrim = session.subscribe((snapshot) => trim.observe(snapshot));
  registry.register('stop the memory trim', () => {
    unsubscribeTrim();
    trim.stop();
  });
  try {
    // The app's sandbox lives on across runs (issue #8, item 13); `check`, `rehearse` and tests
    // start theirs in memory.
    const flags = { ...options.flags, sandboxStateDir: options.sandboxStateDir ?? defaultSandboxStateDir() };
    await session.connect({ flags, ...(options.lessonId === undefined ? {} : { lessonId: options.lessonId }) });
    workshop?.start(session, progress);
  } catch (error) {
    // The status line shows the lost connection; the notice says why.
    session.notify('error', error instanceof Error ? error.message : String(error));
  }
}

/**
 * As the app quits: the first frame its next start will draw (the outline for the progress just
 * saved, "connecting…"), rendered off screen and kept for the replay (src/cli/frame-replay), so
 * that a learner who made progress sees the screen at once next time too.
 */
async function keepNextFirstFrame(options: RunAppOptions, namespace: string, intents: AppIntents): Promise<void> {
  if (!keepsFrames()) return;
  const { progress } = await createProgressStore(options.progressPath === undefined ? {} : { path: options.progressPath }).load();
  const state = createAppStateStore({ data: loadingData(options.course, progress, namespace), keyboard: true });
  const frame = await renderOffScreen(<AppRoot state={state} intents={intents} viewStore={createViewStore()} />, {
    columns: process.stdout.columns,
    rows: process.stdout.rows,
  });
  keepFrameForNextStart(frame);
}

/** The progress store, whose first load is shared: the first frame and the session read it once. */
function onceLoaded(store: ProgressStore): ProgressStore {
  const first = store.load();
  let used = false;
  return {
    path: store.path,
    load: () => {
      if (used) return store.load();
      used = true;
      return first;
    },
    save: (progress) => store.save(progress),
  };
}

/**
 * Once connected: records the app for `kubedojo env` / `check` and, on the sandbox, says on
 * screen when and where it started.
 */
function announceWhenConnected(session: TutorialSession, flags: ConnectFlags): void {
  const unsubscribe = session.subscribe((snapshot) => {
    const { kubeconfigPath, context, sandbox, namespace } = snapshot.cluster;
    if (kubeconfigPath === undefined || context === undefined) return;
    unsubscribe();
    publishRunningApp(kubeconfigPath, { context, sandbox, remote: flags.allowRemote === true, namespace, startedAt: new Date().toISOString() }).then(
      (record) => {
        if (!record.sandbox) return;
        // Connecting said whether the saved sandbox came back; the banner (the second terminal's
        // hint) comes last, and a warning about the saved state (set aside, not saved) after it,
        // so neither is hidden behind the other.
        const stateNotices = session.snapshot().notices.filter((notice) => isSandboxStateNotice(notice.text));
        const restored = stateNotices.some((notice) => notice.text.startsWith(RESTORED_NOTICE));
        session.notify('info', sandboxNotice(record, restored));
        for (const notice of stateNotices) if (notice.level !== 'info') session.notify(notice.level, notice.text);
      },
      (error: unknown) =>
        session.notify('warn', `\`kubedojo env\` will not find this run: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
}

export function sandboxNotice(record: Pick<RunningApp, 'server' | 'startedAt'>, restored = false, invocation = selfInvocation()): string {
  const started = new Date(record.startedAt);
  // Not toLocaleTimeString: loading ICU's locale data costs more than the whole notice.
  const time = [started.getHours(), started.getMinutes(), started.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  return `Sandbox ${restored ? 'restored' : 'started'} ${time} at ${record.server ?? '127.0.0.1'} · other terminal: eval "$(${invocation} env)"`;
}
