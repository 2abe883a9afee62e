/**
 * Terminal column widths, good enough for lesson prose and kubectl output: combining marks and
 * zero-width characters take 0 columns, East Asian wide characters and emoji take 2.
 * (Ink itself uses `string-width`; it is not one of our dependencies.)
 */

const ZERO_WIDTH = /[\u0000-\u001f\u007f-\u009f\u0300-\u036f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u20d0-\u20ff\ufe00-\ufe0f\ufeff]/u;
const WIDE =
  /[\u1100-\u115f\u231a\u231b\u23e9-\u23ec\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{1fa70}-\u{1faff}\u{20000}-\u{3fffd}]/u;

export function charWidth(char: string): number {
  if (ZERO_WIDTH.test(char)) return 0;
  return WIDE.test(char) ? 2 : 1;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** The longest prefix of `text` that fits into `width` columns. */
export function sliceToWidth(text: string, width: number): string {
  let used = 0;
  let out = '';
  for (const char of text) {
    const w = charWidth(char);
    if (used + w > width) break;
    used += w;
    out += char;
  }
  return out;
}

/**
 * Cuts `text` into rows of at most `width` columns, spaces kept, as a terminal wraps a long
 * line: for command output, whose columns line up with runs of spaces.
 */
export function hardWrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const rows: string[] = [];
  let rest = text;
  while (textWidth(rest) > w) {
    let row = sliceToWidth(rest, w);
    // A wide character that does not fit in the last column must still move on.
    if (row === '') row = [...rest][0] ?? '';
    rows.push(row);
    rest = rest.slice(row.length);
  }
  rows.push(rest);
  return rows;
}

/** The longest suffix of `text` that fits into `width` columns. */
function sliceEndToWidth(text: string, width: number): string {
  const chars = [...text];
  let used = 0;
  let start = chars.length;
  while (start > 0) {
    const w = charWidth(chars[start - 1] ?? '');
    if (used + w > width) break;
    used += w;
    start -= 1;
  }
  return chars.slice(start).join('');
}

/** Cuts `text` to `width` columns, ending with `ellipsis` when something was cut. */
export function truncateEnd(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  const room = width - textWidth(ellipsis);
  if (room <= 0) return sliceToWidth(ellipsis, width);
  return sliceToWidth(text, room) + ellipsis;
}

/**
 * Cuts the middle out of `text`, keeping more of the end: Pod names differ in their suffix
 * (`nginx-depl-5c8b9d7f4-x7k2p` → `nginx-…f4-x7k2p`).
 */
export function truncateMiddle(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  const room = width - textWidth(ellipsis);
  if (room <= 1) return truncateEnd(text, width, ellipsis);
  const head = Math.floor(room / 2);
  return sliceToWidth(text, head) + ellipsis + sliceEndToWidth(text, room - head);
}

/** Pads with spaces to exactly `width` columns (cutting when longer). */
export function fitWidth(text: string, width: number): string {
  const cut = sliceToWidth(text, width);
  return cut + ' '.repeat(Math.max(0, width - textWidth(cut)));
}
