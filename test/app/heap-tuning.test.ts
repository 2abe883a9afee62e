/**
 * The app's heap settings (src/app/heap-tuning.ts) on the real V8 of this Node, in a child process
 * (flags are process-wide): a burst of surviving allocations grows the young generation past its
 * starting size without them, not with them; the memory-reducing GC is there and shrinks it back.
 */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const MiB = 1024 * 1024;

interface Burst {
  atStart: number;
  afterBurst: number;
  afterTrim: number;
  gc: boolean;
}

async function burst(mode: 'tuned' | 'default'): Promise<Burst> {
  const child = await execa(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/heap-burst-child.ts', import.meta.url)), mode]);
  return JSON.parse(child.stdout) as Burst;
}

describe('heap tuning', () => {
  it('keeps the young generation near its starting size through a burst V8 would grow it for', async () => {
    const [tuned, untuned] = await Promise.all([burst('tuned'), burst('default')]);
    // Without the tuning the same burst grows it to V8's maximum (128 MiB here): the test can fail
    // if V8 changes or the flag does nothing.
    expect(untuned.afterBurst).toBeGreaterThanOrEqual(64 * MiB);
    expect(tuned.atStart).toBeLessThanOrEqual(4 * MiB);
    // Mostly 2 MiB; V8 still adds a few pages now and then (6–12 MiB seen).
    expect(tuned.afterBurst).toBeLessThanOrEqual(16 * MiB);
  });

  it('has a memory-reducing GC that gives the grown young generation back', async () => {
    const untuned = await burst('default');
    expect(untuned.gc).toBe(true);
    expect(untuned.afterTrim).toBeLessThan(untuned.afterBurst);
    expect(untuned.afterTrim).toBeLessThanOrEqual(4 * MiB);
  });
});
