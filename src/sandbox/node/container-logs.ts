/**
 * The node's container logs: one buffer per container run (the current one and the one before it,
 * for `--previous`), read and followed the way the kubelet serves `pods/log` — sinceSeconds, then
 * tailLines, then limitBytes, with RFC 3339 nanosecond timestamps on request. Like the kubelet's
 * log rotation (containerLogMaxSize), a run keeps only its most recent lines.
 */
import type { SimClock } from '../clock.js';
import type { ObjectStore } from '../store/object-store.js';
import type { LogOptions, PodLogSource } from '../server/logs.js';
import { PODS } from '../controllers/kinds.js';

/** Lines kept per run: roughly the kubelet's 10 MiB for lines of a typical length. */
const MAX_LINES = 50_000;

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
  lines: LogLine[];
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

const render = (lines: LogLine[], timestamps: boolean) => lines.map((l) => (timestamps ? `${rfc3339Nano(l.nanos)} ${l.text}\n` : `${l.text}\n`)).join('');

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
    containers.set(container, { current: { lines: [], ended: false, followers: new Set() }, previous: old });
  }

  append(podUid: string, container: string, texts: string[]): void {
    const run = this.pods.get(podUid)?.get(container)?.current;
    if (!run || run.ended) return;
    const lines = texts.map((text) => ({ nanos: this.nextNanos(), text }));
    run.lines.push(...lines);
    if (run.lines.length > MAX_LINES) run.lines.splice(0, run.lines.length - MAX_LINES);
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
    let lines = run.lines;
    if (options.sinceSeconds !== undefined) {
      const cutoff = BigInt(Math.floor(Date.now() - (options.sinceSeconds * 1000) / this.clock.speed)) * 1_000_000n;
      lines = lines.filter((l) => l.nanos >= cutoff);
    }
    if (options.tailLines !== undefined && options.tailLines >= 0) lines = lines.slice(Math.max(0, lines.length - options.tailLines));
    const text = render(lines, options.timestamps);
    if (options.limitBytes === undefined) return text;
    return Buffer.from(text).subarray(0, Math.max(0, options.limitBytes)).toString();
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
