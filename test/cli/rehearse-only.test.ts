/** `kubedojo rehearse --only`: a part of a course, as CI runs the metered lessons on a slower sandbox. */
import { describe, expect, it } from 'vitest';
import { cliHome, kubedojo } from './support/cli.js';

const BROKEN = 'test/engine/rehearse/fixtures/broken-course/lessons';

describe('kubedojo rehearse --only', () => {
  it('rehearses only the named lessons of a course (the broken ones left out); exit 0', async () => {
    const { stdout, exitCode } = await kubedojo(cliHome(), ['rehearse', '--lessons', BROKEN, '--only', 'fine', '--speed', '50', '--timeout', '30s']);
    expect(stdout).toMatch(/Rehearsal passed — 1 lessons?, 1 steps?: 1 passed, 0 failed, 0 skipped in [\d.]+ s\./);
    expect(stdout).not.toContain('already-done');
    expect(exitCode).toBe(0);
  });

  it('says which lesson the course does not have; exit 1', async () => {
    const { stdout, exitCode } = await kubedojo(cliHome(), ['rehearse', '--lessons', BROKEN, '--only', 'fine,no-such-lesson', '--speed', '50']);
    expect(stdout).toContain(`no lesson no-such-lesson in`);
    expect(exitCode).toBe(1);
  });
});
