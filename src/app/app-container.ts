/**
 * The thin container between the session and the screen, without rendering: the view store,
 * the output sink, the intents, the data on screen (snapshots mapped with toTutorialData, the
 * Pods' AGE refreshed every second) and the terminal hand-off. run-app.tsx renders it; the bench
 * and tests render it to a fake terminal.
 */
import type { SuspendTerminal } from 'ink';
import type { CommandRunner } from '../engine/commands/index.js';
import type { Course } from '../engine/lessons/index.js';
import type { ExitRegistry } from '../engine/lifecycle/index.js';
import type { Progress } from '../engine/progress/index.js';
import type { TutorialSession, TutorialSnapshot } from '../engine/session/index.js';
import {
  createFrameScheduler,
  createOutputSink,
  createViewStore,
  type AppIntents,
  type FrameScheduler,
  type OutputSink,
  type TutorialData,
  type ViewStore,
} from '../ui/index.js';
import { createAppStateStore, type AppStateStore } from './app-state.js';
import { createAppIntents } from './intents.js';
import { loadingData } from './loading-data.js';
import { createStdinGate, type GateableStdin } from './stdin-gate.js';
import { createTerminalHandoff } from './terminal-handoff.js';

export interface AppContainerOptions {
  course: Course;
  /** The saved progress, for the first frame's outline. */
  progress: Progress;
  namespace: string;
  registry: Pick<ExitRegistry, 'holdInterrupts'>;
  /** The runner the session uses; its runInteractive gets the terminal. */
  runner: Pick<CommandRunner, 'runInteractive'>;
  /** The terminal's input, whose read stops while a child has the terminal (process.stdin). */
  stdin?: GateableStdin;
  quit(): void;
  /** `!` in a workshop (src/workshop): raises the hand; false when there is no workshop. */
  raiseHand?(): boolean;
}

export interface AppContainer {
  readonly state: AppStateStore;
  readonly viewStore: ViewStore;
  readonly sink: OutputSink;
  /** The screen's frame clock: output batches and session snapshots land on its frames; a key flushes it. */
  readonly frames: FrameScheduler;
  readonly intents: AppIntents;
  /** For the session's `runInteractive` option. */
  readonly runInteractive: ReturnType<typeof createTerminalHandoff>;
  /** AppRoot hands Ink's suspendTerminal over here. */
  setSuspend(suspend: SuspendTerminal): void;
  /**
   * Shows `session` from now on: its snapshots (mapped with `toData`) and its output.
   * Returns the function that detaches it.
   */
  attach(session: TutorialSession, toData: (snapshot: TutorialSnapshot, now: number) => TutorialData): () => void;
  readonly session: TutorialSession | undefined;
}

const AGE_TICK_MS = 1000;

/** The same rows, as the Pods panel shows them. */
function samePods(a: TutorialData['pods'], b: TutorialData['pods']): boolean {
  return a.length === b.length && a.every((pod, i) => {
    const other = b[i]!;
    return pod.name === other.name && pod.ready === other.ready && pod.status === other.status && pod.restarts === other.restarts && pod.age === other.age;
  });
}

export function createAppContainer(options: AppContainerOptions): AppContainer {
  const state = createAppStateStore({ data: loadingData(options.course, options.progress, options.namespace), keyboard: true });
  const frames = createFrameScheduler();
  // A key is drawn at once, with the output and snapshot that were waiting for the next frame.
  const viewStore = createViewStore({ beforeKey: () => frames.flush() });
  const sink = createOutputSink(viewStore.dispatch, { scheduler: frames });
  let session: TutorialSession | undefined;
  let suspend: SuspendTerminal | undefined;
  const intents = createAppIntents({ session: () => session, viewStore, sink, quit: options.quit, ...(options.raiseHand ? { raiseHand: options.raiseHand } : {}) });
  const runInteractive = createTerminalHandoff({
    runner: options.runner,
    registry: options.registry,
    suspend: () => suspend,
    setKeyboard: (on) => state.set({ keyboard: on }),
    ...(options.stdin === undefined ? {} : { stdinGate: createStdinGate(options.stdin) }),
  });

  function attach(attached: TutorialSession, toData: (snapshot: TutorialSnapshot, now: number) => TutorialData): () => void {
    session = attached;
    let last = attached.snapshot();
    let shown: { snapshot: TutorialSnapshot; data: TutorialData } | undefined;
    let ticker: ReturnType<typeof setInterval> | undefined;
    const show = (): void => {
      // A frame that comes after detach shows nothing of the detached session.
      if (session !== attached) return;
      const fresh = toData(last, Date.now());
      // The clock's tick, with the same snapshot: only the Pods' ages can have moved. The screen's
      // data is kept but for the Pods (and kept whole when no row changed), so a connected app
      // holds one TutorialData for as long as it is shown, not a new one every second that the
      // heap promotes and keeps until a full GC (issue 9: the idle app's RSS climbed ~0.6 MB/s).
      const data = shown?.snapshot === last ? (samePods(shown.data.pods, fresh.pods) ? shown.data : { ...shown.data, pods: fresh.pods }) : fresh;
      shown = { snapshot: last, data };
      if (data !== state.get().data) state.set({ data });
      // The Pods panel's AGE column moves with the clock; nothing else does.
      if (last.pods.length > 0 && ticker === undefined) ticker = setInterval(() => frames.request(show), AGE_TICK_MS).unref();
      if (last.pods.length === 0 && ticker !== undefined) ticker = void clearInterval(ticker);
    };
    // A rollout publishes a snapshot per Pod event: the screen shows the newest once per frame.
    const unsubscribe = attached.subscribe((snapshot) => {
      last = snapshot;
      frames.request(show);
    });
    const unlisten = attached.onOutput((line) => sink.line(line.stream, line.text));
    show();
    return () => {
      if (session === attached) session = undefined;
      unsubscribe();
      unlisten();
      if (ticker !== undefined) clearInterval(ticker);
      sink.close();
    };
  }

  return {
    state,
    viewStore,
    sink,
    frames,
    intents,
    runInteractive,
    setSuspend: (value) => void (suspend = value),
    attach,
    get session() {
      return session;
    },
  };
}
