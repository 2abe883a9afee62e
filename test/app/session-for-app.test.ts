/**
 * What the app and the CLI added to the session API (src/engine/session, session-api.ts): open a
 * lesson on connect (`kubedojo start`), reset a named lesson (`kubedojo reset <lesson>`), and the
 * app's own notices. On the sandbox (speed 50) with the real kubectl.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TutorialSession } from '../../src/engine/session/index.js';
import { kubectlHome, makeSession, stepOf, waitForSnapshot } from '../engine/session/support.js';

const env = kubectlHome();
const open: TutorialSession[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((session) => session.close()));
});

function session() {
  const test = makeSession(env);
  open.push(test.session);
  return test;
}

describe('the session, as the app uses it', () => {
  it('connect({ lessonId }) opens that lesson by catch-up when the lessons before it are not done', async () => {
    const { session: tutorial, kubectl } = session();
    await tutorial.connect({ flags: { sandbox: true, speed: 50 }, lessonId: 'edit-the-blueprint' });
    const snapshot = await waitForSnapshot(tutorial, (s) => stepOf(s) === 'edit-the-blueprint/pin-image' && s.busy === undefined, 'lesson 3');
    expect(snapshot.notices.map((notice) => notice.text)).toContainEqual(expect.stringContaining('Caught up: built the start state of “Edit the blueprint”'));
    // Its start state is there.
    expect((await kubectl(['get', 'deployment', 'nginx-depl', '-o', 'name'])).stdout).toBe('deployment.apps/nginx-depl');
  });

  it('resetLesson(id) resets that lesson, not the current one, and opens it', async () => {
    const { session: tutorial } = session();
    await tutorial.connect({ flags: { sandbox: true, speed: 50 } });
    expect(stepOf(tutorial.snapshot())).toBe('your-cluster/start');
    await tutorial.resetLesson('first-deployment');
    const snapshot = tutorial.snapshot();
    expect(stepOf(snapshot)).toBe('first-deployment/create');
    expect(snapshot.notices.at(-1)?.text).toBe('“Your first Deployment” is back at its start state.');

    await tutorial.resetLesson('no-such-lesson');
    expect(tutorial.snapshot().notices.at(-1)).toMatchObject({ level: 'error', text: 'There is no lesson “no-such-lesson” with steps.' });
  });

  it('notify adds the app’s notices to the snapshot', async () => {
    const { session: tutorial } = session();
    tutorial.notify('info', 'Sandbox started 09:05:07 at https://127.0.0.1:41234');
    expect(tutorial.snapshot().notices.at(-1)).toMatchObject({ level: 'info', text: 'Sandbox started 09:05:07 at https://127.0.0.1:41234' });
  });
});
