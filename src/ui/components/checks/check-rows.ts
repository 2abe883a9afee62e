/**
 * The checks panel's rows, pre-wrapped: a failing check's label and everything its message says
 * are wrapped, never cut (issue #8, item 7). Failing checks come first. When the rows do not fit,
 * passing checks fold into one "+N passing" row; failing ones are never hidden (the layout gives
 * the panel the rows they need, see `checksRowsWanted`).
 */
import type { CheckView } from '../../model.js';
import { plainText, wrapSegments } from '../../text/styled.js';

export type CheckRow =
  | { readonly kind: 'check'; readonly check: CheckView; readonly text: string; readonly first: boolean }
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'folded'; readonly text: string };

export const MESSAGE_INDENT = 2;
/** The mark (✔ / ✖, `[x]` in ASCII) and its space. */
const MARK_WIDTH = 2;

function wrap(text: string, width: number): string[] {
  return wrapSegments([{ text }], Math.max(1, width)).map(plainText);
}

function rowsOf(check: CheckView, width: number, withMessage: boolean, markWidth = MARK_WIDTH): CheckRow[] {
  const label = wrap(check.label, width - markWidth).map((text, i): CheckRow => ({ kind: 'check', check, text, first: i === 0 }));
  if (check.ok || !withMessage || check.message === undefined || check.message === '') return label;
  return [...label, ...wrap(check.message, width - MESSAGE_INDENT).map((text): CheckRow => ({ kind: 'message', text }))];
}

/** Every row, failing checks (with what is missing) first. */
export function checkRows(checks: readonly CheckView[], width: number, markWidth = MARK_WIDTH): CheckRow[] {
  const failing = checks.filter((check) => !check.ok);
  const passing = checks.filter((check) => check.ok);
  return [...failing, ...passing].flatMap((check) => rowsOf(check, width, true, markWidth));
}

/** The rows that fit in `room`: failing checks whole, then as many passing ones as fit. */
export function fitCheckRows(checks: readonly CheckView[], width: number, room: number, markWidth = MARK_WIDTH): CheckRow[] {
  const all = checkRows(checks, width, markWidth);
  if (all.length <= room) return all;
  const failing = checks.filter((check) => !check.ok).flatMap((check) => rowsOf(check, width, true, markWidth));
  const passing = checks.filter((check) => check.ok);
  const rows = [...failing];
  let shown = 0;
  for (const check of passing) {
    const next = rowsOf(check, width, false, markWidth);
    // Keep one row for the "+N passing" line unless this is the last passing check.
    const reserve = shown + 1 < passing.length ? 1 : 0;
    if (rows.length + next.length + reserve > room) break;
    rows.push(...next);
    shown += 1;
  }
  if (shown < passing.length) rows.push({ kind: 'folded', text: `+${passing.length - shown} passing` });
  return rows;
}

/** Rows the checks panel needs to show every failing check whole (header and banner included). */
export function checksRowsWanted(checks: readonly CheckView[], width: number, banner: boolean, markWidth = MARK_WIDTH): number {
  const failing = checks.filter((check) => !check.ok).flatMap((check) => rowsOf(check, width, true, markWidth)).length;
  const passing = checks.some((check) => check.ok) ? 1 : 0;
  return 1 + (banner ? 1 : 0) + Math.max(1, failing + passing);
}
