/**
 * One cooperative loop per sandbox for the controllers' queues and the node's tasks. They share the
 * thread with the API server, so they take turns on setImmediate within one small budget per turn of
 * the event loop, one step at a time, round robin — a burst of a thousand Pods never holds the loop
 * for long, and neither side starves the other.
 */
import type { SimClock } from '../clock.js';

export interface Worker {
  hasWork(): boolean;
  /** Does one unit of work: syncs one key, runs one task. */
  step(): void;
}

/** How long one turn may run before yielding to I/O. */
const TURN_BUDGET_MS = 5;

const schedulers = new WeakMap<SimClock, TurnScheduler>();

export class TurnScheduler {
  private readonly workers: Worker[] = [];
  private next = 0;
  private scheduled = false;

  /** The scheduler of the sandbox this clock belongs to. */
  static of(clock: SimClock): TurnScheduler {
    let scheduler = schedulers.get(clock);
    if (!scheduler) schedulers.set(clock, (scheduler = new TurnScheduler()));
    return scheduler;
  }

  /** Adds a worker; returns the function that removes it. */
  join(worker: Worker): () => void {
    this.workers.push(worker);
    return () => {
      const index = this.workers.indexOf(worker);
      if (index >= 0) this.workers.splice(index, 1);
    };
  }

  /** A worker has work: make sure a turn comes. */
  wake(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.turn);
  }

  private readonly turn = (): void => {
    this.scheduled = false;
    const deadline = performance.now() + TURN_BUDGET_MS;
    while (performance.now() < deadline) {
      const worker = this.nextWorker();
      if (!worker) return;
      worker.step();
    }
    if (this.workers.some((w) => w.hasWork())) this.wake();
  };

  private nextWorker(): Worker | undefined {
    for (let i = 0; i < this.workers.length; i++) {
      const index = (this.next + i) % this.workers.length;
      const worker = this.workers[index]!;
      if (!worker.hasWork()) continue;
      this.next = (index + 1) % this.workers.length;
      return worker;
    }
    return undefined;
  }
}
