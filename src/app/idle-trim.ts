/**
 * Gives the app's memory back once it is quiet: one memory-reducing GC a moment after the session
 * connected, and after a command ended if the RSS grew by a burst since the last one (issue 9).
 *
 * Why an explicit GC: V8 keeps what a burst grew (the young generation at its largest, freed
 * old-generation pages in its page pool) until a memory-reducing GC, and its own memory reducer
 * does not run on Node 24 (docs/decisions.md, "Sandbox: memory back after a burst"). The sandbox's
 * trimmer (src/sandbox/memory-trim.ts) waits for the JS heap to stop growing, which a connected app
 * never does: its informers and Pods panel allocate several MB/s while 300 Pods report status. The
 * app knows its own quiet moments instead: connected, and no command running. The GC pauses the
 * UI once for ~20–60 ms, on a screen the learner is reading, not typing into.
 */
import type { TutorialSnapshot } from '../engine/session/snapshot.js';

/** How long the app must stay quiet before the trim: a command's output settles, the first lists land. */
export const TRIM_DELAY_MS = 1_500;
/** RSS growth since the last trim that is worth another one (the first trim always runs). */
export const TRIM_GROWTH_BYTES = 16 * 1024 * 1024;

export interface IdleTrimDeps {
  /** A memory-reducing GC; undefined when V8 will not give one (nothing is trimmed). */
  gc: (() => void) | undefined;
  rss: () => number;
  setTimer: (run: () => void, ms: number) => { unref?: () => void };
  clearTimer: (timer: { unref?: () => void }) => void;
}

export interface IdleTrim {
  /** Feed every session snapshot. */
  observe(snapshot: Pick<TutorialSnapshot, 'cluster' | 'running'>): void;
  /** Trims done so far (tests). */
  readonly trims: number;
  stop(): void;
}

const quiet = (snapshot: Pick<TutorialSnapshot, 'cluster' | 'running'>) => snapshot.cluster.connection.state === 'connected' && snapshot.running === undefined;

export function createIdleTrim(deps: IdleTrimDeps): IdleTrim {
  let baseline = Number.NEGATIVE_INFINITY;
  let wasQuiet = false;
  let last: Pick<TutorialSnapshot, 'cluster' | 'running'> | undefined;
  let timer: { unref?: () => void } | undefined;
  let trims = 0;
  const cancel = () => {
    if (timer !== undefined) deps.clearTimer(timer);
    timer = undefined;
  };
  return {
    observe(snapshot) {
      last = snapshot;
      const isQuiet = quiet(snapshot);
      if (!isQuiet) cancel();
      // Only the moment the app becomes quiet (connected, or a command ended) arms the trim.
      else if (!wasQuiet && deps.gc !== undefined) {
        cancel();
        timer = deps.setTimer(() => {
          timer = undefined;
          if (last === undefined || !quiet(last) || deps.rss() - baseline < TRIM_GROWTH_BYTES) return;
          deps.gc!();
          trims++;
          baseline = deps.rss();
        }, TRIM_DELAY_MS);
        timer.unref?.();
      }
      wasQuiet = isQuiet;
    },
    get trims() {
      return trims;
    },
    stop: cancel,
  };
}
