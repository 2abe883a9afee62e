/**
 * The meter's response parser, without sockets: whatever way the bytes are cut into reads (one
 * read, one byte at a time, every two-piece split), it reaches the same verdict; and what it reads
 * from well-formed answers (status, first Server header, de-chunked body, interim answers skipped).
 */
import { describe, expect, it } from 'vitest';
import { Http1ResponseParser, HttpParseError, MAX_BODY } from '../../../src/engine/meter/http1-response.js';
import { SCRIPTED } from './scripted-responses.js';

interface Verdict {
  complete: boolean;
  status?: number;
  server?: string;
  body?: string;
  error?: string;
}

function read(reads: Buffer[], closes: boolean): Verdict {
  const parser = new Http1ResponseParser(true);
  try {
    let complete = false;
    for (const bytes of reads) if (!complete) complete = parser.push(bytes);
    if (!complete && closes) complete = parser.end();
    return complete ? { complete, status: parser.status, ...(parser.server === undefined ? {} : { server: parser.server }), body: parser.body() } : { complete };
  } catch (error) {
    if (!(error instanceof HttpParseError)) throw error;
    return { complete: false, error: error.code };
  }
}

const bytesOf = (parts: (typeof SCRIPTED)[string]): Buffer =>
  Buffer.concat(parts.filter((part) => part !== 'END' && part !== 'RST').map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : part)));

describe('the HTTP/1.1 response parser', () => {
  for (const [name, parts] of Object.entries(SCRIPTED)) {
    it(`${name}: the same verdict however the bytes are cut`, () => {
      const all = bytesOf(parts);
      const closes = parts.includes('END');
      const whole = read([all], closes);
      expect(read([...all].map((byte) => Buffer.from([byte])), closes)).toEqual(whole);
      // Every split in two, on the shorter answers (the 20 kB header is covered by the bytewise read).
      if (all.length < 2000) for (let at = 1; at < all.length; at += 1) expect(read([all.subarray(0, at), all.subarray(at)], closes), `split at ${at}`).toEqual(whole);
    });
  }

  it('reads status, the first Server header and the de-chunked body', () => {
    expect(read([bytesOf(SCRIPTED.chunked!)], false)).toEqual({ complete: true, status: 200, server: 'chunky', body: 'shop v2 answers' });
    expect(read([bytesOf(SCRIPTED.duplicateServer!)], false)).toMatchObject({ complete: true, server: 'one' });
    expect(read([bytesOf(SCRIPTED.continue100!)], false)).toEqual({ complete: true, status: 200, server: 'after100', body: 'ok' });
    expect(read([bytesOf(SCRIPTED.notModified304!)], false)).toEqual({ complete: true, status: 304, body: '' });
  });

  it('a body that runs until close is complete only at the close; one cut short never is', () => {
    expect(read([bytesOf(SCRIPTED.http10CloseDelimited!)], false)).toEqual({ complete: false });
    expect(read([bytesOf(SCRIPTED.http10CloseDelimited!)], true)).toEqual({ complete: true, status: 200, server: 'old', body: 'body until close' });
    expect(read([bytesOf(SCRIPTED.lengthCut!)], true)).toEqual({ complete: false });
    expect(read([bytesOf(SCRIPTED.chunkedCutInTrailers!)], true)).toEqual({ complete: false });
  });

  it('refuses what Node refuses, with its code', () => {
    expect(read([bytesOf(SCRIPTED.folded!)], false)).toEqual({ complete: false, error: 'HPE_INVALID_HEADER_TOKEN' });
    expect(read([bytesOf(SCRIPTED.bareLf!)], false)).toEqual({ complete: false, error: 'HPE_CR_EXPECTED' });
    expect(read([bytesOf(SCRIPTED.lengthAndChunked!)], false)).toEqual({ complete: false, error: 'HPE_INVALID_TRANSFER_ENCODING' });
    expect(read([bytesOf(SCRIPTED.headerOverflow!)], false)).toEqual({ complete: false, error: 'HPE_HEADER_OVERFLOW' });
    // At the first wrong byte, not at a line's end that may never come.
    expect(read([Buffer.from('SSH-2.0')], false)).toEqual({ complete: false, error: 'HPE_INVALID_CONSTANT' });
  });

  it('keeps the first 64 KiB of a body for the marker, and no body at all without one', () => {
    const big = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${3 * MAX_BODY}\r\n\r\n${'x'.repeat(3 * MAX_BODY)}`);
    // As the meter kept it over Node's client: whole reads, until 64 KiB are in.
    const keeping = new Http1ResponseParser(true);
    const READ = 16 * 1024;
    let complete = false;
    for (let at = 0; at < big.length; at += READ) complete = keeping.push(big.subarray(at, at + READ));
    expect(complete).toBe(true);
    expect(keeping.body().length).toBeGreaterThanOrEqual(MAX_BODY);
    expect(keeping.body().length).toBeLessThanOrEqual(MAX_BODY + READ);
    const counting = new Http1ResponseParser(false);
    expect(counting.push(big.subarray(0, 100))).toBe(false);
    expect(counting.push(big.subarray(100))).toBe(true);
    expect(counting.body()).toBe('');
  });
});
