import { readFileSync } from 'node:fs';
/** Small statistics helpers for the benchmarks. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (samples: number[]) => percentile(samples, 50);

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

export function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

/** One printed figure: what, the measurement, the target, and whether it is met. */
export function report(name: string, value: string, target: string, ok: boolean): void {
  console.log(`  ${name.padEnd(58)} ${value.padStart(18)}   target ${target.padEnd(12)} ${verdict(ok)}`);
}

/** Today's figure before a change, printed under the figure it compares with (no verdict). */
export function baseline(name: string, value: string): void {
  console.log(`  ${name.padEnd(58)} ${value.padStart(18)}   (baseline)`);
}

/** CPU seconds process `pid` used so far (utime + stime from /proc, clock ticks of 10 ms). */
export function processCpuSeconds(pid: number | 'self'): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
