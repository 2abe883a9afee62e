/**
 * Colour and symbols for the plain-text commands (list, check, rehearse, reset): colours only on
 * a terminal and without NO_COLOR (https://no-color.org); ASCII symbols for TERM=dumb.
 */
export interface Style {
  readonly color: boolean;
  readonly ascii: boolean;
  ok: string;
  fail: string;
  skip: string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  const dumb = env.TERM === 'dumb';
  const color = stream.isTTY === true && !dumb && (env.NO_COLOR === undefined || env.NO_COLOR === '');
  const sgr = (open: number, close: number) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return {
    color,
    ascii: dumb,
    ok: dumb ? '[ok]' : '✔',
    fail: dumb ? '[FAIL]' : '✖',
    skip: dumb ? '[skip]' : '○',
    green: sgr(32, 39),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    dim: sgr(2, 22),
    bold: sgr(1, 22),
  };
}
