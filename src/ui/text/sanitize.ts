// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), and two-byte escapes.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Makes one line of a child's output safe to draw inside the layout: escape sequences removed
 * (the child's colours and cursor moves would break the frame, and NO_COLOR must hold),
 * a carriage return keeps only what was drawn last (progress bars), tabs become spaces.
 */
export function sanitizeLine(raw: string): string {
  let text = raw.replace(ESCAPES, '');
  if (text.endsWith('\r')) text = text.slice(0, -1);
  const cr = text.lastIndexOf('\r');
  if (cr !== -1) text = text.slice(cr + 1);
  text = text.replace(CONTROLS, '');
  if (!text.includes('\t')) return text;
  let out = '';
  for (const char of text) {
    out += char === '\t' ? ' '.repeat(8 - (out.length % 8)) : char;
  }
  return out;
}
