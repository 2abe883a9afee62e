/**
 * The app's downtime meter and the progress file. Resetting a metered lesson (`r`): the start state is torn down and built again, and
 * the rebuilt Service is a new object with a new NodePort. The meter must start over on it with
 * a clean record. It used to keep running through the reset on the old NodePort, so every request
 * failed from then on ("100% failed" right after the lesson starts again).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TutorialSession, TutorialSnapshot } from '../../../src/engine/session/index.js';
import { kubectlHome, makeSession, stepOf, waitForSnapshot } from './support.js';

const env = kubectlHome();
const open: TutorialSession[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((session) => session.close()));
});

const answered = (s: TutorialSnapshot) => (s.traffic?.stats === undefined ? 0 : s.traffic.stats.total - s.traffic.stats.failed);

describe('the downtime meter across a lesson reset', () => {
  it('starts again on the rebuilt Service, forgetting what it counted before', async () => {
    const test = makeSession(env);
    open.push(test.session);
    const { session } = test;
    // ×10: the shop's 20 s warm-up is 2 s of wall time; the meter measures latency, so not faster.
    await session.connect({ flags: { sandbox: true, speed: 10 }, lessonId: 'downtime-you-can-see' });
    const nodePort = async () => (await test.kubectl(['get', 'service', 'shop', '-o', 'jsonpath={.spec.ports[0].nodePort}'])).stdout;

    // Given the lesson's first step metering the shop, the shop answering
    const before = await waitForSnapshot(session, (s) => stepOf(s) === 'downtime-you-can-see/ready-too-soon' && answered(s) >= 20, 'the shop answering the meter', 60_000);
    const firstPort = await nodePort();
    expect(before.traffic?.describe).toContain(`127.0.0.1:${firstPort}/`);
    const countedBefore = before.traffic!.stats!.total;

    // When the learner resets the lesson
    await session.resetLesson();
    const secondPort = await nodePort();
    expect(secondPort).toMatch(/^\d+$/);

    // Then the meter sends to the rebuilt Service's NodePort, and its record started at the reset
    const restarted = await waitForSnapshot(session, (s) => s.busy === undefined && s.traffic?.describe?.includes(`127.0.0.1:${secondPort}/`) === true, 'the meter on the new NodePort', 20_000);
    expect(restarted.traffic!.stats!.total).toBeLessThan(countedBefore);
    const after = await waitForSnapshot(session, (s) => answered(s) >= 20, 'the rebuilt shop answering the meter', 60_000);
    // Not one request of the teardown (the old Pods and Service going away) is in the new record.
    expect(after.traffic!.stats!.failed).toBeLessThan(after.traffic!.stats!.total);
    expect(after.traffic?.describe).toContain(`127.0.0.1:${secondPort}/`);
  }, 150_000);

  it('records the metered rollout and the lesson\'s finish in the progress file, for the course summary', async () => {
    const test = makeSession(env);
    open.push(test.session);
    const { session, store } = test;
    await session.connect({ flags: { sandbox: true, speed: 10 }, lessonId: 'downtime-you-can-see' });
    await waitForSnapshot(session, (s) => stepOf(s) === 'downtime-you-can-see/ready-too-soon' && answered(s) >= 20, 'the shop answering the meter', 60_000);
    expect(session.snapshot().summary).toBeUndefined();

    // When the learner passes the lesson's steps: the log, the metered rollout to v2, the quiz
    await session.run('kubectl logs deployment/shop');
    await waitForSnapshot(session, (s) => s.passed, 'the logs step', 30_000);
    expect(await session.nextStep()).toBe(true);
    await session.run('kubectl set image deployment/shop shop=nginx:1.27');
    await waitForSnapshot(session, (s) => stepOf(s) === 'downtime-you-can-see/roll-v2' && s.passed, 'the metered rollout to v2', 90_000);
    expect(await session.nextStep()).toBe(true);
    session.answerQuiz(0);
    await waitForSnapshot(session, (s) => s.passed, 'the quiz', 10_000);

    // Then the progress file holds the rollout the meter watched whole (recorded once the requests
    // sent during it have all ended), with its failures, and when the lesson was finished
    const deadline = Date.now() + 15_000;
    while (((await store.load()).progress.rollouts ?? []).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    await session.close();
    const { progress } = await store.load();
    expect(progress.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(Date.parse(progress.lessons['downtime-you-can-see']!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(progress.startedAt!));
    const rollouts = progress.rollouts ?? [];
    console.info(`session meter, lesson 24's rollout at ×10: ${JSON.stringify(rollouts[0])}`);
    expect(rollouts).toHaveLength(1);
    expect(rollouts[0]).toMatchObject({ lessonId: 'downtime-you-can-see', deployment: 'shop', service: 'shop', revision: 2 });
    expect(rollouts[0]!.failed).toBeGreaterThan(0);
    expect(rollouts[0]!.requests).toBeGreaterThanOrEqual(rollouts[0]!.failed);
  }, 200_000);
});
