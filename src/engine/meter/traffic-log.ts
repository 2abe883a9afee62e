/**
 * The mutable side of the meter's record: runs, samples and rollouts appended as they happen,
 * with listeners. `record` hands checks and panels a read-only view of it (no copy: they read
 * it synchronously and keep nothing).
 */
import type { MeterRun, MeterSample, RolloutSpan, TrafficRecord } from '../checks/traffic-record.js';

/** ~7 minutes at 500 req/s, an hour at 50: enough for any rollout a lesson waits for. */
const MAX_SAMPLES = 200_000;
/**
 * Trimmed down to MAX_SAMPLES once this many more came in, not one by one: dropping the oldest of a
 * full record on every sample moved 200 000 entries each time (2.5 ms a sample), and kept the
 * panel's cached run totals (meter-stats.ts) from ever settling.
 */
const TRIM_SLACK = 20_000;

export class TrafficLog {
  private readonly runList: MeterRun[] = [];
  private readonly sampleList: MeterSample[] = [];
  private readonly rolloutList: RolloutSpan[] = [];
  private readonly listeners = new Set<() => void>();

  get record(): TrafficRecord {
    return { runs: this.runList, samples: this.sampleList, rollouts: this.rolloutList };
  }

  get running(): MeterRun | undefined {
    const last = this.runList.at(-1);
    return last?.stoppedAt === undefined ? last : undefined;
  }

  startRun(service: string, at: number): void {
    this.stopRun(at);
    this.runList.push({ service, startedAt: at });
    this.changed();
  }

  stopRun(at: number): void {
    const run = this.running;
    if (run === undefined) return;
    run.stoppedAt = at;
    this.changed();
  }

  /** Samples arrive when answered, a little out of send order: keep them sorted by `at`. */
  addSample(sample: MeterSample): void {
    const list = this.sampleList;
    let i = list.length;
    while (i > 0 && list[i - 1]!.at > sample.at) i -= 1;
    if (i === list.length) list.push(sample);
    else list.splice(i, 0, sample);
    if (list.length > MAX_SAMPLES + TRIM_SLACK) list.splice(0, list.length - MAX_SAMPLES);
    this.changed();
  }

  rolloutStarted(span: RolloutSpan): void {
    this.rolloutList.push(span);
    this.changed();
  }

  /** Marks the Deployment's last rollout completed (the tracker may have stamped it already). */
  rolloutCompleted(deployment: string, at: number): void {
    const span = this.rolloutList.findLast((candidate) => candidate.deployment === deployment);
    if (span === undefined) return;
    span.completedAt ??= at;
    this.changed();
  }

  /** Forgets everything (a new lesson starts from a clean slate). */
  clear(): void {
    this.runList.length = 0;
    this.sampleList.length = 0;
    this.rolloutList.length = 0;
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
