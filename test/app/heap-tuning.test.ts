/**
 * The app's heap settings (src/app/heap-tuning.ts) on the real V8 of this Node, in a child process
 * (flags are process-wide): a burst of surviving allocations grows the young generation past its
 * starting size without them, not with them; the memory-reducing GC is there and shrinks it back.
 */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const MiB = 1024 * 1024;

async function burst(mode: 'tuned' | 'default'): Promise<{ afterBurst: number; afterTrim: number; gc: boolean }> {
  const child = await execa(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/heap-burst-child.ts', import.meta.url)), mode]);
  return JSON.parse(child.stdout) as { afterBurst: number; afterTrim: number; gc: boolean };
}

describe('heap tuning', () => {
  it('keeps the young generation at its starting size through a burst V8 would grow it for', async () => {
    const [tuned, untuned] = await Promise.all([burst('tuned'), burst('default')]);
    // Without the tuning the same burst grows it (the test can fail: V8 changed or the flag did nothing).
    expect(untuned.afterBurst).toBeGreaterThan(8 * MiB);
    expect(tuned.afterBurst).toBeLessThanOrEqual(4 * MiB);
  });

  it('has a memory-reducing GC that gives the grown young generation back', async () => {
    const untuned = await burst('default');
    expect(untuned.gc).toBe(true);
    expect(untuned.afterTrim).toBeLessThan(untuned.afterBurst);
    expect(untuned.afterTrim).toBeLessThanOrEqual(4 * MiB);
  });
});
