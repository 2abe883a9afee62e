// Turns a terminal capture (`tmux capture-pane -e -p`, SGR colour codes) into an SVG picture, for
// the README's screenshot. Usage: node scripts/ansi-to-svg.mjs capture.txt > assets/screenshot.svg
import { readFileSync } from 'node:fs';

const PALETTE = ['#1e1e1e', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#e5e5e5'];
const BRIGHT = ['#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff'];
const DEFAULT_FG = '#d4d4d4';
const BG = '#1e1e1e';
const CELL_W = 8.4;
const CELL_H = 18;

const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function color256(n) {
  if (n < 8) return PALETTE[n];
  if (n < 16) return BRIGHT[n - 8];
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const c = (x) => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${c(Math.floor(i / 36))},${c(Math.floor(i / 6) % 6)},${c(i % 6)})`;
}

function parseLine(line) {
  const spans = [];
  let style = { fg: DEFAULT_FG, bold: false, dim: false };
  let text = '';
  const flush = () => {
    if (text) spans.push({ text, ...style });
    text = '';
  };
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\u001b' && line[i + 1] === '[') {
      const end = line.indexOf('m', i);
      if (end < 0) break;
      flush();
      const codes = line.slice(i + 2, end).split(';').map((c) => Number(c || 0));
      for (let k = 0; k < codes.length; k++) {
        const c = codes[k];
        if (c === 0) style = { fg: DEFAULT_FG, bold: false, dim: false };
        else if (c === 1) style = { ...style, bold: true };
        else if (c === 2) style = { ...style, dim: true };
        else if (c === 22) style = { ...style, bold: false, dim: false };
        else if (c >= 30 && c <= 37) style = { ...style, fg: PALETTE[c - 30] };
        else if (c >= 90 && c <= 97) style = { ...style, fg: BRIGHT[c - 90] };
        else if (c === 39) style = { ...style, fg: DEFAULT_FG };
        else if (c === 38 && codes[k + 1] === 5) {
          style = { ...style, fg: color256(codes[k + 2]) };
          k += 2;
        } else if (c === 38 && codes[k + 1] === 2) {
          style = { ...style, fg: `rgb(${codes[k + 2]},${codes[k + 3]},${codes[k + 4]})` };
          k += 4;
        }
      }
      i = end;
    } else text += line[i];
  }
  flush();
  return spans;
}

const lines = readFileSync(process.argv[2], 'utf8').replace(/\n$/, '').split('\n');
const columns = Math.max(...lines.map((l) => l.replace(/\u001b\[[0-9;]*m/g, '').length), 80);
const width = Math.ceil(columns * CELL_W + 24);
const height = lines.length * CELL_H + 24;
const out = [
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
  `<rect width="100%" height="100%" rx="8" fill="${BG}"/>`,
  `<g font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="14" xml:space="preserve">`,
];
lines.forEach((line, row) => {
  let col = 0;
  const tspans = parseLine(line).map((span) => {
    const attrs = [`x="${(12 + col * CELL_W).toFixed(1)}"`, `fill="${span.fg}"`];
    if (span.bold) attrs.push('font-weight="bold"');
    if (span.dim) attrs.push('opacity="0.6"');
    col += [...span.text].length;
    return `<tspan ${attrs.join(' ')}>${xml(span.text)}</tspan>`;
  });
  if (tspans.length) out.push(`<text y="${12 + (row + 1) * CELL_H - 4}">${tspans.join('')}</text>`);
});
out.push('</g>', '</svg>');
console.log(out.join('\n'));
