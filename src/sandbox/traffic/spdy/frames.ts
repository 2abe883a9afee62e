/**
 * SPDY/3.1 framing, the part client-go's port-forward speaks (draft-mbelshe-httpbis-spdy-00 §2.2;
 * moby/spdystream spdy/read.go and write.go are the peer): control frames (SYN_STREAM, SYN_REPLY,
 * RST_STREAM, SETTINGS, PING, GOAWAY, HEADERS, WINDOW_UPDATE) and data frames, and the header
 * blocks, zlib-compressed with one stream per direction for the whole connection.
 */
import { constants, createInflate, type Inflate } from 'node:zlib';
import { SPDY3_DICTIONARY } from './dictionary.js';

export const SYN_STREAM = 1;
export const SYN_REPLY = 2;
export const RST_STREAM = 3;
export const PING = 6;
export const GOAWAY = 7;
export const FLAG_FIN = 0x01;

/** RST_STREAM status codes used here. */
export const RST_PROTOCOL_ERROR = 1;

export type Frame =
  | { control: true; type: number; flags: number; payload: Buffer }
  | { control: false; streamId: number; flags: number; payload: Buffer };

/**
 * Cuts a byte stream into frames: 8-byte header (control bit, version/type or stream id, flags, 24-bit length).
 * Chunks wait in a list and are joined once per frame, so a 16 MB frame trickled in small chunks
 * costs linear time, not a copy of everything buffered on every chunk (issue #7).
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Frame[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Frame[] = [];
    while (this.buffered >= 8) {
      const header = this.peek(8);
      const length = header.readUInt32BE(4) & 0xffffff;
      if (this.buffered < 8 + length) break;
      const frame = this.take(8 + length);
      const first = frame.readUInt32BE(0);
      const flags = frame[4]!;
      const payload = frame.subarray(8);
      frames.push(first & 0x80000000 ? { control: true, type: first & 0xffff, flags, payload } : { control: false, streamId: first & 0x7fffffff, flags, payload });
    }
    return frames;
  }

  /** The first `n` buffered bytes (n ≤ buffered), joining only the chunks they span. */
  private peek(n: number): Buffer {
    if (this.chunks[0]!.length < n) {
      let joined = 0;
      let count = 0;
      while (joined < n) joined += this.chunks[count++]!.length;
      this.chunks.splice(0, count, Buffer.concat(this.chunks.slice(0, count), joined));
    }
    return this.chunks[0]!;
  }

  /** Removes and returns the first `n` buffered bytes. */
  private take(n: number): Buffer {
    const out = this.peek(n);
    const head = this.chunks[0]!;
    if (head.length === n) this.chunks.shift();
    else this.chunks[0] = head.subarray(n);
    this.buffered -= n;
    return out.subarray(0, n);
  }
}

function control(type: number, flags: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE((0x8000 | 3) * 0x10000 + type);
  header.writeUInt32BE(flags * 0x1000000 + payload.length, 4);
  return Buffer.concat([header, payload]);
}

export function dataFrame(streamId: number, payload: Buffer, fin = false): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(streamId & 0x7fffffff);
  header.writeUInt32BE((fin ? FLAG_FIN : 0) * 0x1000000 + payload.length, 4);
  return Buffer.concat([header, payload]);
}

export function synReply(streamId: number, headerBlock: Buffer): Buffer {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(streamId);
  return control(SYN_REPLY, 0, Buffer.concat([id, headerBlock]));
}

export function rstStream(streamId: number, status: number): Buffer {
  const payload = Buffer.alloc(8);
  payload.writeUInt32BE(streamId);
  payload.writeUInt32BE(status, 4);
  return control(RST_STREAM, 0, payload);
}

export function goAway(lastGoodStreamId: number): Buffer {
  const payload = Buffer.alloc(8);
  payload.writeUInt32BE(lastGoodStreamId);
  return control(GOAWAY, 0, payload);
}

/** A PING is answered with itself. */
export function pingFrame(payload: Buffer): Buffer {
  return control(PING, 0, payload);
}

/** SYN_STREAM: stream id, associated stream id, priority and slot, then the header block. */
export function synStreamParts(payload: Buffer): { streamId: number; headerBlock: Buffer } {
  return { streamId: payload.readUInt32BE(0) & 0x7fffffff, headerBlock: payload.subarray(10) };
}

const SYNC_FLUSH = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]);

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * Our header blocks, as deflate *stored* blocks: valid zlib, no compressor state, and the peer's
 * inflate consumes exactly the bytes we wrote, so its check that the whole compressed payload was
 * used holds. Each ends with the empty stored block a Z_SYNC_FLUSH writes (00 00 00 FF FF): Go's
 * flate hands out a stored block's bytes only when the next block starts, and without that marker
 * it would read past the frame. The first block carries the zlib header naming the dictionary.
 */
export class HeaderWriter {
  private started = false;

  block(headers: [string, string][]): Buffer {
    const parts: Buffer[] = [uint32(headers.length)];
    for (const [name, value] of headers) parts.push(uint32(name.length), Buffer.from(name), uint32(Buffer.byteLength(value)), Buffer.from(value));
    const plain = Buffer.concat(parts);
    const stored = Buffer.alloc(5);
    stored.writeUInt8(0, 0); // BFINAL 0, BTYPE 00 (stored), padded to the byte
    stored.writeUInt16LE(plain.length, 1);
    stored.writeUInt16LE(~plain.length & 0xffff, 3);
    const block = Buffer.concat([stored, plain, SYNC_FLUSH]);
    if (this.started) return block;
    this.started = true;
    // CMF 0x78 (deflate, 32 KiB window), FLG 0xBB (FDICT set, check bits), then the dictionary's Adler-32.
    const zlibHeader = Buffer.from([0x78, 0xbb, 0, 0, 0, 0]);
    zlibHeader.writeUInt32BE(adler32(SPDY3_DICTIONARY), 2);
    return Buffer.concat([zlibHeader, block]);
  }
}

/** The peer's header blocks: one inflate stream for the connection, flushed block by block. */
export class HeaderReader {
  private readonly inflate: Inflate = createInflate({ dictionary: SPDY3_DICTIONARY });
  private failure?: Error;

  constructor() {
    this.inflate.on('error', (error) => (this.failure = error));
  }

  /** Decodes one block; calls must not overlap (the session handles frames one at a time). */
  read(block: Buffer): Promise<Map<string, string>> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.inflate.write(block);
      this.inflate.flush(constants.Z_SYNC_FLUSH, () => {
        if (this.failure) return reject(this.failure);
        const chunks: Buffer[] = [];
        for (let chunk: Buffer | null; (chunk = this.inflate.read() as Buffer | null) !== null; ) chunks.push(chunk);
        try {
          resolve(parseHeaderBlock(Buffer.concat(chunks)));
        } catch (error) {
          reject(error as Error);
        }
      });
    });
  }

  close(): void {
    this.inflate.destroy();
  }
}

/** Name/value pairs; a value holding several is joined by NUL, of which the first is kept. */
function parseHeaderBlock(plain: Buffer): Map<string, string> {
  const headers = new Map<string, string>();
  let offset = 4;
  const take = () => {
    const length = plain.readUInt32BE(offset);
    const text = plain.subarray(offset + 4, offset + 4 + length).toString();
    offset += 4 + length;
    return text;
  };
  for (let i = plain.readUInt32BE(0); i > 0; i--) {
    const name = take().toLowerCase();
    headers.set(name, take().split('\0')[0]!);
  }
  return headers;
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
