/**
 * The course parsed at build time (dist/course.json, issue 9): a start finds the lessons it was
 * parsed from and uses it instead of parsing; anything else is parsed as before. The file is
 * written in one folder and read in another (the build's checkout is not the install's folder).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { filesUnder } from '../../../src/engine/lessons/course-cache.js';
import { loadCourse, loadCourseCached } from '../../../src/engine/lessons/index.js';
import { readShippedCourse, writeShippedCourse } from '../../../src/engine/lessons/shipped-course.js';
import { REPO } from '../../cli/support/cli.js';
import { ensureBuilt } from '../../e2e/support/built-app.js';

/** A copy of the real course and its assets in a folder of its own. */
function copyOfCourse(prefix = 'kubedojo-shipped-course-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(REPO, 'lessons'), join(root, 'lessons'), { recursive: true });
  cpSync(join(REPO, 'assets'), join(root, 'assets'), { recursive: true });
  return root;
}

/** The course parsed in one folder (the build's), written to a file in another. */
async function shipFrom(buildRoot: string): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'kubedojo-shipped-file-')), 'course.json');
  writeShippedCourse(file, await loadCourse(join(buildRoot, 'lessons')), buildRoot, filesUnder);
  return file;
}

function mark(file: string, title: string): void {
  const shipped = JSON.parse(readFileSync(file, 'utf8'));
  shipped.course.lessons[0].title = title;
  writeFileSync(file, JSON.stringify(shipped));
}

describe('the course parsed at build time', () => {
  it('is the course a parse of the installed folder gives, its paths under that folder', async () => {
    const built = copyOfCourse();
    const installed = copyOfCourse();
    const file = await shipFrom(built);
    expect(readFileSync(file, 'utf8')).not.toContain(built);

    const shipped = readShippedCourse(file, join(installed, 'lessons'), installed, filesUnder);
    expect(shipped).toEqual(await loadCourse(join(installed, 'lessons')));
    expect(shipped!.course.lessons[0]!.file).toBe(join(installed, 'lessons', '01-your-cluster.md'));
  });

  it('is put under a folder whose name JSON escapes or a replacement pattern would expand', async () => {
    const installed = copyOfCourse('kubedojo "$&" \\ $1-');
    const file = await shipFrom(copyOfCourse());
    expect(readShippedCourse(file, join(installed, 'lessons'), installed, filesUnder)).toEqual(await loadCourse(join(installed, 'lessons')));
  });

  it('is what a start loads, without parsing or writing the cache', async () => {
    const installed = copyOfCourse();
    const shippedFile = await shipFrom(copyOfCourse());
    mark(shippedFile, 'from the build');
    const cacheDir = join(installed, 'cache');
    const load = await loadCourseCached(join(installed, 'lessons'), { cacheDir, programId: 'v1', shippedFile });
    expect(load.course.lessons[0]!.title).toBe('from the build');
    expect(load.diagnostics).toEqual([]);
    expect(existsSync(join(cacheDir, 'course-cache.json'))).toBe(false);
  });

  it('is not used once a lesson or an asset differs from the ones it was parsed from', async () => {
    const installed = copyOfCourse();
    const shippedFile = await shipFrom(copyOfCourse());
    mark(shippedFile, 'stale');
    const lessons = join(installed, 'lessons');
    const cacheDir = join(installed, 'cache');

    const lesson = join(lessons, '01-your-cluster.md');
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('title: Your cluster', 'title: Your own cluster'));
    expect((await loadCourseCached(lessons, { cacheDir, programId: 'v1', shippedFile })).course.lessons[0]!.title).toBe('Your own cluster');
    // Parsed, so the run's own cache took it as before
    expect(existsSync(join(cacheDir, 'course-cache.json'))).toBe(true);

    const other = copyOfCourse();
    const asset = join(other, 'assets', 'ch3-shop-service.yaml');
    writeFileSync(asset, `${readFileSync(asset, 'utf8')}\n# changed\n`);
    expect((await loadCourseCached(join(other, 'lessons'), { cacheDir: join(other, 'cache'), programId: 'v1', shippedFile })).course.lessons[0]!.title).toBe('Your cluster');
  });

  it('costs only a parse when it is missing, corrupt or of another format', async () => {
    const installed = copyOfCourse();
    const lessons = join(installed, 'lessons');
    const parsed = await loadCourse(lessons);
    const dir = mkdtempSync(join(tmpdir(), 'kubedojo-shipped-bad-'));
    const corrupt = join(dir, 'corrupt.json');
    writeFileSync(corrupt, '{"format":1,"key":');
    const otherFormat = await shipFrom(installed);
    writeFileSync(otherFormat, readFileSync(otherFormat, 'utf8').replace('"format":1', '"format":2'));
    for (const shippedFile of [join(dir, 'missing.json'), corrupt, otherFormat]) {
      expect(readShippedCourse(shippedFile, lessons, installed, filesUnder)).toBeUndefined();
      expect(await loadCourseCached(lessons, { cacheDir: join(dir, 'cache'), programId: shippedFile, shippedFile })).toEqual(parsed);
    }
  });

  it('is never written for a course with problems', async () => {
    const root = copyOfCourse();
    writeFileSync(join(root, 'lessons', '99-broken.md'), '---\nid: broken\n---\nno steps\n');
    const file = join(root, 'course.json');
    expect(() => writeShippedCourse(file, { course: { dir: join(root, 'lessons'), lessons: [] }, diagnostics: [{ file: 'x', line: 1, message: 'bad' }] }, root, filesUnder)).toThrow(/problems/);
    expect(existsSync(file)).toBe(false);
  });
});

describe('dist/course.json', () => {
  beforeAll(ensureBuilt, 240_000);

  it('holds the course a parse of the repository gives', async () => {
    const shipped = readShippedCourse(join(REPO, 'dist', 'course.json'), join(REPO, 'lessons'), REPO, filesUnder);
    expect(shipped).toEqual(await loadCourse(join(REPO, 'lessons')));
  });
});
