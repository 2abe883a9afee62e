/**
 * The rollout timeline as an SVG picture (for slides, a workshop's chat, a bug report): the same
 * four rows as the text timeline, as step areas on one time axis. Hand-written markup: four rows
 * of rectangles need no charting library.
 */
import { timelineRows, type RolloutTimeline } from './timeline.js';

const COLUMNS = 200;
const ROW_HEIGHT = 60;
const LABEL_WIDTH = 170;
const PLOT_WIDTH = 800;
const COLOURS = ['#8a8a8a', '#2b7bd6', '#e0a030', '#d63b2b'];

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function timelineSvg(timeline: RolloutTimeline): string {
  const rows = timelineRows(timeline, COLUMNS);
  const seconds = (timeline.completedAt - timeline.startedAt) / 1000;
  const top = 40;
  const height = top + rows.length * ROW_HEIGHT + 40;
  const width = LABEL_WIDTH + PLOT_WIDTH + 20;
  const columnWidth = PLOT_WIDTH / COLUMNS;
  const title =
    `Rollout of ${timeline.deployment}: ${seconds.toFixed(1)} s, ${timeline.failed} of ${timeline.requests} requests failed` +
    (timeline.failed > 0 ? `, the longest gap ${(timeline.longestGapMs / 1000).toFixed(1)} s` : '');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">`,
    `<title>${escape(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="24" font-size="15" font-weight="bold">${escape(title)}</text>`,
  ];
  rows.forEach((row, r) => {
    const y = top + r * ROW_HEIGHT;
    const max = Math.max(1, ...row.values);
    parts.push(`<g class="row" data-row="${escape(row.label)}">`);
    parts.push(`<text x="10" y="${y + ROW_HEIGHT / 2 + 4}">${escape(row.label)}</text>`);
    parts.push(`<line x1="${LABEL_WIDTH}" y1="${y + ROW_HEIGHT - 6}" x2="${LABEL_WIDTH + PLOT_WIDTH}" y2="${y + ROW_HEIGHT - 6}" stroke="#cccccc"/>`);
    row.values.forEach((value, c) => {
      if (value <= 0) return;
      const h = ((ROW_HEIGHT - 16) * value) / max;
      parts.push(
        `<rect x="${(LABEL_WIDTH + c * columnWidth).toFixed(1)}" y="${(y + ROW_HEIGHT - 6 - h).toFixed(1)}" width="${columnWidth.toFixed(2)}" height="${h.toFixed(1)}" fill="${COLOURS[r]}"/>`,
      );
    });
    parts.push(`<text x="${LABEL_WIDTH + PLOT_WIDTH + 4}" y="${y + 16}" font-size="11" fill="#666666">${max}</text>`);
    parts.push('</g>');
  });
  const axisY = top + rows.length * ROW_HEIGHT + 16;
  for (let tick = 0; tick <= 4; tick += 1) {
    const x = LABEL_WIDTH + (PLOT_WIDTH * tick) / 4;
    parts.push(`<text x="${x}" y="${axisY}" text-anchor="middle" font-size="11">${((seconds * tick) / 4).toFixed(1)} s</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
