/**
 * The node's container logs: one log per container run (the current one and the one before it,
 * for `--previous`), read and followed the way the kubelet serves `pods/log` — sinceSeconds, then
 * tailLines, then limitBytes, with RFC 3339 nanosecond timestamps on request. Memory is bounded
 * twice (issue #7): each run keeps only its most recent MAX_LOG_BYTES, as the kubelet's rotation by
 * containerLogMaxSize does, and all runs of the node together keep at most a budget, the chattiest
 * giving up their oldest lines first (log-budget.ts). Lines are stored packed (log-run.ts).
 */
import type { SimClock } from '../clock.js';
import type { ObjectStore } from '../store/object-store.js';
import type { LogOptions, PodLogSource } from '../server/logs.js';
import { PODS } from '../controllers/kinds.js';
import { fairShareLevel } from './log-budget.js';
import { LogClock, LogRun, type Follower } from './log-run.js';

/**
 * Bytes kept per run, counted as the CRI log file counts them. The kubelet keeps 10 MiB on disk; the
 * sandbox holds logs in memory for up to 1,000 Pods, so each keeps 256 KiB - a few thousand access
 * lines (docs/decisions.md, "Sandbox: container log size").
 */
export const MAX_LOG_BYTES = 256 * 1024;

/**
 * Bytes kept by all runs of the node together (CRI bytes; ~0.8 of it in heap). 500 nginx
 * containers under a load test would otherwise hold 500 × 256 KiB; a course's few Pods never reach
 * it (docs/decisions.md, "Sandbox: a node-wide budget for container logs").
 */
export const NODE_LOG_BUDGET_BYTES = 8 * 1024 * 1024;

/** Over budget, the runs are cut down to this share of it, so cuts come in batches, not per line. */
const BUDGET_REFILL_SHARE = 0.75;

interface ContainerLog {
  current: LogRun;
  previous?: LogRun;
}

export interface ContainerLogsOptions {
  /** All runs' bytes together (NODE_LOG_BUDGET_BYTES by default). */
  budgetBytes?: number;
}

export class ContainerLogs implements PodLogSource {
  private readonly pods = new Map<string, Map<string, ContainerLog>>();
  private readonly time = new LogClock();
  private readonly budgetBytes: number;
  /** Bytes of every run held, current and previous. */
  private total = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
    options: ContainerLogsOptions = {},
  ) {
    this.budgetBytes = options.budgetBytes ?? NODE_LOG_BUDGET_BYTES;
  }

  /** Bytes held by all runs (for tests and the bench). */
  get retainedBytes(): number {
    return this.total;
  }

  /** A container (re)started: a fresh log, the old one kept as `previous` (the one before it goes). */
  start(podUid: string, container: string): void {
    let containers = this.pods.get(podUid);
    if (!containers) this.pods.set(podUid, (containers = new Map()));
    const log = containers.get(container);
    if (log) {
      finish(log.current);
      if (log.previous) this.total -= log.previous.clear();
    }
    containers.set(container, { current: new LogRun(), previous: log?.current });
  }

  append(podUid: string, container: string, texts: string[]): void {
    const run = this.pods.get(podUid)?.get(container)?.current;
    if (!run || run.ended) return;
    // A CRI log has one entry per line of output.
    const lines = texts.some((t) => t.includes('\n')) ? texts.flatMap((t) => t.split('\n')) : texts;
    const times: number[] = [];
    for (const line of lines) {
      const time = this.time.next();
      times.push(time);
      this.total += run.add(line, time);
    }
    if (run.bytes > MAX_LOG_BYTES) this.total -= run.trimTo(MAX_LOG_BYTES);
    if (this.total > this.budgetBytes) this.enforceBudget();
    for (const follower of run.followers) {
      follower.write(lines.map((line, i) => (follower.timestamps ? `${this.time.rfc3339(times[i]!)} ${line}\n` : `${line}\n`)).join(''));
    }
  }

  /** The container stopped: followers' streams end. */
  end(podUid: string, container: string): void {
    const run = this.pods.get(podUid)?.get(container)?.current;
    if (run) finish(run);
  }

  /** The Pod is gone, and its logs with it. */
  forget(podUid: string): void {
    for (const log of this.pods.get(podUid)?.values() ?? []) {
      finish(log.current);
      this.total -= log.current.clear() + (log.previous?.clear() ?? 0);
    }
    this.pods.delete(podUid);
  }

  read(namespace: string, pod: string, container: string, options: LogOptions): string {
    const run = this.run(namespace, pod, container, options.previous);
    if (!run) return '';
    let since: number | undefined;
    if (options.sinceSeconds !== undefined) since = this.time.at(Math.floor(Date.now() - (options.sinceSeconds * 1000) / this.clock.speed));
    else if (options.sinceTime !== undefined) since = this.time.at(options.sinceTime);
    return run.read({ since, tailLines: options.tailLines, limitBytes: options.limitBytes, timestamps: options.timestamps }, this.time);
  }

  follow(namespace: string, pod: string, container: string, options: LogOptions, write: (chunk: string) => void, end: () => void): () => void {
    const run = this.run(namespace, pod, container, false);
    if (!run || run.ended) {
      setImmediate(end);
      return () => {};
    }
    const follower: Follower = { write, end, timestamps: options.timestamps };
    run.followers.add(follower);
    return () => run.followers.delete(follower);
  }

  private run(namespace: string, pod: string, container: string, previous: boolean): LogRun | undefined {
    const uid = this.store.peek(PODS, namespace, pod)?.metadata.uid;
    const log = uid ? this.pods.get(uid)?.get(container) : undefined;
    return previous ? log?.previous : log?.current;
  }

  /** Every run above the fair-share level loses its oldest segments down to it. */
  private enforceBudget(): void {
    const runs: LogRun[] = [];
    for (const containers of this.pods.values()) {
      for (const log of containers.values()) {
        runs.push(log.current);
        if (log.previous) runs.push(log.previous);
      }
    }
    const level = fairShareLevel(runs.map((r) => r.bytes), this.budgetBytes * BUDGET_REFILL_SHARE);
    for (const run of runs) if (run.bytes > level) this.total -= run.trimTo(level);
  }
}

function finish(run: LogRun): void {
  if (run.ended) return;
  run.ended = true;
  for (const follower of run.followers) follower.end();
  run.followers.clear();
}
