/**
 * The controllers' work queues, after client-go's workqueue: a key added twice before it is processed
 * is processed once, a key can come back later (AddAfter) or after a failure with exponential
 * back-off (AddRateLimited), and keys are handled one at a time in the sandbox's TurnScheduler, so a
 * burst of work — a thousand Pods — never holds the event loop for long.
 *
 * The sandbox runs every controller in one thread, in rounds: each round, every queue works off the
 * keys it had when the round began, in creation order; keys added meanwhile wait for the next round.
 * No controller starves another, and an expensive sync (a Service's 1,000 endpoints) runs once per
 * wave of changes rather than once per change. A queue may depend on another: a Deployment is synced
 * only once no ReplicaSet sync is waiting, so it always reads ReplicaSet statuses that reflect its last
 * scaling — what the real controllers get from running concurrently and fast.
 */
import { ApiError } from '../api/status.js';
import type { SimClock } from '../clock.js';
import { TurnScheduler } from './turn-scheduler.js';

export type SyncHandler = (key: string) => void;

export interface Queue {
  add(key: string): void;
  /** Adds the key after `simMs` simulated milliseconds. */
  addAfter(key: string, simMs: number): void;
}

interface Lane {
  name: string;
  sync: SyncHandler;
  /** A queue that must have nothing waiting before this one runs. */
  waitFor?: Lane;
  /** Keys of the current round, not yet processed. */
  round: Set<string>;
  /** Keys for the next round. */
  pending: Set<string>;
  /** Keys waiting for a timer, with when they fall due (real ms), so a key waits on one timer only. */
  waiting: Map<string, { due: number; cancel: () => void }>;
  failures: Map<string, number>;
}

/** ItemExponentialFailureRateLimiter(5ms, 1000s) of DefaultControllerRateLimiter. */
const BASE_RETRY_MS = 5;
const MAX_RETRY_MS = 1_000_000;

export class WorkQueue {
  private readonly lanes: Lane[] = [];
  private readonly loop: TurnScheduler;
  private readonly leave: () => void;
  private stopped = false;

  constructor(private readonly clock: SimClock) {
    this.loop = TurnScheduler.of(clock);
    this.leave = this.loop.join({
      hasWork: () => !this.stopped && this.lanes.some((l) => l.round.size + l.pending.size > 0),
      step: () => this.step(),
    });
  }

  /** A named queue whose keys `sync` handles, run only when the queue named `waitFor` has nothing waiting. */
  queue(name: string, sync: SyncHandler, waitFor?: string): Queue {
    const lane: Lane = {
      name,
      sync,
      waitFor: this.lanes.find((l) => l.name === waitFor),
      round: new Set(),
      pending: new Set(),
      waiting: new Map(),
      failures: new Map(),
    };
    this.lanes.push(lane);
    return {
      add: (key) => this.add(lane, key),
      addAfter: (key, simMs) => this.addAfter(lane, key, simMs),
    };
  }

  stop(): void {
    this.stopped = true;
    this.leave();
    for (const lane of this.lanes) {
      for (const { cancel } of lane.waiting.values()) cancel();
      lane.waiting.clear();
    }
  }

  private add(lane: Lane, key: string): void {
    if (this.stopped) return;
    // A key still due this round will see the change anyway.
    if (!lane.round.has(key)) lane.pending.add(key);
    this.loop.wake();
  }

  /** The delaying queue keeps the earlier of two due times for one key (delaying_queue.go). */
  private addAfter(lane: Lane, key: string, simMs: number): void {
    if (this.stopped) return;
    const due = performance.now() + simMs / this.clock.speed;
    const waiting = lane.waiting.get(key);
    if (waiting && waiting.due <= due) return;
    waiting?.cancel();
    const cancel = this.clock.after(simMs, () => {
      lane.waiting.delete(key);
      this.add(lane, key);
    });
    lane.waiting.set(key, { due, cancel });
  }

  private step(): void {
    const lane = this.nextLane();
    if (!lane) return;
    const key = lane.round.values().next().value as string;
    lane.round.delete(key);
    this.process(lane, key);
  }

  /** The first queue with keys left this round; a new round when all are done. */
  private nextLane(): Lane | undefined {
    for (let attempt = 0; attempt < 2; attempt++) {
      for (const lane of this.lanes) {
        if (lane.round.size === 0) continue;
        const dependency = lane.waitFor;
        if (dependency && dependency.round.size + dependency.pending.size > 0) {
          // Work off the dependency first, new keys included.
          this.promote(dependency);
          return dependency;
        }
        return lane;
      }
      if (!this.lanes.some((l) => l.pending.size > 0)) return undefined;
      for (const lane of this.lanes) this.promote(lane);
    }
    return undefined;
  }

  private promote(lane: Lane): void {
    for (const key of lane.pending) lane.round.add(key);
    lane.pending.clear();
  }

  private process(lane: Lane, key: string): void {
    try {
      lane.sync(key);
      lane.failures.delete(key);
    } catch (error) {
      // utilruntime.HandleError: API errors (conflicts, a terminating namespace) are expected and
      // retried quietly; anything else is a bug worth a warning.
      if (!(error instanceof ApiError)) process.emitWarning(`${lane.name} failed to sync ${key}: ${(error as Error)?.stack ?? error}`);
      const failures = (lane.failures.get(key) ?? 0) + 1;
      lane.failures.set(key, failures);
      this.addAfter(lane, key, Math.min(MAX_RETRY_MS, BASE_RETRY_MS * 2 ** (failures - 1)));
    }
  }
}
