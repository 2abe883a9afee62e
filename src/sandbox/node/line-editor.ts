/**
 * The line discipline of an interactive shell on a terminal (what readline / BusyBox's lineedit
 * do): keys in, the bytes to echo out, and a finished line on Enter. Pure — a state and a key give
 * the next state — so the exec stream, the tests and any other front end drive it the same way.
 *
 * Keys: printable text (inserted at the cursor), Enter (CR or LF), Backspace (DEL or BS), Delete,
 * ← → Home End (also Ctrl+A / Ctrl+E), ↑ ↓ through the history, Ctrl+U (kill to the start),
 * Ctrl+K (kill to the end), Ctrl+W (kill a word), Ctrl+L (clear the screen), Ctrl+C (drop the
 * line), Ctrl+D (end of input on an empty line, else delete under the cursor).
 */

export interface LineState {
  /** The line being edited, one code point per entry (so the cursor never splits a character). */
  chars: string[];
  cursor: number;
  /** Earlier lines, oldest first. */
  history: string[];
  /** Where ↑/↓ is in the history; history.length means the line being typed. */
  historyIndex: number;
  /** The line being typed, kept while the learner looks through the history. */
  draft: string[];
}

export type LineOutcome =
  | { kind: 'edit' }
  | { kind: 'submit'; line: string }
  | { kind: 'interrupt' }
  | { kind: 'eof' }
  | { kind: 'clear' };

export interface LineStep {
  state: LineState;
  /** What to write to the terminal for this key. */
  echo: string;
  outcome: LineOutcome;
}

const HISTORY_LIMIT = 500;
const CSI = '\u001b[';

export const emptyLine = (history: string[] = []): LineState => ({ chars: [], cursor: 0, history, historyIndex: history.length, draft: [] });

/** Splits terminal input into keys: one escape sequence, or one code point. */
export function splitKeys(text: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '\u001b') {
      // CSI: ESC [ params… final byte (0x40–0x7e); SS3: ESC O x (application cursor keys).
      const csi = /^\u001b\[[0-9;?]*[\x40-\x7e]/.exec(text.slice(i));
      const ss3 = /^\u001bO./.exec(text.slice(i));
      const match = csi?.[0] ?? ss3?.[0] ?? '\u001b';
      keys.push(match);
      i += match.length;
      continue;
    }
    const point = String.fromCodePoint(text.codePointAt(i)!);
    keys.push(point);
    i += point.length;
  }
  return keys;
}

const left = (n: number) => (n > 0 ? `${CSI}${n}D` : '');
const right = (n: number) => (n > 0 ? `${CSI}${n}C` : '');

/** Rewrites the line from the cursor on: the new tail, erase the rest, and back to the cursor. */
function redrawTail(chars: string[], cursor: number): string {
  const tail = chars.slice(cursor).join('');
  return `${tail}${CSI}K${left(chars.length - cursor)}`;
}

function replaceLine(state: LineState, chars: string[], extra: Partial<LineState> = {}): LineStep {
  const echo = `${left(state.cursor)}${chars.join('')}${CSI}K`;
  return { state: { ...state, ...extra, chars, cursor: chars.length }, echo, outcome: { kind: 'edit' } };
}

const isPrintable = (key: string) => key.length > 0 && !key.startsWith('\u001b') && key.codePointAt(0)! >= 0x20 && key !== '\u007f';

/** Applies one key. */
export function editLine(state: LineState, key: string): LineStep {
  const { chars, cursor } = state;
  const edit = (next: Partial<LineState>, echo: string): LineStep => ({ state: { ...state, ...next }, echo, outcome: { kind: 'edit' } });
  const nothing: LineStep = { state, echo: '', outcome: { kind: 'edit' } };

  if (isPrintable(key)) {
    const next = [...chars.slice(0, cursor), key, ...chars.slice(cursor)];
    return edit({ chars: next, cursor: cursor + 1 }, cursor === chars.length ? key : `${key}${redrawTail(next, cursor + 1)}`);
  }
  switch (key) {
    case '\r':
    case '\n': {
      const line = chars.join('');
      const history = line.trim() && line !== state.history.at(-1) ? [...state.history, line].slice(-HISTORY_LIMIT) : state.history;
      return { state: emptyLine(history), echo: '\r\n', outcome: { kind: 'submit', line } };
    }
    case '\u007f':
    case '\b': {
      if (cursor === 0) return nothing;
      const next = [...chars.slice(0, cursor - 1), ...chars.slice(cursor)];
      return edit({ chars: next, cursor: cursor - 1 }, `\b${redrawTail(next, cursor - 1)}`);
    }
    case `${CSI}3~`:
      return deleteUnderCursor(state);
    case `${CSI}D`:
    case '\u001bOD':
    case '\u0002':
      return cursor > 0 ? edit({ cursor: cursor - 1 }, left(1)) : nothing;
    case `${CSI}C`:
    case '\u001bOC':
    case '\u0006':
      return cursor < chars.length ? edit({ cursor: cursor + 1 }, right(1)) : nothing;
    case `${CSI}H`:
    case '\u001bOH':
    case `${CSI}1~`:
    case '\u0001':
      return edit({ cursor: 0 }, left(cursor));
    case `${CSI}F`:
    case '\u001bOF':
    case `${CSI}4~`:
    case '\u0005':
      return edit({ cursor: chars.length }, right(chars.length - cursor));
    case `${CSI}A`:
    case '\u001bOA':
    case '\u0010':
      return history(state, -1);
    case `${CSI}B`:
    case '\u001bOB':
    case '\u000e':
      return history(state, +1);
    case '\u0015': {
      const next = chars.slice(cursor);
      return edit({ chars: next, cursor: 0 }, `${left(cursor)}${redrawTail(next, 0)}`);
    }
    case '\u000b':
      return edit({ chars: chars.slice(0, cursor) }, `${CSI}K`);
    case '\u0017': {
      let start = cursor;
      while (start > 0 && chars[start - 1] === ' ') start--;
      while (start > 0 && chars[start - 1] !== ' ') start--;
      const next = [...chars.slice(0, start), ...chars.slice(cursor)];
      return edit({ chars: next, cursor: start }, `${left(cursor - start)}${redrawTail(next, start)}`);
    }
    case '\u0003':
      return { state: emptyLine(state.history), echo: '^C\r\n', outcome: { kind: 'interrupt' } };
    case '\u0004':
      if (chars.length === 0) return { state, echo: '', outcome: { kind: 'eof' } };
      return deleteUnderCursor(state);
    case '\u000c':
      return { state, echo: `${CSI}H${CSI}2J`, outcome: { kind: 'clear' } };
    default:
      // Tab, unknown escape sequences, other control keys: nothing (a real shell would beep).
      return nothing;
  }
}

function deleteUnderCursor(state: LineState): LineStep {
  const { chars, cursor } = state;
  if (cursor >= chars.length) return { state, echo: '', outcome: { kind: 'edit' } };
  const next = [...chars.slice(0, cursor), ...chars.slice(cursor + 1)];
  return { state: { ...state, chars: next }, echo: redrawTail(next, cursor), outcome: { kind: 'edit' } };
}

function history(state: LineState, direction: -1 | 1): LineStep {
  const index = state.historyIndex + direction;
  if (index < 0 || index > state.history.length) return { state, echo: '', outcome: { kind: 'edit' } };
  // Leaving the line being typed keeps it, so ↓ past the newest entry brings it back.
  const draft = state.historyIndex === state.history.length ? state.chars : state.draft;
  const chars = index === state.history.length ? draft : [...state.history[index]!];
  return replaceLine(state, [...chars], { historyIndex: index, draft });
}
