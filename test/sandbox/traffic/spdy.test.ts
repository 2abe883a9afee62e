/** The SPDY/3 pieces the port-forward session is built from, checked against zlib itself. */
import { inflateSync, constants, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SPDY3_DICTIONARY } from '../../../src/sandbox/traffic/spdy/dictionary.js';
import { dataFrame, FrameReader, HeaderReader, HeaderWriter, synReply } from '../../../src/sandbox/traffic/spdy/frames.js';

const plainBlock = (pairs: [string, string][]) => {
  const parts = [Buffer.alloc(4)];
  parts[0]!.writeUInt32BE(pairs.length);
  for (const [k, v] of pairs) for (const s of [k, v]) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(s.length);
    parts.push(len, Buffer.from(s));
  }
  return Buffer.concat(parts);
};

describe('SPDY/3 header blocks', () => {
  it('uses the 1,423-byte dictionary of the specification', () => {
    expect(SPDY3_DICTIONARY.length).toBe(1423);
    expect(SPDY3_DICTIONARY.subarray(0, 11)).toEqual(Buffer.from('\0\0\0\x07options'));
    expect(SPDY3_DICTIONARY.subarray(-6).toString()).toBe('enq=0.');
  });

  it('writes blocks any zlib reader with the dictionary decodes, one connection-long stream', () => {
    const writer = new HeaderWriter();
    const first = writer.block([]);
    const second = writer.block([['x', 'y']]);
    const decoded = inflateSync(Buffer.concat([first, second]), { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
    expect(decoded).toEqual(Buffer.concat([plainBlock([]), plainBlock([['x', 'y']])]));
  });

  it('reads blocks compressed against the dictionary, lower-casing names', async () => {
    const reader = new HeaderReader();
    // A whole zlib stream compressed with the dictionary, cut in two at a block boundary is what a
    // peer sends; one block is enough to check the dictionary is applied.
    const block = deflateSync(plainBlock([['Port', '80'], ['streamtype', 'data'], ['requestid', '0']]), { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
    const headers = await reader.read(block);
    expect(Object.fromEntries(headers)).toEqual({ port: '80', streamtype: 'data', requestid: '0' });
    reader.close();
  });
});

describe('SPDY/3 frames', () => {
  it('cuts a byte stream into frames however it arrives', () => {
    const bytes = Buffer.concat([synReply(1, Buffer.from('hdr')), dataFrame(3, Buffer.from('hello'), true)]);
    const reader = new FrameReader();
    const frames = [...bytes].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(frames).toEqual([
      { control: true, type: 2, flags: 0, payload: Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from('hdr')]) },
      { control: false, streamId: 3, flags: 1, payload: Buffer.from('hello') },
    ]);
  });

  it('takes a 16 MB frame trickled in 4 KB chunks in linear time (issue #7: it was quadratic)', () => {
    const payload = Buffer.alloc(0xffffff, 7);
    const bytes = dataFrame(5, payload);
    const reader = new FrameReader();
    const started = performance.now();
    const frames = [];
    for (let at = 0; at < bytes.length; at += 4096) frames.push(...reader.push(bytes.subarray(at, at + 4096)));
    // Copying everything buffered on each of the 4,096 chunks moves ~34 GB: minutes, not this.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ control: false, streamId: 5 });
    expect((frames[0] as { payload: Buffer }).payload.equals(payload)).toBe(true);
  });
});
