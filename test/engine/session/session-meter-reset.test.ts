/**
 * Resetting a metered lesson in the app (`r`): the start state is torn down and built again, and
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
});
