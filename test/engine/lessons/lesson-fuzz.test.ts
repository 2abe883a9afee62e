/**
 * Issue #7, section 5: a YAML alias bomb in a lesson crashed lint, list and the app with "Excessive
 * alias count". Every lesson problem must be a file:line diagnostic: the bomb, and thousands of
 * mutated lesson files (a deterministic generator over the real lessons), none of which may throw.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostics, loadLesson } from '../../../src/engine/lessons/index.js';

const ALIAS_BOMB = [
  '---',
  'id: bomb',
  'title: Bomb',
  'summary: x',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  '---',
  '',
  'Intro.',
  '',
].join('\n');

function lessonDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'kubedojo-fuzz-'));
  return root;
}

describe('lesson loader: hostile files', () => {
  it('an alias bomb in the front matter is a file:line diagnostic, not a crash', async () => {
    const file = join(lessonDir(), '01-bomb.md');
    writeFileSync(file, ALIAS_BOMB);
    const { lesson, diagnostics } = await loadLesson(file);
    expect(lesson).toBeUndefined();
    expect(formatDiagnostics(diagnostics)).toMatch(new RegExp(`^${file}:2: YAML: too many aliases`, 'm'));
  });

  it('an alias bomb in a step block too', async () => {
    const good = readFileSync('lessons/01-your-cluster.md', 'utf8');
    const bomb = good.replace('```yaml step\n', '```yaml step\nx: &x [1,1,1,1,1,1,1,1,1,1]\ny: &y [*x,*x,*x,*x,*x,*x,*x,*x,*x,*x]\nz: &z [*y,*y,*y,*y,*y,*y,*y,*y,*y,*y]\nw: [*z,*z,*z,*z,*z,*z,*z,*z,*z,*z]\n');
    const file = join(lessonDir(), '01-bomb.md');
    writeFileSync(file, bomb);
    const { diagnostics } = await loadLesson(file);
    expect(diagnostics.some((d) => d.message.includes('too many aliases') && d.line > 0)).toBe(true);
  });

  it('thousands of mutated lesson files: never an exception, every diagnostic located', async () => {
    const seeds = readdirSync('lessons').filter((name) => /^\d.*\.md$/.test(name)).map((name) => readFileSync(join('lessons', name), 'utf8'));
    const dir = lessonDir();
    let state = 12345;
    const random = (): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const int = (n: number): number => Math.floor(random() * n);
    const SNIPPETS = ['&a ', '*a', '<<: *a\n', ': ', '- ', '\t', '---\n', '```yaml\n', '```\n', '## ', '{', '}', '[', ']', '"', "'",
      '\u0000', '!!binary ', '!!js/function ', '? ', '|\n', '>-\n', '%YAML 1.1\n', '\uFEFF', 'a: &a [*a]\n', 'null', '~', '0x1F', '1e999',
      '[['.repeat(200), '{a: '.repeat(100), 'x'.repeat(5000), '\r\n', 'checks:\n  - equals: 1\n', 'command: kubectl get pods | sh\n'];
    function mutate(text: string): string {
      let out = text;
      for (let n = 1 + int(4); n > 0; n -= 1) {
        const at = int(out.length + 1);
        switch (int(4)) {
          case 0: out = out.slice(0, at) + SNIPPETS[int(SNIPPETS.length)]! + out.slice(at); break;
          case 1: out = out.slice(0, at) + out.slice(at + int(40)); break;
          case 2: { const from = int(out.length); out = out.slice(0, at) + out.slice(from, from + int(200)) + out.slice(at); break; }
          default: out = out.slice(0, at) + String.fromCharCode(int(128)) + out.slice(at + 1);
        }
      }
      return out;
    }
    const started = Date.now();
    const runs = 1000;
    for (let run = 0; run < runs; run += 1) {
      const file = join(dir, `${String(run % 10).padStart(2, '0')}-fuzz.md`);
      const text = mutate(seeds[run % seeds.length]!);
      writeFileSync(file, text);
      let result: Awaited<ReturnType<typeof loadLesson>>;
      try {
        result = await loadLesson(file, { root: process.cwd() });
      } catch (error) {
        throw new Error(`run ${run} threw ${(error as Error).stack}\n--- file ---\n${text.slice(0, 2000)}`);
      }
      for (const diagnostic of result.diagnostics) {
        expect(Number.isInteger(diagnostic.line) && diagnostic.line >= 0, `${run}: ${diagnostic.message}`).toBe(true);
        expect(diagnostic.message.length).toBeGreaterThan(0);
      }
    }
    // Keep it a fast test: a few seconds on a busy machine.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
