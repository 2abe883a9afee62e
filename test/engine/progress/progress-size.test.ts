/** Issue #7: a 27 MB progress file took 16.5 s and 3.7 GB to read. Now it is set aside, unread. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgressStore, MAX_PROGRESS_BYTES } from '../../../src/engine/progress/progress-file.js';
import { emptyProgress } from '../../../src/engine/progress/index.js';

describe('progress file: implausibly large', () => {
  it('a 27 MB file is set aside with a notice, quickly, and the learner starts fresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubedojo-progress-size-'));
    const path = join(dir, 'progress.json');
    // Valid JSON of the right shape, just huge: only its size gives it away.
    const huge = { schemaVersion: 1, current: { lessonId: null, stepId: null }, lessons: { x: { doneSteps: Array.from({ length: 1_500_000 }, (_, i) => `s${i}`), hintsRevealed: {}, remembered: {} } } };
    writeFileSync(path, JSON.stringify(huge));
    const store = createProgressStore({ path, now: () => new Date('2026-01-02T03:04:05.006Z') });
    const started = performance.now();
    const { progress, notice } = await store.load();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(progress).toEqual(emptyProgress());
    expect(notice).toMatch(/^Your progress file was implausibly large \(\d+\.\d MB; a real one is a few KB\); it was saved as .*progress\.json\.corrupt-2026-01-02T03-04-05-006Z; starting fresh\.$/);
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(`${path}.corrupt-2026-01-02T03-04-05-006Z`).length).toBeGreaterThan(MAX_PROGRESS_BYTES);
  });

  it('a file just under the limit is still read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubedojo-progress-size-'));
    const path = join(dir, 'progress.json');
    const text = JSON.stringify(emptyProgress());
    writeFileSync(path, text + ' '.repeat(MAX_PROGRESS_BYTES - text.length));
    expect((await createProgressStore({ path }).load()).notice).toBeUndefined();
  });
});
