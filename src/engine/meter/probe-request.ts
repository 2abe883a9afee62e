/**
 * One metered request: a GET on a NEW connection (`agent: false`; keep-alive would pin one Pod and
 * hide the failures of the others), classified the way the downtime meter reports it.
 */
import { request } from 'node:http';
import type { RequestOutcome } from '../checks/traffic-record.js';
import type { MeterVersionSource } from '../checks/schema.js';

export interface ProbeResult {
  outcome: RequestOutcome;
  status?: number;
  version?: string;
  /** The error code or HTTP status line, for --json and the failure list. */
  detail?: string;
}

/** Reads the version from an answer: the `Server:` header by default, or the lesson's body pattern. */
export function versionOf(source: MeterVersionSource | undefined, server: string | undefined, body: string): string | undefined {
  if (source?.from === 'body') {
    const match = new RegExp(source.pattern).exec(body);
    return match === null ? undefined : (match[1] ?? match[0]);
  }
  return server;
}

/** Network error codes → outcomes. Anything unknown is `error` (still a failed request). */
export function outcomeOfError(code: string | undefined): RequestOutcome {
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return 'reset';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return 'timeout';
  return 'error';
}

const MAX_BODY = 64 * 1024;

export function probeRequest(url: string, options: { timeoutMs: number; version?: MeterVersionSource }): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = request(url, { agent: false, headers: { 'user-agent': 'kubedojo-meter', connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        // The body is only read for the version marker: the first 64 KiB is plenty.
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('error', (error: NodeJS.ErrnoException) => settle({ outcome: outcomeOfError(error.code), detail: error.code ?? error.message }));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 500) return settle({ outcome: 'http5xx', status, detail: `HTTP ${status}` });
        const server = typeof res.headers.server === 'string' ? res.headers.server : undefined;
        const version = versionOf(options.version, server, Buffer.concat(chunks).toString('utf8'));
        settle({ outcome: 'answered', status, ...(version === undefined ? {} : { version }) });
      });
    });
    const timer = setTimeout(() => {
      settle({ outcome: 'timeout', detail: 'timed out' });
      req.destroy();
    }, options.timeoutMs);
    timer.unref?.();
    req.on('error', (error: NodeJS.ErrnoException) => settle({ outcome: outcomeOfError(error.code), detail: error.code ?? error.message }));
    req.end();
  });
}
