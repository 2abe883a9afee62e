import { describe, expect, it, vi } from 'vitest';
import { restoreTerminal } from '../../src/app/index.js';

function fakeStreams(raw: boolean) {
  const stdin = { isTTY: true, isRaw: raw, setRawMode: vi.fn() };
  const stdout = { isTTY: true, writable: true, write: vi.fn() };
  return { stdin, stdout } as unknown as { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream };
}

describe('restoreTerminal', () => {
  it('unmounts Ink, waits for it, turns raw mode off and shows the cursor', async () => {
    const order: string[] = [];
    const instance = { unmount: vi.fn(() => void order.push('unmount')), waitUntilExit: vi.fn(async () => void order.push('exited')) };
    const streams = fakeStreams(true);
    await restoreTerminal(instance, streams);
    expect(order).toEqual(['unmount', 'exited']);
    expect(streams.stdin.setRawMode).toHaveBeenCalledWith(false);
    expect(streams.stdout.write).toHaveBeenCalledWith('\u001b[?25h');
  });

  it('still restores the terminal when the app ended with an error', async () => {
    const instance = { unmount: vi.fn(), waitUntilExit: vi.fn(async () => Promise.reject(new Error('render failed'))) };
    const streams = fakeStreams(true);
    await expect(restoreTerminal(instance, streams)).resolves.toBeUndefined();
    expect(streams.stdin.setRawMode).toHaveBeenCalledWith(false);
  });

  it('leaves a terminal that is not in raw mode alone', async () => {
    const streams = fakeStreams(false);
    await restoreTerminal({ unmount: vi.fn(), waitUntilExit: async () => undefined }, streams);
    expect(streams.stdin.setRawMode).not.toHaveBeenCalled();
  });
});
