/**
 * client-go's flowcontrol.Backoff (util/flowcontrol/backoff.go), as the kubelet uses it for both
 * image pulls and container restarts: 10 s, doubling per failure up to 5 min, without jitter, and
 * forgotten once an entry has been quiet for twice the maximum (a container that ran for 10 minutes
 * starts over at 10 s). Times are simulated milliseconds (sim-time.ts).
 */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly initialMs = BACKOFF_INITIAL_MS,
    private readonly maxMs = BACKOFF_MAX_MS,
  ) {}

  /** The current back-off of `id`, 0 when it has none. */
  get(id: string): number {
    return this.entries.get(id)?.backoff ?? 0;
  }

  /** Next: the first failure (or one after a long quiet) backs off `initial`, later ones double. */
  next(id: string, eventTime: number): void {
    const entry = this.entries.get(id);
    const backoff = !entry || this.hasExpired(eventTime, entry.lastUpdate) ? this.initialMs : Math.min(entry.backoff * 2, this.maxMs);
    this.entries.set(id, { backoff, lastUpdate: this.now() });
  }

  /** IsInBackOffSince: less than the back-off has passed since `eventTime` (a container's finishedAt). */
  isInBackOffSince(id: string, eventTime: number): boolean {
    const entry = this.entries.get(id);
    if (!entry || this.hasExpired(eventTime, entry.lastUpdate)) return false;
    return this.now() - eventTime < entry.backoff;
  }

  /** IsInBackOffSinceUpdate: less than the back-off has passed since the last failure was recorded. */
  isInBackOffSinceUpdate(id: string, eventTime: number): boolean {
    const entry = this.entries.get(id);
    if (!entry || this.hasExpired(eventTime, entry.lastUpdate)) return false;
    return eventTime - entry.lastUpdate < entry.backoff;
  }

  /** Drops every entry whose key starts with `prefix` (a Pod's, once it is gone). */
  forgetPrefix(prefix: string): void {
    for (const id of this.entries.keys()) if (id.startsWith(prefix)) this.entries.delete(id);
  }

  private hasExpired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.maxMs * 2;
  }
}
