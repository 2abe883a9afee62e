/**
 * Splits what a learner typed into argv the way a POSIX shell tokenizes words, but WITHOUT any
 * expansion: quotes and backslashes are honoured, while `$VAR`, `*`, `~` and `{a,b}` reach the
 * program as the literal characters. Anything that would make a shell run more than one program
 * or touch files (`;` `|` `&` `&&` `||` `<` `>` `(` `)`, `` `cmd` ``, `$(cmd)`) is refused, so
 * nothing typed is ever interpreted by a shell (PRODUCT.md, safety rules).
 *
 * Hand-written rather than `shell-quote`: that library expands `$VAR` from an env object, turns
 * globs and operators into objects we would have to re-check, and accepts unterminated quotes.
 * Here the whole grammar is ~100 lines we can test exhaustively.
 */

export const SHELL_SYNTAX_MESSAGE =
  'kubedojo runs one command, without a shell: use your own terminal for pipes';

export type CommandLineProblem = 'empty' | 'shell-syntax' | 'unterminated-quote' | 'trailing-backslash';

export type ParsedCommandLine =
  | { ok: true; argv: string[] }
  | { ok: false; problem: CommandLineProblem; message: string };

const WHITESPACE = new Set([' ', '\t', '\r']);
// Characters that start a shell operator when unquoted.
const OPERATOR_CHARS = new Set([';', '|', '&', '<', '>', '(', ')', '`']);
// Inside double quotes a backslash only escapes these (POSIX 2.2.3); before anything else it stays.
const DOUBLE_QUOTE_ESCAPABLE = new Set(['$', '`', '"', '\\']);

function shellSyntax(what: string): ParsedCommandLine {
  return {
    ok: false,
    problem: 'shell-syntax',
    message: `${what} is shell syntax. ${SHELL_SYNTAX_MESSAGE} (or put it in quotes if kubectl should see it as text).`,
  };
}

/** Tokenizes one command line; see the module comment for the exact rules. */
export function parseCommandLine(text: string): ParsedCommandLine {
  const argv: string[] = [];
  let word = '';
  // A word can exist and be empty (`''`), so "are we in a word" is tracked apart from its text.
  let inWord = false;
  let i = 0;

  const endWord = (): void => {
    if (inWord) argv.push(word);
    word = '';
    inWord = false;
  };

  while (i < text.length) {
    const ch = text[i]!;

    if (WHITESPACE.has(ch)) {
      endWord();
      i += 1;
      continue;
    }

    if (ch === '\n') {
      endWord();
      // A newline separates commands in a shell; only trailing blank lines are harmless.
      if (text.slice(i).trim() !== '') return shellSyntax('A line break between commands');
      break;
    }

    if (ch === '#' && !inWord) break; // a comment runs to the end of the line, as in a shell

    if (ch === '$' && text[i + 1] === '(') return shellSyntax('`$(...)` (command substitution)');

    if (OPERATOR_CHARS.has(ch)) {
      const two = text.slice(i, i + 2);
      const operator = ['&&', '||', '>>', '<<', '&>', '>&'].includes(two) ? two : ch;
      return shellSyntax(ch === '`' ? '`` `...` `` (command substitution)' : `\`${operator}\``);
    }

    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) {
        return { ok: false, problem: 'trailing-backslash', message: 'The command ends with a lone backslash (\\): remove it or add what it escapes.' };
      }
      // Backslash-newline is a line continuation: both characters vanish.
      if (next !== '\n') {
        word += next;
        inWord = true;
      }
      i += 2;
      continue;
    }

    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) return unterminated("'", 'single');
      word += text.slice(i + 1, close);
      inWord = true;
      i = close + 1;
      continue;
    }

    if (ch === '"') {
      const result = readDoubleQuoted(text, i + 1);
      if (result === undefined) return unterminated('"', 'double');
      word += result.text;
      inWord = true;
      i = result.next;
      continue;
    }

    word += ch;
    inWord = true;
    i += 1;
  }
  endWord();

  if (argv.length === 0) return { ok: false, problem: 'empty', message: 'Type a command to run, for example `kubectl get pods`.' };
  return { ok: true, argv };
}

function unterminated(quote: string, kind: string): ParsedCommandLine {
  return {
    ok: false,
    problem: 'unterminated-quote',
    message: `The ${kind} quote (${quote}) is never closed: add the closing ${quote}.`,
  };
}

/** Reads from just after an opening `"` to its closing `"`; undefined when there is none. */
function readDoubleQuoted(text: string, start: number): { text: string; next: number } | undefined {
  let out = '';
  let i = start;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') return { text: out, next: i + 1 };
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '\n') {
        i += 2;
        continue;
      }
      if (next !== undefined && DOUBLE_QUOTE_ESCAPABLE.has(next)) {
        out += next;
        i += 2;
        continue;
      }
    }
    // `$`, `` ` `` and `$(...)` stay literal here: we never expand, and quoting is the learner
    // saying "this is text".
    out += ch;
    i += 1;
  }
  return undefined;
}
