/**
 * The bound on what a long-running response (a watch, `logs -f`) may hold for a client that does not
 * read. kube-apiserver's watch cache gives each watcher a small buffer and, when a watcher stays
 * blocked past its budget, terminates it (cacher.go dispatchEvent → `Forcing ... watcher close due
 * to unresponsiveness`); the client's reflector then watches again from the last resourceVersion it
 * saw. Without the bound, 50 watchers that never read held every event of 17k writes (issue #7).
 */
import type { ServerResponse } from 'node:http';

/** Bytes a response may have waiting for its client beyond what it had when it started. */
export const SLOW_READER_LIMIT_BYTES = 1024 * 1024;

/** How long a closed stream may take to flush its end before its socket is destroyed. */
const FLUSH_GRACE_MS = 5_000;

/**
 * Watches `res` for a client that stopped reading. Nothing counts until `allow()`, which sets the
 * backlog then (the initial events, written in one go, as the apiserver's watcher sends them
 * without a budget) as the floor above which the limit counts. `exceeded()` is true once the
 * backlog passed floor + limit.
 */
export class SlowReaderGuard {
  private floor = Number.POSITIVE_INFINITY;

  constructor(
    private readonly res: ServerResponse,
    private readonly limit = SLOW_READER_LIMIT_BYTES,
  ) {}

  allow(): void {
    this.floor = this.res.writableLength;
  }

  exceeded(): boolean {
    return this.res.writableLength > this.floor + this.limit;
  }
}

/**
 * Ends a long-running response the way the apiserver closes a watch (a clean end of stream, so the
 * client reconnects), and destroys the socket if the end cannot reach a client that does not read:
 * the buffered events are freed either way.
 */
export function endSlowReader(res: ServerResponse): void {
  if (res.destroyed) return;
  if (!res.writableEnded) res.end();
  const timer = setTimeout(() => res.destroy(), FLUSH_GRACE_MS);
  timer.unref();
  res.once('close', () => clearTimeout(timer));
}
