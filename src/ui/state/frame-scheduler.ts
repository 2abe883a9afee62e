/**
 * One clock for what changes the screen without a key: a command's output lines and the session's
 * snapshots (Pods, checks, the connection). Work asked for while a frame is due runs together at
 * that frame, so React and Ink render at most once per `intervalMs` however fast a child prints or
 * the cluster changes (issue 9: 5,000 streamed lines used to cost a render every 16 ms and Ink's
 * own 33 ms throttle on top, and a key waited behind both).
 *
 * A key does not wait for this clock: `flush` runs the pending work at once, so the key's frame
 * carries the output so far, and starts the interval again, so the next background frame comes a
 * whole interval after the key's. Ink's own throttle is then only a safety net
 * (`SCREEN_RENDER_OPTIONS.maxFps`), and the key's commit is drawn in the same turn of the loop.
 */

export interface FrameScheduler {
  /** Runs `job` at the next frame; a job already waiting for that frame runs once. */
  request(job: () => void): void;
  /** Runs the waiting jobs now (a key's frame takes them along) and restarts the interval. */
  flush(): void;
  /** Drops the waiting jobs and the timer. */
  cancel(): void;
}

/** The timer functions the scheduler uses: the real ones, or a test's clock. */
export interface FrameClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export interface FrameSchedulerOptions {
  /** The shortest time between two background frames. Default `FRAME_INTERVAL_MS`. */
  readonly intervalMs?: number;
  readonly clock?: FrameClock;
}

/** 30 frames a second: Ink's own default rate, and smooth enough for scrolling output. */
export const FRAME_INTERVAL_MS = 33;

const realClock: FrameClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export function createFrameScheduler(options: FrameSchedulerOptions = {}): FrameScheduler {
  const intervalMs = Math.max(0, options.intervalMs ?? FRAME_INTERVAL_MS);
  const clock = options.clock ?? realClock;
  const pending = new Set<() => void>();
  let timer: unknown;
  let lastFrame = Number.NEGATIVE_INFINITY;

  const stopTimer = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };
  const frame = (): void => {
    stopTimer();
    lastFrame = clock.now();
    // Jobs asked for while these run belong to the next frame.
    const jobs = [...pending];
    pending.clear();
    for (const job of jobs) job();
  };

  return {
    request(job) {
      pending.add(job);
      if (timer !== undefined) return;
      // After a quiet spell the first change is not held back: it runs once the current turn of
      // the loop is over, with whatever else that turn asked for (a burst of lines is one frame).
      timer = clock.setTimeout(frame, Math.max(0, lastFrame + intervalMs - clock.now()));
    },
    flush: frame,
    cancel() {
      stopTimer();
      pending.clear();
    },
  };
}
