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
  /** A wall-clock time (a log line's timestamp) on the meter's time line. */
  fromWall(wallMs: number): number;
}

export const wallClock: MeterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref?.()),
  fromWall: (wallMs) => wallMs,
};

/** Simulated time: runs `speed` times faster than the wall clock from `origin` on. */
export function scaledClock(speed: number, origin = Date.now()): MeterClock {
  if (!(speed > 0)) throw new Error(`speed must be a positive number, got ${speed}`);
  return {
    now: () => origin + (Date.now() - origin) * speed,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / speed)).unref?.()),
    fromWall: (wallMs) => origin + (wallMs - origin) * speed,
  };
}
