/**
 * The node's container logs: one buffer per container run (the current one and the one before it,
 * for `--previous`), read and followed the way the kubelet serves `pods/log` — sinceSeconds, then
 * tailLines, then limitBytes, with RFC 3339 nanosecond timestamps on request. Like the kubelet's
 * log rotation (containerLogMaxSize), a run keeps only its most recent bytes: bounded by size, not
 * line count, so a flood of access-log lines (a wrk run at 26k req/s) cannot grow memory (issue #7).
 */
import type { SimClock } from '../clock.js';
import type { ObjectStore } from '../store/object-store.js';
import type { LogOptions, PodLogSource } from '../server/logs.js';
import { PODS } from '../controllers/kinds.js';

/**
 * Bytes kept per run, counted as the CRI log file counts them. The kubelet keeps 10 MiB on disk; the
 * sandbox holds logs in memory for up to 1,000 Pods, so each keeps 256 KiB - a few thousand access
 * lines (docs/decisions.md, "Sandbox: container log size").
 */
export const MAX_LOG_BYTES = 256 * 1024;

/** A CRI log line's bytes besides its text: `<RFC3339Nano> stdout F ` and the newline. */
const CRI_LINE_OVERHEAD = 46;

interface LogLine {
  /** Unix time in nanoseconds. */
  nanos: bigint;
  text: string;
}

interface Follower {
  write(chunk: string): void;
  end(): void;
  timestamps: boolean;
}

interface ContainerRun {
  /** Lines from index `head` on are kept; the ones before it were rotated away. */
  lines: LogLine[];
  head: number;
  bytes: number;
  ended: boolean;
  followers: Set<Follower>;
}

interface ContainerLog {
  current: ContainerRun;
  previous?: ContainerRun;
}

/** Go's RFC3339Nano: trailing zeros of the fraction dropped. */
function rfc3339Nano(nanos: bigint): string {
  const seconds = new Date(Number(nanos / 1_000_000n)).toISOString().replace(/\.\d+Z$/, '');
  const fraction = (nanos % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${seconds}${fraction ? `.${fraction}` : ''}Z`;
}

const renderLine = (line: LogLine, timestamps: boolean) => (timestamps ? `${rfc3339Nano(line.nanos)} ${line.text}\n` : `${line.text}\n`);
const render = (lines: LogLine[], timestamps: boolean) => lines.map((l) => renderLine(l, timestamps)).join('');
const lineBytes = (line: LogLine) => Buffer.byteLength(line.text) + CRI_LINE_OVERHEAD;

/**
 * The kubelet's order: sinceSeconds/sinceTime, then tailLines, then the first limitBytes bytes of
 * what is left - rendered line by line only as far as the limit, never as one huge string.
 */
function renderSelection(lines: LogLine[], options: LogOptions, cutoffNanos: bigint | undefined): string {
  let from = 0;
  if (cutoffNanos !== undefined) {
    // Lines are in time order: binary search for the first one at or after the cutoff.
    let hi = lines.length;
    while (from < hi) {
      const mid = (from + hi) >>> 1;
      if (lines[mid]!.nanos < cutoffNanos) from = mid + 1;
      else hi = mid;
    }
  }
  if (options.tailLines !== undefined && options.tailLines >= 0) from = Math.max(from, lines.length - options.tailLines);
  const limit = options.limitBytes;
  if (limit === undefined) return render(lines.slice(from), options.timestamps);
  const parts: string[] = [];
  let bytes = 0;
  for (let i = from; i < lines.length && bytes < limit; i++) {
    const text = renderLine(lines[i]!, options.timestamps);
    parts.push(text);
    bytes += Buffer.byteLength(text);
  }
  return Buffer.from(parts.join('')).subarray(0, Math.max(0, limit)).toString();
}

export class ContainerLogs implements PodLogSource {
  private readonly pods = new Map<string, Map<string, ContainerLog>>();
  private lastNanos = 0n;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
  ) {}

  /** A container (re)started: a fresh buffer, the old one kept as `previous`. */
  start(podUid: string, container: string): void {
    let containers = this.pods.get(podUid);
    if (!containers) this.pods.set(podUid, (containers = new Map()));
    const old = containers.get(container)?.current;
    if (old) this.finish(old);
    containers.set(container, { current: { lines: [], head: 0, bytes: 0, ended: false, followers: new Set() }, previous: old });
  }

  append(podUid: string, container: string, texts: string[]): void {
    const run = this.pods.get(podUid)?.get(container)?.current;
    if (!run || run.ended) return;
    const lines = texts.map((text) => ({ nanos: this.nextNanos(), text }));
    for (const line of lines) {
      run.lines.push(line);
      run.bytes += lineBytes(line);
    }
    rotate(run);
    for (const follower of run.followers) follower.write(render(lines, follower.timestamps));
  }

  /** The container stopped: followers' streams end. */
  end(podUid: string, container: string): void {
    const run = this.pods.get(podUid)?.get(container)?.current;
    if (run) this.finish(run);
  }

  /** The Pod is gone, and its logs with it. */
  forget(podUid: string): void {
    for (const log of this.pods.get(podUid)?.values() ?? []) this.finish(log.current);
    this.pods.delete(podUid);
  }

  read(namespace: string, pod: string, container: string, options: LogOptions): string {
    const run = this.run(namespace, pod, container, options.previous);
    if (!run) return '';
    let cutoff: bigint | undefined;
    if (options.sinceSeconds !== undefined) {
      cutoff = BigInt(Math.floor(Date.now() - (options.sinceSeconds * 1000) / this.clock.speed)) * 1_000_000n;
    } else if (options.sinceTime !== undefined) {
      cutoff = BigInt(options.sinceTime) * 1_000_000n;
    }
    return renderSelection(run.head > 0 ? run.lines.slice(run.head) : run.lines, options, cutoff);
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

  private run(namespace: string, pod: string, container: string, previous: boolean): ContainerRun | undefined {
    const uid = this.store.peek(PODS, namespace, pod)?.metadata.uid;
    const log = uid ? this.pods.get(uid)?.get(container) : undefined;
    return previous ? log?.previous : log?.current;
  }

  private finish(run: ContainerRun): void {
    if (run.ended) return;
    run.ended = true;
    for (const follower of run.followers) follower.end();
    run.followers.clear();
  }

  /** Now, in nanoseconds, strictly increasing so lines keep their order. */
  private nextNanos(): bigint {
    let nanos = BigInt(Date.now()) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000));
    if (nanos <= this.lastNanos) nanos = this.lastNanos + 1n;
    this.lastNanos = nanos;
    return nanos;
  }
}

/** Drops the oldest lines while the run holds more than MAX_LOG_BYTES, compacting now and then. */
function rotate(run: ContainerRun): void {
  while (run.bytes > MAX_LOG_BYTES && run.head < run.lines.length) {
    run.bytes -= lineBytes(run.lines[run.head]!);
    run.head++;
  }
  // Amortized: the array is copied only once half of it is dead.
  if (run.head > 1024 && run.head * 2 > run.lines.length) {
    run.lines = run.lines.slice(run.head);
    run.head = 0;
  }
}
