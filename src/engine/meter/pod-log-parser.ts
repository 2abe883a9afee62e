/**
 * Reads the meter Pod's log (with `timestamps=true`) back into samples. The Pod's loop prints,
 * per request: `kubedojo-meter send`, BusyBox wget's `-S` status line and headers (or its error
 * line), any body lines (when the version is a body marker), then `kubedojo-meter ok|fail`.
 * Times are the log's timestamps, so the latency is the Pod's, not the log stream's.
 */
import type { MeterVersionSource } from '../checks/schema.js';
import type { RequestOutcome } from '../checks/traffic-record.js';
import type { MeterEvent } from './meter-source.js';

export const METER_MARK = 'kubedojo-meter';

interface Pending {
  sentAt: number;
  status?: number;
  server?: string;
  error?: string;
  version?: string;
}

export class PodLogParser {
  private pending: Pending | undefined;
  private partial = '';

  constructor(
    private readonly toMeterTime: (wallMs: number) => number,
    private readonly version: MeterVersionSource | undefined,
    private readonly sink: (sample: MeterEvent) => void,
  ) {}

  /** A chunk of the followed log; lines may be split across chunks. */
  write(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  private line(raw: string): void {
    const space = raw.indexOf(' ');
    if (space < 0) return;
    const wall = Date.parse(raw.slice(0, space));
    if (Number.isNaN(wall)) return;
    const at = this.toMeterTime(wall);
    const text = raw.slice(space + 1);
    if (text === `${METER_MARK} send`) {
      this.pending = { sentAt: at };
      return;
    }
    const pending = this.pending;
    if (pending === undefined) return;
    if (text === `${METER_MARK} ok` || text === `${METER_MARK} fail`) {
      this.pending = undefined;
      const outcome = outcomeOf(text.endsWith('ok'), pending);
      const version = this.version?.from === 'body' ? pending.version : pending.server;
      this.sink({
        at: pending.sentAt,
        latencyMs: Math.max(0, at - pending.sentAt),
        outcome,
        ...(pending.status === undefined ? {} : { status: pending.status }),
        ...(outcome === 'answered' && version !== undefined ? { version } : {}),
        ...(pending.error === undefined ? {} : { detail: pending.error }),
      });
      return;
    }
    const status = /^ {2}HTTP\/[\d.]+ (\d{3})/.exec(text);
    if (status !== null) pending.status = Number(status[1]);
    else if (/^ {2}server: /i.test(text)) pending.server = text.slice(text.indexOf(':') + 1).trim();
    else if (text.startsWith('wget: ')) pending.error = text;
    else if (this.version?.from === 'body' && pending.version === undefined) {
      const match = new RegExp(this.version.pattern).exec(text);
      if (match !== null) pending.version = match[1] ?? match[0];
    }
  }
}

function outcomeOf(ok: boolean, pending: Pending): RequestOutcome {
  // wget fails on any status >= 400: a 404 is still an answer from the Service's Pods.
  if (pending.status !== undefined) return pending.status >= 500 ? 'http5xx' : 'answered';
  if (ok) return 'answered';
  const error = pending.error ?? '';
  if (/refused/i.test(error)) return 'refused';
  if (/reset/i.test(error)) return 'reset';
  if (/timed out/i.test(error)) return 'timeout';
  return 'error';
}
