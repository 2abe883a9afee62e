/**
 * The Traffic panel's text, pure: a per-second chart of answered vs failed requests (stacked
 * columns, failed on top), the totals line, and the rollout timeline's rows. Answered and failed
 * differ by their character, not only by colour, so the chart reads with NO_COLOR and in ASCII.
 */
import type { TimelineView, TrafficView } from '../../model.js';

export interface ChartGlyphs {
  answered: string;
  failed: string;
  empty: string;
}

export const UNICODE_GLYPHS: ChartGlyphs = { answered: '█', failed: '▒', empty: ' ' };
export const ASCII_GLYPHS: ChartGlyphs = { answered: '#', failed: 'x', empty: ' ' };

export interface ChartCell {
  char: string;
  kind: 'answered' | 'failed' | 'empty';
}

/**
 * `rows` lines of `columns` cells, top line first: the last `columns` seconds, one column each.
 * Each column's height is its total, scaled to the busiest second; at least one cell for a
 * second with any failure, so a single failed request never disappears in the rounding.
 */
export function chartRows(perSecond: TrafficView['perSecond'], columns: number, rows: number, glyphs: ChartGlyphs): ChartCell[][] {
  const seconds = perSecond.slice(-columns);
  const padded = [...Array.from({ length: Math.max(0, columns - seconds.length) }, () => ({ answered: 0, failed: 0 })), ...seconds];
  const max = Math.max(1, ...padded.map((s) => s.answered + s.failed));
  const heights = padded.map(({ answered, failed }) => {
    const total = Math.ceil(((answered + failed) / max) * rows);
    // The column's height is rounded up; the answered part gets its own rounded share (at least a
    // cell when anything answered) and the failures the rest (at least a cell when anything
    // failed). Rounding the failed part on its own left an answered cell on top of a second in
    // which nothing answered.
    const answeredCells = answered === 0 ? 0 : Math.max(1, Math.round((answered / max) * rows));
    const failedCells = failed === 0 ? 0 : Math.min(total, Math.max(1, total - answeredCells));
    return { total: Math.max(total, failedCells), failed: failedCells };
  });
  const lines: ChartCell[][] = [];
  for (let row = rows - 1; row >= 0; row -= 1) {
    lines.push(
      heights.map(({ total, failed }) => {
        if (row >= total) return { char: glyphs.empty, kind: 'empty' };
        return row >= total - failed ? { char: glyphs.failed, kind: 'failed' } : { char: glyphs.answered, kind: 'answered' };
      }),
    );
  }
  return lines;
}

/** `212 req · 3 failed (1.4%) · longest 1.2 s · p50 4 ms · p99 12 ms` */
export function totalsLine(traffic: TrafficView, separator = '·'): string {
  const pct = traffic.failureRate * 100;
  const parts = [`${traffic.total} req`, `${traffic.failed} failed (${pct > 0 && pct < 0.1 ? pct.toFixed(2) : pct.toFixed(1)}%)`];
  if (traffic.failed > 0) parts.push(`longest failure run ${traffic.longestGap.toFixed(1)} s`);
  if (traffic.p50Ms !== undefined) parts.push(`p50 ${Math.round(traffic.p50Ms)} ms`, `p99 ${Math.round(traffic.p99Ms ?? 0)} ms`);
  return parts.join(` ${separator} `);
}

/** Resamples a timeline row to `columns` cells: pod counts keep the last value of a cell, failures add up. */
export function resample(values: readonly number[], sum: boolean, columns: number): number[] {
  if (values.length === 0) return Array.from({ length: columns }, () => 0);
  return Array.from({ length: columns }, (_, c) => {
    const from = Math.floor((c * values.length) / columns);
    const to = Math.max(from + 1, Math.floor(((c + 1) * values.length) / columns));
    const slice = values.slice(from, to);
    return sum ? slice.reduce((a, b) => a + b, 0) : (slice.at(-1) ?? 0);
  });
}

/** One cell of a timeline row: a digit for 1-9, `+` above, a dot for none. */
export function timelineCell(value: number, ascii: boolean): string {
  if (value <= 0) return ascii ? '.' : '·';
  return value > 9 ? '+' : String(value);
}

export function timelineLines(timeline: TimelineView, width: number, ascii: boolean): string[] {
  // Room for `old (rev 12) ready` first; the rows keep at least 16 cells.
  const labelWidth = Math.min(19, Math.max(8, width - 16));
  const columns = Math.max(8, width - labelWidth);
  const lines = timeline.rows.map(
    (row) => `${row.label.slice(0, labelWidth - 1).padEnd(labelWidth)}${resample(row.values, row.sum, columns).map((v) => timelineCell(v, ascii)).join('')}`,
  );
  const end = `${timeline.seconds.toFixed(0)} s`;
  lines.push(`${''.padEnd(labelWidth)}${'0 s'.padEnd(Math.max(4, columns - end.length))}${end}`);
  return lines;
}
