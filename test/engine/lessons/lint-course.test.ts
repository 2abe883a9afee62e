import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, formatDiagnostics, lintCourse, loadCourse } from '../../../src/engine/lessons/index.js';

const FIXTURES = 'test/engine/lessons/fixtures';

describe('loadCourse', () => {
  it('loads the lessons named NN-slug.md in number order and ignores other files', async () => {
    const { course, diagnostics } = await loadCourse(`${FIXTURES}/course-ok/lessons`);
    expect(diagnostics).toEqual([]);
    expect(course.dir).toBe(`${FIXTURES}/course-ok/lessons`);
    expect(course.lessons.map((lesson) => [lesson.id, lesson.requires])).toEqual([
      ['hello', []],
      ['next', ['hello']],
    ]);
  });
});

describe('lintCourse: rules across lessons', () => {
  it('reports cycles, unknown and self requires, and duplicate ids, with their lines', async () => {
    const dir = `${FIXTURES}/course-broken/lessons`;
    expect(formatDiagnostics(await lintCourse(dir)).split('\n')).toEqual([
      `${dir}/01-a.md:6: requires[0]: requires form a cycle: a → c → b → a`,
      `${dir}/02-b.md:6: requires[0]: requires form a cycle: b → a → c → b`,
      `${dir}/02-b.md:6: requires[1]: no lesson has the id "zzz"`,
      `${dir}/03-c.md:6: requires[0]: requires form a cycle: c → b → a → c`,
      `${dir}/04-d.md:6: requires[0]: a lesson cannot require itself`,
      `${dir}/05-a.md:2: id: lesson id "a" is already used by ${dir}/01-a.md`,
      // 06-broken.md fails to load, yet 04-d.md may still require it by its file name's id.
      `${dir}/06-broken.md:6: requires: expected a list`,
    ]);
  });

  it('reports a folder that does not exist or holds no lessons', async () => {
    expect(await lintCourse(`${FIXTURES}/nope`)).toEqual([{ file: `${FIXTURES}/nope`, line: 0, message: 'no such folder' }]);
    expect(await lintCourse(`${FIXTURES}/course-ok/assets`)).toEqual([
      { file: `${FIXTURES}/course-ok/assets`, line: 0, message: 'no lesson files (named like 01-your-cluster.md)' },
    ]);
  });
});

describe('formatDiagnostic', () => {
  it('prints file:line: message, or file: message without a line', () => {
    expect(formatDiagnostic({ file: 'lessons/02-first-deployment.md', line: 14, message: 'steps[1].checks[0].equals: expected a string' })).toBe(
      'lessons/02-first-deployment.md:14: steps[1].checks[0].equals: expected a string',
    );
    expect(formatDiagnostic({ file: 'lessons', line: 0, message: 'no such folder' })).toBe('lessons: no such folder');
  });

  it('shortens absolute paths against cwd', () => {
    const file = resolve('lessons/01-your-cluster.md');
    expect(formatDiagnostic({ file, line: 3, message: 'x' }, { cwd: process.cwd() })).toBe('lessons/01-your-cluster.md:3: x');
  });

  it('sorts by file, then line', () => {
    const text = formatDiagnostics([
      { file: 'b.md', line: 1, message: 'b1' },
      { file: 'a.md', line: 9, message: 'a9' },
      { file: 'a.md', line: 2, message: 'a2' },
    ]);
    expect(text).toBe('a.md:2: a2\na.md:9: a9\nb.md:1: b1');
  });
});
