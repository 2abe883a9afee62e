/** The app's read of the terminal stops while a child has it, and what it read meanwhile is dropped. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createStdinGate, type GateableStdin } from '../../src/app/stdin-gate.js';

/** A readable with a libuv-like handle: `reading` as net.Socket keeps it. */
function fakeStdin(): PassThrough & GateableStdin & { calls: string[] } {
  const stream = new PassThrough() as PassThrough & GateableStdin & { calls: string[] };
  stream.calls = [];
  stream._handle = {
    reading: true,
    readStop: () => (stream.calls.push('readStop'), 0),
    readStart: () => (stream.calls.push('readStart'), 0),
  };
  return stream;
}

describe('stdin gate', () => {
  it('hold drops what was buffered and stops the terminal read; release drops again and restarts it', () => {
    const stdin = fakeStdin();
    stdin.write('typed before');
    const gate = createStdinGate(stdin);

    gate.hold();
    expect(stdin.readableLength).toBe(0);
    expect(stdin._handle!.reading).toBe(false);
    expect(stdin.calls).toEqual(['readStop']);

    // Keys that reached our buffer anyway (before the stop took effect) are not replayed.
    stdin.write('/image: nginx');
    gate.release();
    expect(stdin.readableLength).toBe(0);
    expect(stdin.read()).toBeNull();
    expect(stdin._handle!.reading).toBe(true);
    expect(stdin.calls).toEqual(['readStop', 'readStart']);
  });

  it('does nothing to a stream without a handle (a test terminal)', () => {
    const stdin = new PassThrough() as PassThrough & GateableStdin;
    const gate = createStdinGate(stdin);
    expect(() => {
      gate.hold();
      gate.release();
    }).not.toThrow();
  });
});
