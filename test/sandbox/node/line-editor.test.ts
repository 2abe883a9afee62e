/** The interactive shell's line discipline: keys in, echo out, a line on Enter. */
import { describe, expect, it } from 'vitest';
import { editLine, emptyLine, splitKeys, type LineState } from '../../../src/sandbox/node/line-editor.js';

function type(state: LineState, input: string): { state: LineState; echo: string; outcomes: string[] } {
  let echo = '';
  const outcomes: string[] = [];
  for (const key of splitKeys(input)) {
    const step = editLine(state, key);
    state = step.state;
    echo += step.echo;
    outcomes.push(step.outcome.kind === 'submit' ? `submit:${step.outcome.line}` : step.outcome.kind);
  }
  return { state, echo, outcomes };
}

describe('line editor', () => {
  it('splits escape sequences and code points into keys', () => {
    expect(splitKeys('a\u001b[Dé🙂\u001bOA\r')).toEqual(['a', '\u001b[D', 'é', '🙂', '\u001bOA', '\r']);
  });

  it('echoes typed text and submits the line on Enter', () => {
    const typed = type(emptyLine(), 'echo hi\r');
    expect(typed.echo).toBe('echo hi\r\n');
    expect(typed.outcomes.at(-1)).toBe('submit:echo hi');
    expect(typed.state.history).toEqual(['echo hi']);
  });

  it('inserts and deletes in the middle of the line, redrawing the tail', () => {
    // "hostnme": ← ← puts the cursor before "me", Backspace drops the "n", then "na" goes back in.
    const typed = type(emptyLine(), 'cat /etc/hostnme\u001b[D\u001b[D\u007fna');
    expect(typed.state.chars.join('')).toBe('cat /etc/hostname');
    expect(typed.state.cursor).toBe('cat /etc/hostna'.length);
  });

  it('Home, End, Ctrl+U, Ctrl+K and Ctrl+W edit as readline does', () => {
    expect(type(emptyLine(), 'world\u0001hello \r').outcomes.at(-1)).toBe('submit:hello world');
    expect(type(emptyLine(), 'abc def\u0015x\r').outcomes.at(-1)).toBe('submit:x');
    expect(type(emptyLine(), 'abc def\u001b[D\u001b[D\u001b[D\u000b\r').outcomes.at(-1)).toBe('submit:abc ');
    expect(type(emptyLine(), 'curl -s web\u0017localhost\r').outcomes.at(-1)).toBe('submit:curl -s localhost');
    expect(type(emptyLine(), 'ab\u001b[H\u001b[3~\u001b[F!\r').outcomes.at(-1)).toBe('submit:b!');
  });

  it('walks the history with ↑ and ↓ and keeps the line being typed', () => {
    let state = type(emptyLine(), 'hostname\renv\r').state;
    const up = type(state, 'ech\u001b[A');
    expect(up.state.chars.join('')).toBe('env');
    expect(up.echo).toBe('ech\u001b[3Denv\u001b[K');
    state = type(up.state, '\u001b[A').state;
    expect(state.chars.join('')).toBe('hostname');
    // Past the oldest entry nothing moves.
    expect(type(state, '\u001b[A').state.chars.join('')).toBe('hostname');
    const down = type(state, '\u001b[B\u001b[B');
    expect(down.state.chars.join('')).toBe('ech');
    expect(type(state, '\r').outcomes.at(-1)).toBe('submit:hostname');
  });

  it('Ctrl+C drops the line, Ctrl+D ends input only on an empty line', () => {
    const interrupted = type(emptyLine(['ls']), 'rm -rf\u0003');
    expect(interrupted.echo.endsWith('^C\r\n')).toBe(true);
    expect(interrupted.state.chars).toEqual([]);
    expect(interrupted.outcomes.at(-1)).toBe('interrupt');
    expect(type(emptyLine(), '\u0004').outcomes).toEqual(['eof']);
    const deleted = type(emptyLine(), 'ab\u001b[D\u0004');
    expect(deleted.outcomes.at(-1)).toBe('edit');
    expect(deleted.state.chars.join('')).toBe('a');
  });

  it('does not record blank lines or repeats in the history', () => {
    expect(type(emptyLine(), 'ls\rls\r  \r').state.history).toEqual(['ls']);
  });
});
