/**
 * One container run's log, packed for memory (issue #7): lines are kept in segments of about
 * SEGMENT_BYTES, each one string (the lines, each ended by `\n`) and one array of numbers (each
 * line's time), instead of an object, a BigInt and a string per line (~200 B of heap for a 100-byte
 * access-log line; now ~110 B). Rotation drops whole segments, oldest first, as the kubelet drops
 * whole rotated files. Reads select lines the kubelet's way: sinceSeconds/sinceTime, then
 * tailLines, then the first limitBytes bytes.
 */

/** A CRI log line's bytes besides its text: `<RFC3339Nano> stdout F ` and the newline. */
export const CRI_LINE_OVERHEAD = 46;

/** A segment is sealed (its lines joined into one string) once it holds this many CRI bytes. */
export const SEGMENT_BYTES = 8 * 1024;

/**
 * The log's time line: a line's time is a number of nanoseconds since `epochMs`, exact while it is
 * below 2^53 (104 days), strictly increasing so lines keep their order.
 */
export class LogClock {
  private last = -1;

  constructor(private readonly epochMs = Date.now()) {}

  /** Now, with a random sub-millisecond part (a real runtime's clock has one). */
  next(): number {
    let stamp = (Date.now() - this.epochMs) * 1_000_000 + Math.floor(Math.random() * 1_000_000);
    if (stamp <= this.last) stamp = this.last + 1;
    this.last = stamp;
    return stamp;
  }

  /** A Unix time in milliseconds on this time line (lines before it are older). */
  at(unixMs: number): number {
    return (unixMs - this.epochMs) * 1_000_000;
  }

  /** Go's RFC3339Nano: trailing zeros of the fraction dropped. */
  rfc3339(stamp: number): string {
    const wholeMs = Math.floor(stamp / 1_000_000);
    const unixMs = this.epochMs + wholeMs;
    const seconds = new Date(unixMs).toISOString().replace(/\.\d+Z$/, '');
    const nanos = (((unixMs % 1000) + 1000) % 1000) * 1_000_000 + (stamp - wholeMs * 1_000_000);
    const fraction = String(nanos).padStart(9, '0').replace(/0+$/, '');
    return `${seconds}${fraction ? `.${fraction}` : ''}Z`;
  }
}

interface Segment {
  /** The lines, each ended by `\n`. */
  text: string;
  /** Each line's time (LogClock). */
  times: number[];
  /** CRI bytes of its lines. */
  bytes: number;
}

export interface Selection {
  /** Only lines at or after this time (LogClock). */
  since?: number;
  tailLines?: number;
  limitBytes?: number;
  timestamps: boolean;
}

export interface Follower {
  write(chunk: string): void;
  end(): void;
  timestamps: boolean;
}

const criBytes = (text: string) => Buffer.byteLength(text) + CRI_LINE_OVERHEAD;

export class LogRun {
  /** CRI bytes held, sealed and open segments together. */
  bytes = 0;
  ended = false;
  readonly followers = new Set<Follower>();
  private sealed: Segment[] = [];
  // The segment being written: its lines stay separate strings until it is sealed.
  private openLines: string[] = [];
  private openTimes: number[] = [];
  private openBytes = 0;

  /** Adds one line (no `\n` in it); returns its CRI bytes. */
  add(text: string, time: number): number {
    const bytes = criBytes(text);
    this.openLines.push(text);
    this.openTimes.push(time);
    this.openBytes += bytes;
    this.bytes += bytes;
    if (this.openBytes >= SEGMENT_BYTES) this.seal();
    return bytes;
  }

  /** Drops the oldest segments until at most `limit` bytes are held; returns the bytes freed. */
  trimTo(limit: number): number {
    const before = this.bytes;
    while (this.bytes > limit) {
      if (this.sealed.length === 0) this.seal();
      const oldest = this.sealed.shift();
      if (!oldest) break;
      this.bytes -= oldest.bytes;
    }
    return before - this.bytes;
  }

  /** Everything dropped (the Pod is gone); returns the bytes freed. */
  clear(): number {
    return this.trimTo(0);
  }

  read(selection: Selection, clock: LogClock): string {
    const segments = this.openLines.length > 0 ? [...this.sealed, this.openSegment()] : this.sealed;
    let [segment, line] = selection.since === undefined ? [0, 0] : firstAtOrAfter(segments, selection.since);
    if (selection.tailLines !== undefined && selection.tailLines >= 0) {
      const [s, l] = lastLines(segments, selection.tailLines);
      if (s > segment || (s === segment && l > line)) [segment, line] = [s, l];
    }
    const limit = selection.limitBytes ?? Number.POSITIVE_INFINITY;
    const parts: string[] = [];
    let bytes = 0;
    for (let s = segment; s < segments.length && bytes < limit; s++) {
      const { text, times } = segments[s]!;
      let offset = s === segment ? lineOffset(text, line) : 0;
      if (!selection.timestamps) {
        const part = offset === 0 ? text : text.slice(offset);
        parts.push(part);
        bytes += limit === Number.POSITIVE_INFINITY ? 0 : Buffer.byteLength(part);
        continue;
      }
      for (let l = s === segment ? line : 0; l < times.length && bytes < limit; l++) {
        const end = text.indexOf('\n', offset) + 1;
        const rendered = `${clock.rfc3339(times[l]!)} ${text.slice(offset, end)}`;
        parts.push(rendered);
        bytes += limit === Number.POSITIVE_INFINITY ? 0 : Buffer.byteLength(rendered);
        offset = end;
      }
    }
    const text = parts.join('');
    return limit === Number.POSITIVE_INFINITY ? text : Buffer.from(text).subarray(0, Math.max(0, limit)).toString();
  }

  /** The open lines become one string: one object per segment, not per line. */
  private seal(): void {
    if (this.openLines.length === 0) return;
    this.sealed.push(this.openSegment());
    this.openLines = [];
    this.openTimes = [];
    this.openBytes = 0;
  }

  private openSegment(): Segment {
    return { text: `${this.openLines.join('\n')}\n`, times: this.openTimes, bytes: this.openBytes };
  }
}

/** The first line at or after `time`, as (segment, line); lines are in time order. */
function firstAtOrAfter(segments: Segment[], time: number): [number, number] {
  for (let s = 0; s < segments.length; s++) {
    const times = segments[s]!.times;
    if (times[times.length - 1]! < time) continue;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! < time) lo = mid + 1;
      else hi = mid;
    }
    return [s, lo];
  }
  return [segments.length, 0];
}

/** Where the last `count` lines begin, as (segment, line). */
function lastLines(segments: Segment[], count: number): [number, number] {
  let left = count;
  for (let s = segments.length - 1; s >= 0; s--) {
    const lines = segments[s]!.times.length;
    if (left <= lines) return [s, lines - left];
    left -= lines;
  }
  return [0, 0];
}

/** The character offset of line `line` in a segment's text. */
function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset;
}
