/**
 * The parsed course cached between runs (issue 9: the first frame waited ~400 ms for the YAML of
 * 21 lessons). The cached course must be the parsed one, and any change to a lesson, an asset or
 * the program must parse again.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadCourse, loadCourseCached } from '../../../src/engine/lessons/index.js';
import { REPO } from '../../cli/support/cli.js';

let root: string;
let cacheDir: string;
const lessons = () => join(root, 'lessons');
const cacheFile = () => join(cacheDir, 'course-cache.json');

beforeEach(() => {
  // A copy of the real course and its assets, so the test may change them.
  root = mkdtempSync(join(tmpdir(), 'kubedojo-course-cache-'));
  cpSync(join(REPO, 'lessons'), lessons(), { recursive: true });
  cpSync(join(REPO, 'assets'), join(root, 'assets'), { recursive: true });
  cacheDir = join(root, 'cache');
});

describe('the course cache', () => {
  it('returns exactly the parsed course, from the file it wrote after the first load', async () => {
    const parsed = await loadCourse(lessons());
    const first = await loadCourseCached(lessons(), { cacheDir, programId: 'v1' });
    expect(first).toEqual(parsed);
    expect(existsSync(cacheFile())).toBe(true);
    // What comes back from the file is the same course (nothing lost in JSON)
    expect(await loadCourseCached(lessons(), { cacheDir, programId: 'v1' })).toEqual(parsed);

    // The second load comes from the cache: prove it by marking the cached copy
    const cached = JSON.parse(readFileSync(cacheFile(), 'utf8'));
    cached.course.lessons[0].title = 'from the cache';
    writeFileSync(cacheFile(), JSON.stringify(cached));
    const second = await loadCourseCached(lessons(), { cacheDir, programId: 'v1' });
    expect(second.course.lessons[0]!.title).toBe('from the cache');
  });

  it('parses again when a lesson, an asset or the program changed', async () => {
    await loadCourseCached(lessons(), { cacheDir, programId: 'v1' });
    const mark = () => {
      const cached = JSON.parse(readFileSync(cacheFile(), 'utf8'));
      cached.course.lessons[0].title = 'stale';
      writeFileSync(cacheFile(), JSON.stringify(cached));
    };

    mark();
    const lesson = join(lessons(), '01-your-cluster.md');
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('title: Your cluster', 'title: Your own cluster'));
    expect((await loadCourseCached(lessons(), { cacheDir, programId: 'v1' })).course.lessons[0]!.title).toBe('Your own cluster');

    mark();
    writeFileSync(join(root, 'assets', 'ch3-shop-service.yaml'), `${readFileSync(join(root, 'assets', 'ch3-shop-service.yaml'), 'utf8')}\n# changed\n`);
    expect((await loadCourseCached(lessons(), { cacheDir, programId: 'v1' })).course.lessons[0]!.title).toBe('Your own cluster');

    mark();
    expect((await loadCourseCached(lessons(), { cacheDir, programId: 'v2' })).course.lessons[0]!.title).toBe('Your own cluster');
  });

  it('never caches a course with problems, and a corrupt cache only costs a parse', async () => {
    writeFileSync(join(lessons(), '99-broken.md'), '---\nid: broken\n---\nno steps\n');
    const broken = await loadCourseCached(lessons(), { cacheDir, programId: 'v1' });
    expect(broken.diagnostics.length).toBeGreaterThan(0);
    expect(existsSync(cacheFile())).toBe(false);

    writeFileSync(join(lessons(), '99-broken.md'), readFileSync(join(REPO, 'lessons', '01-your-cluster.md'), 'utf8').replace('id: your-cluster', 'id: copy-of-your-cluster'));
    const parsed = await loadCourse(lessons());
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cacheFile(), '{"key": "not json');
    expect(await loadCourseCached(lessons(), { cacheDir, programId: 'v1' })).toEqual(parsed);
  });
});
