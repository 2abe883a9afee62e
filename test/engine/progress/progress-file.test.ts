import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProgressStore, ProgressSaveError } from '../../../src/engine/progress/progress-file.js';
import { completeStep, rememberValue, revealHint, setCurrent } from '../../../src/engine/progress/progress-reducers.js';
import { emptyProgress, type Progress } from '../../../src/engine/progress/progress-schema.js';

let dir: string;
const fixedNow = () => new Date('2025-03-04T05:06:07.089Z');
const ASIDE_SUFFIX = '.corrupt-2025-03-04T05-06-07-089Z';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubedojo-progress-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sampleProgress(): Progress {
  let progress = completeStep(emptyProgress(), 'rollouts', 'create');
  progress = revealHint(progress, 'rollouts', 'scale');
  progress = rememberValue(progress, 'rollouts', 'oldPod', 'web-7d9c-x2');
  return setCurrent(progress, { lessonId: 'rollouts', stepId: 'scale' });
}

describe('progress store', () => {
  it('starts fresh, without a notice, when there is no file yet', async () => {
    const store = createProgressStore({ path: join(dir, 'progress.json') });
    expect(await store.load()).toEqual({ progress: emptyProgress(), notice: undefined });
  });

  it('round-trips progress, creating the config directory, with mode 0600', async () => {
    const path = join(dir, 'nested', 'kubedojo', 'progress.json');
    const store = createProgressStore({ path });
    await store.save(sampleProgress());
    expect(await createProgressStore({ path }).load()).toEqual({ progress: sampleProgress(), notice: undefined });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'nested', 'kubedojo'))).toEqual(['progress.json']); // no temp files left
  });

  it('applies saves in call order', async () => {
    const path = join(dir, 'progress.json');
    const store = createProgressStore({ path });
    const saves = Array.from({ length: 20 }, (_, i) => store.save(rememberValue(emptyProgress(), 'l', 'n', String(i))));
    await Promise.all(saves);
    expect((await store.load()).progress.lessons.l?.remembered.n).toBe('19');
  });

  it('never lets a concurrent reader see a partial file', async () => {
    // Given a reader in another process that parses the file as fast as it can,
    const path = join(dir, 'progress.json');
    const store = createProgressStore({ path });
    await store.save(emptyProgress());
    const readerScript = `
      const fs = require('node:fs');
      let reads = 0, bad = 0;
      const until = Date.now() + 1500;
      console.log('ready');
      while (Date.now() < until) {
        try { JSON.parse(fs.readFileSync(process.argv[1], 'utf8')); reads++; }
        catch (e) { if (e.code !== 'ENOENT') bad++; }
      }
      console.log(JSON.stringify({ reads, bad }));`;
    const reader = spawn(process.execPath, ['-e', readerScript, path]);
    let output = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const finished = new Promise<void>((resolve) => reader.on('exit', () => resolve()));
    await new Promise<void>((resolve) => reader.stdout.once('data', () => resolve()));

    // when we keep rewriting it with large, different contents,
    let writes = 0;
    while (reader.exitCode === null) {
      const big = String.fromCharCode(97 + (writes % 26)).repeat(200_000 + (writes % 7) * 10_000);
      await store.save(rememberValue(emptyProgress(), 'l', 'blob', big));
      writes += 1;
    }
    await finished;

    // then every read saw a complete JSON document.
    const { reads, bad } = JSON.parse(output.trim().split('\n').at(-1)!) as { reads: number; bad: number };
    expect(writes).toBeGreaterThan(5);
    expect(reads).toBeGreaterThan(5);
    expect(bad).toBe(0);
  });

  it('sets a file with broken JSON aside and explains', async () => {
    const path = join(dir, 'progress.json');
    await writeFile(path, '{"schemaVersion": 1, "current": nul');
    const { progress, notice } = await createProgressStore({ path, now: fixedNow }).load();
    expect(progress).toEqual(emptyProgress());
    expect(notice).toBe(`Your progress file was unreadable; it was saved as ${path}${ASIDE_SUFFIX}; starting fresh.`);
    expect(await readFile(`${path}${ASIDE_SUFFIX}`, 'utf8')).toBe('{"schemaVersion": 1, "current": nul');
    expect(await readdir(dir)).toEqual([`progress.json${ASIDE_SUFFIX}`]);
  });

  it('sets valid JSON of the wrong shape aside', async () => {
    const path = join(dir, 'progress.json');
    await writeFile(path, JSON.stringify({ schemaVersion: 1, current: null, lessons: { x: { doneSteps: 'all' } } }));
    const { progress, notice } = await createProgressStore({ path, now: fixedNow }).load();
    expect(progress).toEqual(emptyProgress());
    expect(notice).toContain('unreadable');
    expect(await readdir(dir)).toEqual([`progress.json${ASIDE_SUFFIX}`]);
  });

  it.each([['null'], ['[]'], ['"text"'], ['{}']])('sets %s aside', async (text) => {
    const path = join(dir, 'progress.json');
    await writeFile(path, text);
    expect((await createProgressStore({ path, now: fixedNow }).load()).notice).toContain('saved as');
  });

  it('sets a file from a newer kubedojo aside and says so', async () => {
    const path = join(dir, 'progress.json');
    await writeFile(path, JSON.stringify({ schemaVersion: 2, current: null, lessons: {}, newThing: true }));
    const { progress, notice } = await createProgressStore({ path, now: fixedNow }).load();
    expect(progress).toEqual(emptyProgress());
    expect(notice).toBe(`Your progress file was written by a newer kubedojo (format 2); it was saved as ${path}${ASIDE_SUFFIX}; starting fresh.`);
  });

  it('reports a progress path it cannot read instead of crashing', async () => {
    const path = join(dir, 'progress.json');
    await mkdir(path); // a directory where the file should be
    const { progress, notice } = await createProgressStore({ path }).load();
    expect(progress).toEqual(emptyProgress());
    expect(notice).toContain('could not be read (EISDIR)');
  });

  it('rejects a save into an unwritable place with a ProgressSaveError', async () => {
    // A file where the directory should be fails even for root (tests may run as root, where
    // chmod 0500 would not stop the write).
    await writeFile(join(dir, 'not-a-dir'), '');
    const store = createProgressStore({ path: join(dir, 'not-a-dir', 'progress.json') });
    const saving = store.save(sampleProgress());
    await expect(saving).rejects.toBeInstanceOf(ProgressSaveError);
    await expect(saving).rejects.toThrow(/Could not save your progress to .*not-a-dir.*\((EEXIST|ENOTDIR)\)/);
    // A failed save does not block the next one.
    const elsewhere = createProgressStore({ path: join(dir, 'progress.json') });
    await expect(elsewhere.save(sampleProgress())).resolves.toBeUndefined();
  });

  it.skipIf(process.getuid?.() === 0)('rejects a save into a read-only directory', async () => {
    const readOnly = join(dir, 'ro');
    await mkdir(readOnly, { mode: 0o500 });
    await expect(createProgressStore({ path: join(readOnly, 'progress.json') }).save(emptyProgress())).rejects.toThrow(/EACCES/);
  });
});
