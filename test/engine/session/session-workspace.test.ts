/**
 * A session on the real course and the real sandbox, at a lesson with a workspace: the files are
 * copied where the notice says, the learner's kubectl runs in that folder, and the app's own
 * `curl` leaves the step's last command alone.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TutorialSession } from '../../../src/engine/session/index.js';
import type { OutputLine } from '../../../src/engine/commands/index.js';
import { kubectlHome, makeSession, stepOf, waitForSnapshot } from './support.js';

const env = kubectlHome();
const open: TutorialSession[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((session) => session.close()));
});

describe('a lesson with a workspace', () => {
  it('copies its files, runs commands in their folder, and curl does not count as the last command', async () => {
    const workspaceRoot = mkdtempSync(join(tmpdir(), 'kubedojo-ws-'));
    const { session } = makeSession(env, { workspaceRoot });
    open.push(session);
    const lines: string[] = [];
    session.onOutput((line: OutputLine) => void lines.push(line.text));
    await session.connect({ flags: { sandbox: true, speed: 50 }, lessonId: 'manifests' });
    const dir = join(workspaceRoot, 'manifests');
    const opened = await waitForSnapshot(session, (s) => stepOf(s) === 'manifests/apply' && s.notices.some((n) => n.text.includes(dir)), 'manifests open', 120_000);
    expect(opened.notices.map((n) => n.text)).toContainEqual(expect.stringContaining(`(storefront.yaml, nginx-depl.yaml) are in ${dir}`));
    expect(readFileSync(join(dir, 'storefront.yaml'), 'utf8')).toContain('name: storefront');

    // A relative path: kubectl runs in the lesson's folder.
    expect(await session.run('kubectl apply -f storefront.yaml')).toMatchObject({ kind: 'ran', exitCode: 0 });
    expect(lines).toContain('deployment.apps/storefront created');
    await waitForSnapshot(session, (s) => s.passed, 'apply passed', 60_000);

    // Next step is a `ran` check; curl afterwards neither passes nor undoes it.
    await session.nextStep();
    expect(await session.run('kubectl get deployment storefront -o yaml')).toMatchObject({ kind: 'ran', exitCode: 0 });
    await waitForSnapshot(session, (s) => stepOf(s) === 'manifests/read-yaml' && s.passed, 'read-yaml passed');
    expect(await session.run('curl http://example.com/')).toMatchObject({ kind: 'ran', exitCode: 2 });
    expect(lines.at(-1)).toMatch(/^kubedojo: kubedojo's curl only reaches your own machine/);
    expect(session.snapshot().checks).toEqual([expect.objectContaining({ ok: true })]);
  }, 180_000);
});
