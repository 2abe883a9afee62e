/**
 * The longest time the event loop was held while `work` ran, two ways:
 * - wall: the largest gap between ticks of a 1 ms timer (includes GC pauses and, on a busy machine,
 *   time the OS gave to other processes);
 * - cpu: the same gaps counted as this thread's CPU time, minus GC pauses — what our code held.
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

export async function longestBlock(work: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const gaps: { from: number; to: number; cpu: number }[] = [];
  const pauses: PerformanceEntry[] = [];
  const gc = new PerformanceObserver((list) => pauses.push(...list.getEntries()));
  gc.observe({ entryTypes: ['gc'] });
  let from = performance.now();
  let cpu = process.threadCpuUsage();
  const tick = setInterval(() => {
    const used = process.threadCpuUsage(cpu);
    gaps.push({ from, to: performance.now(), cpu: (used.user + used.system) / 1000 });
    from = performance.now();
    cpu = process.threadCpuUsage();
  }, 1);
  try {
    await work();
  } finally {
    clearInterval(tick);
    pauses.push(...gc.takeRecords());
    gc.disconnect();
  }
  const gcWithin = (a: number, b: number) =>
    pauses.reduce((sum, p) => sum + Math.max(0, Math.min(b, p.startTime + p.duration) - Math.max(a, p.startTime)), 0);
  return {
    wall: Math.max(0, ...gaps.map((g) => g.to - g.from)),
    cpu: Math.max(0, ...gaps.map((g) => Math.min(g.to - g.from, g.cpu) - gcWithin(g.from, g.to))),
  };
}
