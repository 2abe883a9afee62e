/**
 * An HTTP/1.1 response parser for the meter's lean client (probe-request.ts): one response per
 * connection, read for its status, its `Server:` header and (when the lesson names a body marker)
 * the start of its body.
 *
 * Why hand-written: the meter opens a new connection per request, and at 100 req/s Node's
 * http.ClientRequest/IncomingMessage/Agent machinery per request was most of the meter's CPU (issue
 * 11's figure: ≤ 10% of a core). Node's own parser (llhttp) is not public, and undici's per-request
 * client measured costlier still. This parser is as strict as llhttp in Node ≥ 22 where that
 * changes a request's outcome: what Node's client rejected (a bare LF, an obs-folded header, a
 * Content-Length beside a Transfer-Encoding, a bad chunk size…) fails here with the same HPE_* code,
 * so the meter's verdicts stay the same. Pure: bytes in, a result out; no sockets.
 */

/** A response the meter cannot read: the request failed (`error`), as with Node's client. */
export class HttpParseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`Parse Error: ${message}`);
  }
}

/** Node's default --max-http-header-size. */
const MAX_HEAD = 16 * 1024;
/** The body is only read for the version marker: the first 64 KiB is plenty. */
export const MAX_BODY = 64 * 1024;

type State =
  | 'status' // before and in the status line (blank lines before it are allowed)
  | 'headers'
  | 'length' // a Content-Length body
  | 'eof' // a body that ends when the connection does
  | 'chunk-size'
  | 'chunk-data'
  | 'chunk-end' // the CRLF after a chunk's data
  | 'trailers'
  | 'done'
  | 'upgraded'; // 101: no HTTP any more (Node's client, without an 'upgrade' listener, answers nothing)

// A field line: an RFC 9110 token for its name, and a value of VCHAR, SP, HTAB and obs-text. One
// test per line without captures (this runs for every header of every request); the value is cut
// out and trimmed only for the few headers the meter reads.
const FIELD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e\x80-\xff]*$/;
const STATUS_LINE = /^HTTP\/(\d)\.(\d) (\d{3})(?: |$)/;
const HEX = /^[0-9A-Fa-f]+$/;

export class Http1ResponseParser {
  status = 0;
  /** The first `Server:` header's value (Node keeps the first of duplicates too). */
  server: string | undefined;
  private state: State = 'status';
  /** Line-mode bytes not yet consumed, latin1 (one char per byte, so lengths are byte counts). */
  private pending = '';
  private headBytes = 0;
  private remaining = 0;
  private contentLength: number | undefined;
  private transferEncoding: string | undefined;
  private bodyText = '';

  /** `keepBody`: collect the body's first 64 KiB (for a body version marker); else it is only counted. */
  constructor(private readonly keepBody: boolean) {}

  /** Feeds the next bytes read. True once the response is complete. Throws HttpParseError. */
  push(chunk: Buffer): boolean {
    if (this.state === 'done' || this.state === 'upgraded') return this.state === 'done';
    // The common case, a body that is only counted: no string made of it.
    if (!this.keepBody && this.pending === '' && (this.state === 'eof' || (this.state === 'length' && chunk.length <= this.remaining))) {
      if (this.state === 'length') {
        this.remaining -= chunk.length;
        if (this.remaining === 0) this.state = 'done';
      }
      return this.state === 'done';
    }
    this.pending += chunk.toString('latin1');
    this.run();
    return this.complete;
  }

  /**
   * The connection ended. True when that completes the response (a body that runs until close);
   * false when it was cut short, which Node's client reports as ECONNRESET ("socket hang up" before
   * the headers ended, "aborted" inside a body).
   */
  end(): boolean {
    if (this.state === 'eof') this.state = 'done';
    return this.state === 'done';
  }

  get complete(): boolean {
    return this.state === 'done';
  }

  /** A 101 answer: no HTTP follows, and (as with Node's client) the request never ends by itself. */
  get upgraded(): boolean {
    return this.state === 'upgraded';
  }

  /** The body read so far (its first 64 KiB or a little more), UTF-8. */
  body(): string {
    return Buffer.from(this.bodyText, 'latin1').toString('utf8');
  }

  private run(): void {
    for (;;) {
      switch (this.state) {
        case 'status':
        case 'headers':
        case 'chunk-size':
        case 'trailers': {
          const line = this.takeLine();
          if (line === undefined) return;
          this.onLine(line);
          break;
        }
        case 'chunk-end': {
          if (this.pending.length < 2) {
            if (this.pending === '' || this.pending === '\r') return;
            throw new HttpParseError('HPE_STRICT', 'Expected LF after chunk data');
          }
          if (this.pending[0] !== '\r' || this.pending[1] !== '\n') throw new HttpParseError('HPE_STRICT', 'Expected LF after chunk data');
          this.pending = this.pending.slice(2);
          this.state = 'chunk-size';
          break;
        }
        case 'length':
        case 'chunk-data': {
          if (this.pending === '') return;
          const take = Math.min(this.remaining, this.pending.length);
          this.keep(this.pending.slice(0, take));
          this.pending = this.pending.slice(take);
          this.remaining -= take;
          if (this.remaining > 0) return;
          this.state = this.state === 'length' ? 'done' : 'chunk-end';
          break;
        }
        case 'eof':
          this.keep(this.pending);
          this.pending = '';
          return;
        case 'done':
        case 'upgraded':
          // Bytes after a complete response are not the meter's business (one request per connection).
          this.pending = '';
          return;
      }
    }
  }

  /** The next CRLF-terminated line without its CRLF, or undefined when it has not all arrived. */
  private takeLine(): string | undefined {
    const lf = this.pending.indexOf('\n');
    const inHead = this.state === 'status' || this.state === 'headers';
    if (lf === -1) {
      // Like llhttp, refuse a response that cannot become one at its first wrong byte, not at its end.
      if (this.state === 'status' && !'HTTP/'.startsWith(this.pending.replace(/^(?:\r\n)*\r?/, '').slice(0, 5))) {
        throw new HttpParseError('HPE_INVALID_CONSTANT', 'Expected HTTP/');
      }
      const cr = this.pending.indexOf('\r');
      if (cr !== -1 && cr < this.pending.length - 1) throw new HttpParseError('HPE_STRICT', 'Expected LF after CR');
      if (inHead && this.headBytes + this.pending.length > MAX_HEAD) throw new HttpParseError('HPE_HEADER_OVERFLOW', 'Header overflow');
      return undefined;
    }
    if (lf === 0 || this.pending[lf - 1] !== '\r') throw new HttpParseError('HPE_CR_EXPECTED', 'Missing expected CR');
    const line = this.pending.slice(0, lf - 1);
    if (line.includes('\r')) throw new HttpParseError('HPE_STRICT', 'Expected LF after CR');
    if (inHead) {
      this.headBytes += lf + 1;
      if (this.headBytes > MAX_HEAD) throw new HttpParseError('HPE_HEADER_OVERFLOW', 'Header overflow');
    }
    this.pending = this.pending.slice(lf + 1);
    return line;
  }

  private onLine(line: string): void {
    switch (this.state) {
      case 'status':
        if (line !== '') this.onStatusLine(line); // blank lines before a response are tolerated, as by llhttp
        return;
      case 'headers':
        if (line === '') this.onHeadEnd();
        else this.onHeader(line);
        return;
      case 'chunk-size':
        this.onChunkSize(line);
        return;
      case 'trailers':
        // Trailer fields are read past, not kept (the version is in the head or the body).
        if (line === '') this.state = 'done';
        else this.field(line);
        return;
      default:
        return;
    }
  }

  private onStatusLine(line: string): void {
    if (!line.startsWith('HTTP/')) throw new HttpParseError('HPE_INVALID_CONSTANT', 'Expected HTTP/');
    const match = STATUS_LINE.exec(line);
    if (match === null) {
      if (!/^HTTP\/\d\.\d /.test(line)) throw new HttpParseError('HPE_INVALID_VERSION', 'Expected space after version');
      throw new HttpParseError('HPE_INVALID_STATUS', 'Invalid status code');
    }
    const version = `${match[1]}.${match[2]}`;
    if (version !== '0.9' && version !== '1.0' && version !== '1.1' && version !== '2.0') throw new HttpParseError('HPE_INVALID_VERSION', 'Invalid HTTP version');
    const status = Number(match[3]);
    if (status < 100) throw new HttpParseError('HPE_INVALID_STATUS', 'Invalid status code');
    this.status = status;
    this.state = 'headers';
  }

  /** A header or trailer line, checked as Node's parser checks it; returns where its name ends. */
  private field(line: string): number {
    // obs-fold (a continuation line) is refused by Node's parser; so here.
    if (line[0] === ' ' || line[0] === '\t') throw new HttpParseError('HPE_INVALID_HEADER_TOKEN', 'Unexpected whitespace after header value');
    if (!FIELD.test(line)) throw new HttpParseError('HPE_INVALID_HEADER_TOKEN', 'Invalid header token or value char');
    return line.indexOf(':');
  }

  private onHeader(line: string): void {
    const colon = this.field(line);
    // Only the names the meter reads are lowercased and their values cut out (by length first).
    if (colon !== 6 && colon !== 14 && colon !== 17) return;
    const name = line.slice(0, colon).toLowerCase();
    if (name !== 'server' && name !== 'content-length' && name !== 'transfer-encoding') return;
    const value = blanksTrimmed(line, colon + 1);
    switch (name) {
      case 'server':
        this.server ??= value;
        return;
      case 'content-length':
        if (this.contentLength !== undefined) throw new HttpParseError('HPE_UNEXPECTED_CONTENT_LENGTH', 'Duplicate Content-Length');
        if (!/^\d+$/.test(value)) throw new HttpParseError('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length');
        this.contentLength = Number(value);
        if (!Number.isSafeInteger(this.contentLength)) throw new HttpParseError('HPE_INVALID_CONTENT_LENGTH', 'Content-Length overflow');
        return;
      case 'transfer-encoding':
        if (value === '') throw new HttpParseError('HPE_INVALID_TRANSFER_ENCODING', 'Empty Transfer-Encoding');
        this.transferEncoding = this.transferEncoding === undefined ? value : `${this.transferEncoding}, ${value}`;
        return;
      default:
        return;
    }
  }

  private onHeadEnd(): void {
    if (this.transferEncoding !== undefined && this.contentLength !== undefined) {
      throw new HttpParseError('HPE_INVALID_TRANSFER_ENCODING', "Transfer-Encoding can't be present with Content-Length");
    }
    const status = this.status;
    if (status === 101) {
      this.state = 'upgraded';
      return;
    }
    if (status < 200) {
      // An interim response (100 Continue, 103 Early Hints): the real one follows.
      this.status = 0;
      this.server = undefined;
      this.contentLength = undefined;
      this.transferEncoding = undefined;
      this.headBytes = 0;
      this.state = 'status';
      return;
    }
    if (status === 204 || status === 304) {
      this.state = 'done';
      return;
    }
    const codings = this.transferEncoding?.split(',').map((coding) => coding.trim().toLowerCase());
    if (codings !== undefined) {
      // Chunked only when it is the last coding; otherwise the body runs until the connection closes.
      this.state = codings.at(-1) === 'chunked' ? 'chunk-size' : 'eof';
      return;
    }
    if (this.contentLength === undefined) {
      this.state = 'eof';
      return;
    }
    this.remaining = this.contentLength;
    this.state = this.remaining === 0 ? 'done' : 'length';
  }

  private onChunkSize(line: string): void {
    const semicolon = line.indexOf(';');
    const size = semicolon === -1 ? line : line.slice(0, semicolon);
    if (!HEX.test(size)) throw new HttpParseError('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
    const bytes = Number.parseInt(size, 16);
    if (!Number.isSafeInteger(bytes)) throw new HttpParseError('HPE_INVALID_CHUNK_SIZE', 'Chunk size overflow');
    if (bytes === 0) {
      this.state = 'trailers';
      return;
    }
    this.remaining = bytes;
    this.state = 'chunk-data';
  }

  private keep(text: string): void {
    if (this.keepBody && this.bodyText.length < MAX_BODY) this.bodyText += text;
  }
}

/** `line` from `start` on without its leading and trailing SP and HTAB (a field value's own blanks). */
function blanksTrimmed(line: string, start: number): string {
  let end = line.length;
  while (start < end && (line.charCodeAt(start) === 0x20 || line.charCodeAt(start) === 0x09)) start += 1;
  while (end > start && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) end -= 1;
  return line.slice(start, end);
}
