/**
 * `kubedojo summary` as a process, from the progress file of its own HOME: the closing summary
 * of a finished course (text and JSON), a course still open, and a bad --output.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/engine/lessons/index.js';
import { finishedProgress } from '../engine/summary/finished-progress.js';
import { cliHome, kubedojo, writeProgress } from './support/cli.js';

const { course } = await loadCourse('lessons');

describe('kubedojo summary', () => {
  it('prints what the learner did: lessons, steps and hints, time, every metered rollout', async () => {
    const home = cliHome();
    writeProgress(home, finishedProgress(course));
    const { stdout, stderr, exitCode } = await kubedojo(home, ['summary']);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    const lessons = course.lessons.length;
    expect(stdout.split('\n')).toEqual([
      `Course complete: ${lessons - 1} of ${lessons} lessons done, 1 finished with skipped steps.`,
      expect.stringMatching(/^Steps: \d+ of \d+ passed, 1 skipped; 6 hints used\.$/),
      'Time: 3 h 27 min, from the first lesson opened to the last one finished.',
      'The downtime meter watched 5 rollouts whole: 4 with zero failed requests; 22 of 9812 requests failed in all.',
      '  ✖ shop, revision 2 in “downtime-you-can-see”: 22 of 72 requests failed over 4 s, the longest gap 3.5 s',
      '  ✔ shop, revision 3 in “graceful-shutdown”: 0 of 1948 requests failed over 1 min 37 s',
      '  ✔ shop, revision 3 in “black-friday”: 0 of 2604 requests failed over 2 min 10 s',
      '  ✔ shop, revision 4 in “black-friday”: 0 of 2577 requests failed over 2 min 9 s',
      '  ✔ shop, revision 5 in “black-friday”: 0 of 2611 requests failed over 2 min 11 s',
    ]);

    const json = JSON.parse((await kubedojo(home, ['summary', '-o', 'json'])).stdout);
    expect(json).toMatchObject({ progressFile: home.progressPath, complete: true, lessonsTotal: lessons, hintsUsed: 6, elapsedMs: 207 * 60_000, rollouts: { zeroFailure: 4 } });
    expect(json.rollouts.all).toHaveLength(5);
  });

  it('says the course is still open, where progress is kept, when nothing is done yet', async () => {
    const home = cliHome();
    const { stdout, exitCode } = await kubedojo(home, ['summary']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain(`0 of ${course.lessons.length} lessons finished so far.`);
    expect(stdout).toContain('The downtime meter recorded no whole rollout.');
    expect(stdout).toContain(`The course is not finished yet: \`kubedojo list\` shows what is open. Progress is saved in ${home.progressPath}`);
  });

  it('refuses an unknown --output with a one-line error', async () => {
    const { stderr, exitCode } = await kubedojo(cliHome(), ['summary', '-o', 'yaml']);
    expect(exitCode).not.toBe(0);
    expect(stderr.trim()).toBe('kubedojo summary: --output must be text or json, not "yaml"');
  });
});
