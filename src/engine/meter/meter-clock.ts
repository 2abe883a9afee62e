/**
 * The meter's time line. On a real cluster it is wall time. On the sandbox every simulated delay
 * is divided by its speed factor, so the meter paces its requests and stamps its samples in
 * simulated time too: "20 requests per second" and "the longest gap 1.2 s" then mean what they
 * would mean on a real cluster, whatever the speed.
 */
export interface MeterClock {
  /** ms on the meter's time line (epoch-based). */
  now(): number;
  /** Waits `ms` of the meter's time. */
  sleep(ms: number): Promise<void>;
  /**
   * Calls `callback` after `ms` of the meter's time; the returned function cancels it. For a
   * loop that runs 100 times a second: no promise and no async function resumed per turn.
   */
  after(ms: number, callback: () => void): () => void;
  /** A wall-clock time (a log line's timestamp) on the meter's time line. */
  fromWall(wallMs: number): number;
}

export const wallClock: MeterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref?.()),
  after: (ms, callback) => unrefTimer(ms, callback),
  fromWall: (wallMs) => wallMs,
};

/** Simulated time: runs `speed` times faster than the wall clock from `origin` on. */
export function scaledClock(speed: number, origin = Date.now()): MeterClock {
  if (!(speed > 0)) throw new Error(`speed must be a positive number, got ${speed}`);
  return {
    now: () => origin + (Date.now() - origin) * speed,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / speed)).unref?.()),
    after: (ms, callback) => unrefTimer(Math.max(0, ms / speed), callback),
    fromWall: (wallMs) => origin + (wallMs - origin) * speed,
  };
}

/** A timer that does not keep the process alive (as `sleep`'s), and its cancel. */
function unrefTimer(wallMs: number, callback: () => void): () => void {
  const timer = setTimeout(callback, wallMs);
  timer.unref?.();
  return () => clearTimeout(timer);
}
