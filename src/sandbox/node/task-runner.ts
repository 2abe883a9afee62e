/**
 * The node's work, run step by step in the sandbox's TurnScheduler. A thousand Pods' timers can fall
 * due together, and Node.js runs due timers back to back; the timers only queue their work here, so
 * the API server sharing the thread is never held up for long.
 */
import { ApiError } from '../api/status.js';
import type { SimClock } from '../clock.js';
import { TurnScheduler } from '../controllers/turn-scheduler.js';

export class TaskRunner {
  private tasks: (() => void)[] = [];
  private head = 0;
  private stopped = false;
  private readonly loop: TurnScheduler;
  private readonly leave: () => void;

  constructor(clock: SimClock) {
    this.loop = TurnScheduler.of(clock);
    this.leave = this.loop.join({ hasWork: () => this.head < this.tasks.length, step: () => this.step() });
  }

  run(task: () => void): void {
    if (this.stopped) return;
    this.tasks.push(task);
    this.loop.wake();
  }

  stop(): void {
    this.stopped = true;
    this.leave();
    this.tasks = [];
    this.head = 0;
  }

  private step(): void {
    const task = this.tasks[this.head++];
    if (this.head >= this.tasks.length) {
      this.tasks = [];
      this.head = 0;
    }
    try {
      task?.();
    } catch (error) {
      // A write the API refused (the Pod went meanwhile) is expected; anything else is a bug.
      if (!(error instanceof ApiError)) process.emitWarning(`node task failed: ${(error as Error)?.stack ?? error}`);
    }
  }
}
