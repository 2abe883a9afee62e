/**
 * When each Deployment's Progressing condition was last refreshed, to the millisecond. The deadline
 * check compares lastUpdateTime — whole seconds — with progressDeadlineSeconds; at the sandbox's test
 * speeds a second of rounding is minutes of simulated time, so the controller remembers the instant it
 * wrote each lastUpdateTime and falls back to the stored one for conditions it did not write.
 */
import type { SimClock } from '../../clock.js';

export class ProgressMarks {
  private readonly marks = new Map<string, { stamp: string; at: number }>();

  constructor(private readonly clock: SimClock) {}

  /** The Deployment's Progressing condition now carries `stamp`. */
  mark(uid: string, stamp: string): void {
    if (this.marks.get(uid)?.stamp !== stamp) this.marks.set(uid, { stamp, at: Date.now() });
  }

  forget(uid: string): void {
    this.marks.delete(uid);
  }

  /** Simulated seconds since the condition's lastUpdateTime. */
  secondsSince(uid: string, stamp: string): number {
    const mark = this.marks.get(uid);
    if (mark?.stamp !== stamp) return this.clock.secondsSince(stamp);
    return ((Date.now() - mark.at) / 1000) * this.clock.speed;
  }
}
