import type { CheckStatus, DoctorCheck, DoctorReport } from './types.js';

export interface FormatOptions {
  /** ANSI colours; the caller decides (NO_COLOR, not a TTY, `--no-color`). */
  color: boolean;
  /** ASCII symbols only, for terminals and logs that mangle Unicode. */
  ascii: boolean;
}

type Tone = 'green' | 'yellow' | 'red' | 'dim' | 'bold' | 'cyan';

// 16-colour SGR codes every terminal has, each with its own reset so styles can nest.
const SGR: Record<Tone, [number, number]> = {
  green: [32, 39],
  yellow: [33, 39],
  red: [31, 39],
  cyan: [36, 39],
  dim: [2, 22],
  bold: [1, 22],
};

const TONE: Record<CheckStatus, Tone> = { ok: 'green', warn: 'yellow', fail: 'red', skip: 'dim' };
const UNICODE_SYMBOL: Record<CheckStatus, string> = { ok: '✔', warn: '⚠', fail: '✖', skip: '○' };
const ASCII_SYMBOL: Record<CheckStatus, string> = { ok: '[ok]', warn: '[warn]', fail: '[FAIL]', skip: '[skip]' };

/**
 * The report as terminal text: one line per check (symbol, title, detail), the fix under it,
 * then a summary. Detail and fix lines wrap under the detail column.
 */
export function formatDoctorReport(report: DoctorReport, options: FormatOptions): string {
  const paint = (tone: Tone, text: string): string => (options.color ? `\u001b[${SGR[tone][0]}m${text}\u001b[${SGR[tone][1]}m` : text);
  const symbols = options.ascii ? ASCII_SYMBOL : UNICODE_SYMBOL;
  const symbolWidth = Math.max(...Object.values(symbols).map((symbol) => symbol.length));
  const titleWidth = Math.max(0, ...report.checks.map((check) => check.title.length));
  const indent = ' '.repeat(2 + symbolWidth + 1 + titleWidth + 2);

  const lines = [paint('bold', 'kubedojo doctor'), ''];
  for (const check of report.checks) lines.push(...formatCheck(check));
  lines.push('', summary(report, paint));
  return `${lines.join('\n')}\n`;

  function formatCheck(check: DoctorCheck): string[] {
    const symbol = paint(TONE[check.status], symbols[check.status].padEnd(symbolWidth));
    const title = paint('bold', check.title.padEnd(titleWidth));
    const [first = '', ...rest] = check.detail.split('\n');
    const out = [`  ${symbol} ${title}  ${first}`, ...rest.map((line) => indent + line)];
    if (check.fix !== undefined) {
      const [fixFirst = '', ...fixRest] = check.fix.split('\n');
      out.push(`${indent}${paint(TONE[check.status], 'fix:')} ${paint('cyan', fixFirst)}`);
      out.push(...fixRest.map((line) => `${indent}     ${paint('cyan', line)}`));
    }
    return out;
  }
}

function summary(report: DoctorReport, paint: (tone: Tone, text: string) => string): string {
  const { ok, warn, fail, skip } = report.counts;
  const counts = [
    paint('green', `${ok} ok`),
    paint('yellow', `${warn} ${warn === 1 ? 'warning' : 'warnings'}`),
    paint('red', `${fail} failed`),
    paint('dim', `${skip} skipped`),
  ].join(', ');
  const verdict = !report.passed
    ? 'Fix the failed checks, then run `kubedojo doctor` again.'
    : warn > 0
      ? 'kubedojo can run; the warnings above say what would make it better.'
      : 'Everything is ready: run `kubedojo`.';
  return `${counts}\n${verdict}`;
}
