/**
 * The session follows the cluster: a step passes the moment the cluster matches, whoever made
 * the change (here a separate kubectl process, like a second terminal); the Pods panel follows a
 * scale-up; progress is saved; reset and catch-up build a lesson's start state.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProgressStore } from '../../../src/engine/progress/index.js';
import type { TutorialSession } from '../../../src/engine/session/index.js';
import { kubectlHome, makeSession, stepOf, waitForSnapshot, type TestSession } from './support.js';

const env = kubectlHome();

const NGINX_WITH_PRESTOP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-depl
  labels: { app: nginx-depl }
spec:
  replicas: 1
  selector:
    matchLabels: { app: nginx-depl }
  template:
    metadata:
      labels: { app: nginx-depl }
    spec:
      terminationGracePeriodSeconds: 60
      containers:
        - name: nginx
          image: nginx
          lifecycle:
            preStop:
              sleep: { seconds: 30 }
`;
const open: TutorialSession[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((session) => session.close()));
});

async function connected(options: Parameters<typeof makeSession>[1] = {}): Promise<TestSession> {
  const test = makeSession(env, options);
  open.push(test.session);
  await test.session.connect({ flags: { sandbox: true, speed: 50 } });
  await waitForSnapshot(test.session, (s) => s.cluster.connection.state === 'connected' && s.step !== undefined, 'connected');
  return test;
}

/** Opens lesson 2 by catch-up (lesson 1 is not done): an empty namespace. */
async function atFirstDeployment(test: TestSession): Promise<void> {
  await test.session.chooseLesson('first-deployment');
  await waitForSnapshot(test.session, (s) => stepOf(s) === 'first-deployment/create' && s.busy === undefined && s.checks.every((c) => c.message !== 'waiting for the cluster'), 'lesson 2');
}

describe('TutorialSession following the cluster', () => {
  it('passes a step the moment a separate kubectl process makes the cluster match, and saves it', async () => {
    const test = await connected();
    const { session } = test;
    await atFirstDeployment(test);
    const before = session.snapshot();
    expect(before.notices.at(-1)!.text).toMatch(/^Caught up: built the start state of “Your first Deployment”/);
    expect(before.passed).toBe(false);
    expect(before.checks.map((check) => check.message)).toEqual([
      'deployment nginx-depl: not found, want it to exist',
      'deployment nginx-depl: not found',
      'deployment nginx-depl: not found',
    ]);

    // Another terminal: the session learns about it only through its informers.
    expect((await test.kubectl(['create', 'deployment', 'nginx-depl', '--image=nginx'])).exitCode).toBe(0);
    const passed = await waitForSnapshot(session, (s) => s.passed, 'the step to pass');
    expect(passed.checks.every((check) => check.ok)).toBe(true);
    expect(passed.checks.at(-1)!.message).toBe('deployment nginx-depl: 1/1 Pods ready');
    expect(passed.step!.done).toBe(true);
    expect(passed.lastCommand).toBeUndefined();

    await session.close();
    const saved = JSON.parse(await readFile(test.store.path, 'utf8'));
    expect(saved.current).toEqual({ lessonId: 'first-deployment', stepId: 'create' });
    expect(saved.lessons['first-deployment'].doneSteps).toEqual(['create']);
  });

  it('shows the Pods panel following a scale-up', async () => {
    const test = await connected();
    await atFirstDeployment(test);
    expect(test.session.snapshot().pods).toEqual([]);
    // `kubectl create deployment nginx-depl --image=nginx`, with a preStop sleep: a scaled-down Pod
    // stays Terminating for 30 simulated seconds (0.6 s at ×50), long enough for a snapshot of its
    // own on a loaded machine (nginx alone stops within a frame, and its Pod then shows Completed).
    const manifest = join(await mkdtemp(join(tmpdir(), 'kubedojo-session-')), 'nginx-depl.yaml');
    await writeFile(manifest, NGINX_WITH_PRESTOP);
    await test.session.run(`kubectl apply -f ${manifest}`);
    await waitForSnapshot(test.session, (s) => s.pods.length === 1 && s.pods[0]!.status === 'Running', 'one Pod');

    await test.session.run('kubectl scale deployment nginx-depl --replicas=3');
    const scaled = await waitForSnapshot(test.session, (s) => s.pods.length === 3 && s.pods.every((pod) => pod.status === 'Running'), 'three Running Pods');
    for (const pod of scaled.pods) {
      expect(pod).toMatchObject({ name: expect.stringMatching(/^nginx-depl-[a-z0-9]+-[a-z0-9]{5}$/), ready: '1/1', restarts: 0 });
      expect(Date.parse(pod.createdAt!)).toBeGreaterThan(Date.now() - 60_000);
    }
    // Pods come from the informer, so they appear before they are ready, as in `kubectl get pods -w`.
    const seen = new Set<string>();
    const unsubscribe = test.session.subscribe((s) => s.pods.forEach((pod) => seen.add(pod.status)));
    await test.session.run('kubectl scale deployment nginx-depl --replicas=1');
    await waitForSnapshot(test.session, (s) => s.pods.length === 1, 'back to one Pod');
    unsubscribe();
    expect(seen).toContain('Terminating');
  });

  it('keeps progress across sessions, and reports a corrupt progress file', async () => {
    const first = await connected();
    await first.session.run('kubectl cluster-info');
    await waitForSnapshot(first.session, (s) => s.passed, 'step 1');
    await first.session.nextStep();
    first.session.revealHint();
    await first.session.close();

    const second = await connected({ progressStore: createProgressStore({ path: first.store.path }) });
    const resumed = second.session.snapshot();
    expect(stepOf(resumed)).toBe('your-cluster/nodes');
    expect(resumed.step!.hintsRevealed).toBe(1);
    expect(resumed.lessons[0]).toMatchObject({ id: 'your-cluster', stepsDone: 1, stepsTotal: 6, done: false });
    await second.session.close();

    await import('node:fs/promises').then((fs) => fs.writeFile(first.store.path, '{ not json'));
    const third = await connected({ progressStore: createProgressStore({ path: first.store.path }) });
    expect(stepOf(third.session.snapshot())).toBe('your-cluster/start');
    expect(third.session.snapshot().notices.map((notice) => notice.text)).toContainEqual(expect.stringMatching(/^Your progress file was unreadable; it was saved as .*\.corrupt-/));
  });

  it('reset puts the lesson back at its start state and forgets its progress', async () => {
    const test = await connected();
    const { session } = test;
    // Lesson 3 by catch-up: nginx-depl from assets/, rolled out.
    await session.chooseLesson('edit-the-blueprint');
    const opened = await waitForSnapshot(session, (s) => stepOf(s) === 'edit-the-blueprint/pin-image' && s.busy === undefined && s.checks[2]?.message !== 'waiting for the cluster', 'lesson 3');
    expect(opened.checks.map((check) => check.message)).toEqual([
      'deployment nginx-depl: image is nginx, want nginx:1.25',
      'deployment nginx-depl: 1 revision, want at least 2',
      expect.stringMatching(/^pod nginx-depl-[a-z0-9]+-[a-z0-9]{5}: still running, want it replaced/),
      'deployment nginx-depl: 1/1 Pods ready',
    ]);
    const rememberedPod = /^pod (\S+):/.exec(opened.checks[2]!.message)![1];

    // The learner solves the step and makes a mess besides.
    await session.run('kubectl set image deployment/nginx-depl nginx=nginx:1.25');
    await test.kubectl(['create', 'deployment', 'stray', '--image=nginx']);
    await waitForSnapshot(session, (s) => s.passed, 'the pinned image');
    await waitForSnapshot(session, (s) => s.pods.some((pod) => pod.name.startsWith('stray-')), 'the stray Pod');

    await session.resetLesson();
    const reset = await waitForSnapshot(session, (s) => s.busy === undefined && !s.passed && s.checks[2]?.message !== 'waiting for the cluster', 'the reset');
    expect(stepOf(reset)).toBe('edit-the-blueprint/pin-image');
    expect(reset.step!.done).toBe(false);
    expect(reset.lessons[2]).toMatchObject({ stepsDone: 0 });
    expect(reset.notices.at(-1)!.text).toBe('“Edit the blueprint” is back at its start state.');
    expect(reset.checks[0]!.message).toBe('deployment nginx-depl: image is nginx, want nginx:1.25');
    expect(reset.checks[1]!.message).toBe('deployment nginx-depl: 1 revision, want at least 2');
    // A new Pod was remembered: the old one went with the old Deployment.
    expect(reset.checks[2]!.message).not.toContain(rememberedPod);
    expect((await test.kubectl(['get', 'deployments', '-o', 'name'])).stdout).toBe('deployment.apps/nginx-depl');
    await waitForSnapshot(session, (s) => s.pods.length === 1 && s.pods[0]!.name.startsWith('nginx-depl-'), 'only the start state\'s Pod');
  });
});
