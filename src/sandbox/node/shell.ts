/**
 * Parses the `sh -c` scripts containers run, for the forms the course and common tutorials use:
 * simple commands joined by `;`, `&&`, `||` and newlines, `exec`, `while true; do …; done`, output
 * redirection to a file or /dev/null, quoting, and `$VAR` / `${VAR}` from the container's
 * environment. Pipes, background jobs, subshells, command substitution, `if`/`for`/`case` and
 * assignments are not simulated: the parse says so, and the caller reports it plainly.
 */

export interface Redirect {
  fd: 1 | 2;
  /** A path, `/dev/null`, or `&1` / `&2`. */
  target: string;
  append: boolean;
}

export type ShellNode =
  | { kind: 'command'; argv: string[]; exec: boolean; redirects: Redirect[] }
  | { kind: 'while'; condition: ShellList; body: ShellList };

export interface ShellList {
  items: { op: ';' | '&&' | '||'; node: ShellNode }[];
}

export type ParseResult = { ok: true; list: ShellList } | { ok: false; construct: string };

type Token = { type: 'word'; value: string } | { type: 'op'; value: string };

class Unsupported extends Error {
  constructor(readonly construct: string) {
    super(construct);
  }
}

const OPERATORS = ['&&', '||', '>>', ';', '&', '|', '>', '<', '(', ')', '\n'];

function tokenize(script: string, env: Record<string, string>): Token[] {
  const tokens: Token[] = [];
  let word: string | undefined;
  const push = () => {
    if (word !== undefined) tokens.push({ type: 'word', value: word });
    word = undefined;
  };
  const variable = (i: number): [string, number] => {
    if (script[i + 1] === '(' ) throw new Unsupported('$(…)');
    if (script[i + 1] === '{') {
      const end = script.indexOf('}', i);
      const name = script.slice(i + 2, end);
      if (end < 0 || !/^\w+$/.test(name)) throw new Unsupported('${…}');
      return [env[name] ?? '', end + 1];
    }
    const m = /^[A-Za-z_]\w*|^[0-9?#@*$!-]/.exec(script.slice(i + 1));
    if (!m) return ['$', i + 1];
    if (!/^[A-Za-z_]/.test(m[0])) throw new Unsupported(`$${m[0]}`);
    return [env[m[0]] ?? '', i + 1 + m[0].length];
  };
  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === "'") {
      const end = script.indexOf("'", i + 1);
      if (end < 0) throw new Unsupported('unterminated quote');
      word = (word ?? '') + script.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      word ??= '';
      i++;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && '"\\$`'.includes(script[i + 1] ?? '')) {
          word += script[i + 1];
          i += 2;
        } else if (script[i] === '$') {
          const [value, next] = variable(i);
          word += value;
          i = next;
        } else if (script[i] === '`') throw new Unsupported('`…`');
        else word += script[i++];
      }
      if (i >= script.length) throw new Unsupported('unterminated quote');
      i++;
    } else if (c === '\\') {
      if (script[i + 1] !== '\n') word = (word ?? '') + (script[i + 1] ?? '');
      i += 2;
    } else if (c === '$') {
      const [value, next] = variable(i);
      word = (word ?? '') + value;
      i = next;
    } else if (c === '`') {
      throw new Unsupported('`…`');
    } else if (c === '#' && word === undefined) {
      while (i < script.length && script[i] !== '\n') i++;
    } else if (c === ' ' || c === '\t') {
      push();
      i++;
    } else {
      const op = OPERATORS.find((o) => script.startsWith(o, i));
      if (!op) {
        word = (word ?? '') + c;
        i++;
        continue;
      }
      // `2>` and `1>`: a lone digit right before `>` is the file descriptor.
      if (op.startsWith('>') && (word === '1' || word === '2')) {
        tokens.push({ type: 'op', value: `${word}${op}` });
        word = undefined;
      } else {
        push();
        tokens.push({ type: 'op', value: op });
      }
      i += op.length;
    }
  }
  push();
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  list(terminators: string[]): ShellList {
    const items: ShellList['items'] = [];
    let op: ';' | '&&' | '||' = ';';
    for (;;) {
      while (this.isOp(';') || this.isOp('\n')) this.pos++;
      const token = this.tokens[this.pos];
      if (!token || (token.type === 'word' && terminators.includes(token.value))) break;
      items.push({ op, node: this.command() });
      const next = this.tokens[this.pos];
      if (!next) break;
      if (next.type === 'op' && (next.value === '&&' || next.value === '||')) {
        op = next.value;
        this.pos++;
      } else if (next.type === 'op' && (next.value === ';' || next.value === '\n')) {
        op = ';';
      } else if (next.type === 'op') throw new Unsupported(next.value);
    }
    return { items };
  }

  private command(): ShellNode {
    const first = this.tokens[this.pos];
    if (first?.type === 'word' && first.value === 'while') {
      this.pos++;
      const condition = this.list(['do']);
      this.expect('do');
      const body = this.list(['done']);
      this.expect('done');
      return { kind: 'while', condition, body };
    }
    if (first?.type === 'word' && ['if', 'for', 'until', 'case', 'function', '{'].includes(first.value)) throw new Unsupported(first.value);
    const argv: string[] = [];
    const redirects: Redirect[] = [];
    for (let t = this.tokens[this.pos]; t; t = this.tokens[this.pos]) {
      if (t.type === 'word') {
        if (!argv.length && /^[A-Za-z_]\w*=/.test(t.value)) throw new Unsupported('variable assignment');
        argv.push(t.value);
        this.pos++;
      } else if (/^[12]?>>?$/.test(t.value)) {
        const target = this.tokens[this.pos + 1];
        if (target?.type === 'word') {
          redirects.push({ fd: t.value.startsWith('2') ? 2 : 1, target: target.value, append: t.value.endsWith('>>') });
          this.pos += 2;
        } else if (target?.type === 'op' && target.value === '&') {
          // `2>&1`: the tokenizer split `&1` into `&` and a word.
          const fd = this.tokens[this.pos + 2];
          if (fd?.type !== 'word' || !/^[12]$/.test(fd.value)) throw new Unsupported(t.value);
          redirects.push({ fd: t.value.startsWith('2') ? 2 : 1, target: `&${fd.value}`, append: false });
          this.pos += 3;
        } else throw new Unsupported(t.value);
      } else break;
    }
    if (!argv.length) throw new Unsupported(String(this.tokens[this.pos]?.value ?? 'empty command'));
    const exec = argv[0] === 'exec';
    return { kind: 'command', argv: exec ? argv.slice(1) : argv, exec, redirects };
  }

  private isOp(value: string): boolean {
    const t = this.tokens[this.pos];
    return t?.type === 'op' && t.value === value;
  }

  private expect(word: string): void {
    const t = this.tokens[this.pos];
    if (t?.type !== 'word' || t.value !== word) throw new Unsupported(`missing ${word}`);
    this.pos++;
  }
}

export function parseShell(script: string, env: Record<string, string>): ParseResult {
  try {
    const parser = new Parser(tokenize(script, env));
    const list = parser.list([]);
    return { ok: true, list };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, construct: error.construct };
    throw error;
  }
}
