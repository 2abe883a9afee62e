/**
 * One metered request: a GET on a NEW connection (keep-alive would pin one Pod and hide the
 * failures of the others), classified the way the downtime meter reports it.
 *
 * A lean client over `net` rather than `http.request`: with a new connection per request, Node's
 * ClientRequest/IncomingMessage/Agent machinery was most of the meter's CPU at 100 req/s (issue
 * 11's figure), and undici's per-request client measured costlier still. The request is written
 * once as bytes; the answer is read by http1-response.ts, which refuses what Node's client refused.
 * The outcomes are Node's client's: ECONNREFUSED → refused; a connection closed or reset before the
 * answer is complete → reset (Node: "socket hang up" / "aborted", ECONNRESET); an unreadable answer →
 * error (its HPE_* code); no complete answer within the timeout → timeout; a complete 5xx → http5xx.
 */
import { Socket } from 'node:net';
import type { RequestOutcome } from '../checks/traffic-record.js';
import type { MeterVersionSource } from '../checks/schema.js';
import { Http1ResponseParser, HttpParseError } from './http1-response.js';

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

/** A URL made ready once for many requests: where to connect and the request's bytes. */
export interface ProbeTarget {
  host: string;
  port: number;
  request: Buffer;
  timeoutMs: number;
  version?: MeterVersionSource;
}

export function probeTarget(url: string, options: { timeoutMs: number; version?: MeterVersionSource }): ProbeTarget {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:') throw new Error(`the meter sends plain HTTP requests; ${url} is not an http:// URL`);
  const head = [
    `GET ${parsed.pathname}${parsed.search} HTTP/1.1`,
    // `host` keeps a non-default port and an IPv6 address's brackets, as Node's client sends it.
    `Host: ${parsed.host}`,
    'User-Agent: kubedojo-meter',
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? 80 : Number(parsed.port),
    request: Buffer.from(head, 'latin1'),
    timeoutMs: options.timeoutMs,
    ...(options.version ? { version: options.version } : {}),
  };
}

/** A request on its way: `expire()` ends it as timed out (the caller keeps the clock, see host-meter.ts). */
export interface ProbeHandle {
  expire(): void;
}

/**
 * Every probe reads into this one buffer (net's `onread`): each read is handed to the parser at
 * once, which copies what it keeps (or only counts a body's bytes), so nothing holds on to it.
 * No Buffer made and no readable-stream push per read; 16 KiB covers a whole head in one read.
 */
const READ_SIZE = 16 * 1024;
let readBuffer: Buffer | undefined;

/**
 * Closed probe sockets, ready for their next request. A net.Socket may connect again once it has
 * emitted 'close' (net's documented reconnect): that opens a NEW connection — a new TCP handle, a
 * new source port, a new accept on the server, so a new pick of Pod behind kube-proxy — while the
 * Socket object, its stream state and its listeners are made once. At 100 req/s, building a
 * Socket per request was a good part of the meter's own CPU. Capped: a burst of hanging requests
 * leaves no more than this many behind.
 */
const IDLE_MAX = 64;
const idle: ProbeSocket[] = [];

/** One request at a time over a reusable net.Socket: the state of the request in flight. */
class ProbeSocket {
  private readonly socket: Socket;
  private target: ProbeTarget | undefined;
  private parser: Http1ResponseParser | undefined;
  private done: ((result: ProbeResult) => void) | undefined;
  /** Counts the requests made on this socket: a late `expire` of an earlier one must not end the next. */
  private requests = 0;
  /** The connection has closed ('close' emitted). */
  private closed = true;

  constructor() {
    const socket = new Socket({
      onread: {
        buffer: (readBuffer ??= Buffer.allocUnsafe(READ_SIZE)),
        callback: (bytes, buffer) => {
          this.read((buffer as Buffer).subarray(0, bytes));
          return true;
        },
      },
    });
    this.socket = socket;
    // Written once connected rather than queued before: a write while connecting costs net two
    // one-off listeners and a closure per request.
    socket.on('connect', () => {
      if (this.target !== undefined) socket.write(this.target.request);
    });
    socket.on('end', () => {
      // After a 101, Node's client (with no 'upgrade' listener) reports nothing: the timeout decides.
      if (this.parser === undefined || this.parser.upgraded) return;
      if (this.parser.end()) this.answered();
      else this.failed('ECONNRESET');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => this.failed(error.code ?? error.message));
    // 'close' comes last, after every other event of the connection: only then may it reconnect,
    // and only once its request has ended (after a 101 the server may close first; the request
    // still waits for its timeout).
    socket.on('close', () => {
      this.closed = true;
      if (this.done === undefined) this.release();
    });
  }

  /** Starts a request; returns its number on this socket (for `expire`). */
  start(target: ProbeTarget, done: (result: ProbeResult) => void): number {
    this.requests += 1;
    this.closed = false;
    this.target = target;
    this.parser = new Http1ResponseParser(target.version?.from === 'body');
    this.done = done;
    this.socket.connect({ host: target.host, port: target.port });
    return this.requests;
  }

  /** Times out request number `request`, if it is still the one in flight. */
  expire(request: number): void {
    if (request === this.requests) this.settle({ outcome: 'timeout', detail: 'timed out' });
  }

  /** Ends the request in flight (once): our side closes, then `done` hears how it ended. */
  private settle(result: ProbeResult): void {
    const done = this.done;
    if (done === undefined) return;
    this.done = undefined;
    this.target = undefined;
    this.parser = undefined;
    // Our side closes as soon as the answer is complete, not when the server's FIN arrives: as Node's
    // client does with a `Connection: close` answer, and one event-loop turn less per request.
    this.socket.destroy();
    if (this.closed) this.release();
    done(result);
  }

  private release(): void {
    if (idle.length < IDLE_MAX) idle.push(this);
  }

  private read(chunk: Buffer): void {
    const parser = this.parser;
    if (parser === undefined) return;
    try {
      if (parser.push(chunk)) this.answered();
    } catch (error) {
      if (!(error instanceof HttpParseError)) throw error;
      this.failed(error.code);
    }
  }

  private answered(): void {
    const parser = this.parser!;
    const target = this.target!;
    const status = parser.status;
    if (status >= 500) return this.settle({ outcome: 'http5xx', status, detail: `HTTP ${status}` });
    const fromBody = target.version?.from === 'body';
    const version = versionOf(target.version, parser.server, fromBody ? parser.body() : '');
    this.settle(version === undefined ? { outcome: 'answered', status } : { outcome: 'answered', status, version });
  }

  private failed(code: string): void {
    this.settle({ outcome: outcomeOfError(code), detail: code });
  }
}

/**
 * Sends one request to `target` on a new connection; `done` is called exactly once, with how it
 * ended. It has no timer of its own: whoever sends many requests times them out with one timer
 * (see host-meter.ts).
 */
export function probe(target: ProbeTarget, done: (result: ProbeResult) => void): ProbeHandle {
  const socket = idle.pop() ?? new ProbeSocket();
  const request = socket.start(target, done);
  return { expire: () => socket.expire(request) };
}

/** One request to `url`, as a promise (the host meter uses a ProbeTarget made once instead). */
export function probeRequest(url: string, options: { timeoutMs: number; version?: MeterVersionSource }): Promise<ProbeResult> {
  const target = probeTarget(url, options);
  return new Promise((resolve) => {
    const timer = setTimeout(() => request.expire(), target.timeoutMs);
    timer.unref?.();
    const request = probe(target, (result) => {
      clearTimeout(timer);
      resolve(result);
    });
  });
}
