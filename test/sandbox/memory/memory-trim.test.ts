/**
 * Memory comes back after a burst (issue #7): the decision (pure) and the effect on a real process.
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AllocationMeter, shouldTrim, type MemorySample } from '../../../src/sandbox/memory-trim.js';

const MB = 1024 * 1024;
const quiet = (rss: number): MemorySample[] => [
  { rss, heapUsed: 20 * MB },
  { rss, heapUsed: 20 * MB + 1000 },
  { rss, heapUsed: 20 * MB + 2000 },
];

describe('shouldTrim', () => {
  it('trims a process that grew well past its last trim and has gone quiet', () => {
    expect(shouldTrim(quiet(300 * MB), 100 * MB, 60_000)).toBe(true);
  });
  it('waits while the process still allocates (a burst in progress)', () => {
    const busy = [
      { rss: 300 * MB, heapUsed: 20 * MB },
      { rss: 300 * MB, heapUsed: 40 * MB },
      { rss: 300 * MB, heapUsed: 41 * MB },
    ];
    expect(shouldTrim(busy, 100 * MB, 60_000)).toBe(false);
  });
  it('in a process that stays busy, trims once the rate fell to a quarter of the burst\'s', () => {
    const steady = [
      { rss: 300 * MB, heapUsed: 20 * MB },
      { rss: 300 * MB, heapUsed: 24 * MB },
      { rss: 300 * MB, heapUsed: 28 * MB },
    ];
    expect(shouldTrim(steady, 100 * MB, 60_000, 40 * MB)).toBe(true);
    expect(shouldTrim(steady, 100 * MB, 60_000, 12 * MB)).toBe(false);
  });
  it('does not count a second with a GC in it as quiet', () => {
    const collected = [
      { rss: 300 * MB, heapUsed: 80 * MB },
      { rss: 300 * MB, heapUsed: 20 * MB },
      { rss: 300 * MB, heapUsed: 20 * MB },
    ];
    expect(shouldTrim(collected, 100 * MB, 60_000)).toBe(false);
  });
  it('with the allocation measured across GCs, a busy process that collects every second can be quiet', () => {
    // A 500-Pod sandbox after the burst: a GC in each second, ~4 MB allocated per second.
    const collectedEachSecond = [
      { rss: 300 * MB, heapUsed: 80 * MB, allocated: 4 * MB },
      { rss: 300 * MB, heapUsed: 60 * MB, allocated: 4 * MB },
      { rss: 300 * MB, heapUsed: 50 * MB, allocated: 4 * MB },
    ];
    expect(shouldTrim(collectedEachSecond, 100 * MB, 60_000, 40 * MB)).toBe(true);
    // The same heap sizes while 30 MB a second are allocated: the burst goes on.
    const stillBursting = collectedEachSecond.map((s) => ({ ...s, allocated: 30 * MB }));
    expect(shouldTrim(stillBursting, 100 * MB, 60_000, 40 * MB)).toBe(false);
  });
  it('leaves small growth alone: a fifth and 24 MiB, both', () => {
    expect(shouldTrim(quiet(115 * MB), 100 * MB, 60_000)).toBe(false);
    expect(shouldTrim(quiet(60 * MB), 40 * MB, 60_000)).toBe(false);
    expect(shouldTrim(quiet(130 * MB), 100 * MB, 60_000)).toBe(true);
  });
  it('trims at most once in 10 s, so a process that cannot shrink is not collected over and over', () => {
    expect(shouldTrim(quiet(300 * MB), 100 * MB, 9_000)).toBe(false);
  });
  it('needs three samples (two quiet seconds)', () => {
    expect(shouldTrim(quiet(300 * MB).slice(1), 100 * MB, 60_000)).toBe(false);
  });
});

interface Line {
  phase: 'start' | 'burst' | 'idle';
  rss: number;
  trims: number;
}

/** Runs the burst child until its RSS is back within 30% of its start, or 25 s pass. */
async function burst(trim: boolean): Promise<{ start: number; peak: number; last: Line }> {
  const child = execa(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./burst-child.ts', import.meta.url)), trim ? 'trim' : 'none'], { reject: false, buffer: false });
  let start = 0;
  let peak = 0;
  let last: Line | undefined;
  let text = '';
  for await (const chunk of child.stdout!) {
    text += String(chunk);
    const lines = text.split('\n');
    text = lines.pop()!;
    for (const raw of lines) {
      last = JSON.parse(raw) as Line;
      if (last.phase === 'start') start = last.rss;
      peak = Math.max(peak, last.rss);
    }
    if (last?.phase === 'idle' && last.rss <= start * 1.3) child.kill();
  }
  await child;
  return { start, peak, last: last! };
}

describe('the allocation meter', () => {
  it('counts what was allocated although GCs freed it in between', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const meter = new AllocationMeter(process.memoryUsage().heapUsed);
    let sink: string[] = [];
    for (let round = 0; round < 5; round++) {
      // ~10 MB of garbage a round, then a full GC: the heap ends where it began.
      for (let i = 0; i < 100_000; i++) sink.push(`${'a'.repeat(80)}${i}`);
      sink = [];
      gc();
    }
    const allocated = meter.take(process.memoryUsage().heapUsed);
    meter.stop();
    expect(allocated).toBeGreaterThan(40 * MB);
    expect(allocated).toBeLessThan(200 * MB);
  });
});

describe('the trimmer in a real process', () => {
  it('after a burst of 100 MB of garbage and two quiet seconds, the RSS comes back', async () => {
    const { start, peak, last } = await burst(true);
    // The burst really grew the process (else the test proves nothing)...
    expect(peak).toBeGreaterThan(start + 80 * MB);
    // ...and once quiet, the memory went back, by a trim.
    expect(last.trims).toBeGreaterThanOrEqual(1);
    expect(last.rss).toBeLessThanOrEqual(start * 1.3);
  }, 90_000);
});
