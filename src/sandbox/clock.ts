/**
 * Simulated time. Wall-clock timestamps stay real (kubectl computes AGE from them), but every
 * simulated delay — image pulls, container start, grace periods, deadlines — is divided by `speed`,
 * so a test at speed 50 runs a 10 s rollout in 200 ms and a learner at speed 1 sees the real pace.
 */
export class SimClock {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly speed = 1) {
    if (!(speed > 0)) throw new Error(`speed must be a positive number, got ${speed}`);
  }

  now(): Date {
    return new Date();
  }

  /** RFC 3339 with seconds precision, as metav1.Time serializes. */
  timestamp(date = this.now()): string {
    return date.toISOString().replace(/\.\d+Z$/, 'Z');
  }

  /** Simulated seconds elapsed since an RFC 3339 timestamp. */
  secondsSince(timestamp: string | undefined): number {
    if (!timestamp) return 0;
    return ((Date.now() - Date.parse(timestamp)) / 1000) * this.speed;
  }

  /** Runs `fn` after `simMs` simulated milliseconds. Returns a cancel function. */
  after(simMs: number, fn: () => void): () => void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, Math.max(0, simMs / this.speed));
    timer.unref?.();
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  sleep(simMs: number): Promise<void> {
    return new Promise((resolve) => this.after(simMs, resolve));
  }

  /** Cancels every pending timer (on sandbox stop). */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
