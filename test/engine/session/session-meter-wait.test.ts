/**
 * A step's `meter:` whose Service the step itself creates: the session's meter waits for the
 * Service (a notice says so, no panel) and starts on its own once the watched cluster shows it,
 * through the sandbox's NodePort; `t` (toggleMeter) then stops it, and while it waits `t` cancels.
 * A real TutorialSession on the sandbox, the real kubectl.
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCourse } from '../../../src/engine/lessons/index.js';
import type { TutorialSession } from '../../../src/engine/session/index.js';
import { kubectlHome, makeSession, waitForSnapshot } from './support.js';

const FIXTURE = resolve('test/engine/session/fixtures/meter-late-course');
const { course } = await loadCourse(resolve(FIXTURE, 'lessons'));
const env = kubectlHome();
const open: TutorialSession[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((session) => session.close()));
});

async function connected() {
  const test = makeSession(env, { course });
  open.push(test.session);
  await test.session.connect({ flags: { sandbox: true, speed: 5 } });
  await waitForSnapshot(test.session, (s) => s.cluster.connection.state === 'connected' && s.step !== undefined, 'connected', 60_000);
  return test;
}

const WAITING = 'The downtime meter starts once service shop exists.';

describe('the session meter and a Service the step creates', () => {
  it('waits for the Service, then meters it through the NodePort, and t stops it', async () => {
    const { session, kubectl } = await connected();
    const waiting = await waitForSnapshot(session, (s) => s.notices.some((n) => n.text === WAITING), 'the waiting notice', 60_000);
    expect(waiting.notices.map((n) => n.text)).not.toContainEqual(expect.stringMatching(/did not start/));
    expect(waiting.traffic).toBeUndefined();

    const applied = await kubectl(['apply', '-f', resolve(FIXTURE, 'assets', 'shop-service.yaml')]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const answering = (s: typeof waiting) => (s.traffic?.stats?.perSecond ?? []).filter((b) => b.answered > 0).length >= 3;
    const metering = await waitForSnapshot(session, (s) => s.traffic?.stats?.running === true && answering(s), 'the meter to run', 60_000);
    expect(metering.traffic?.describe).toMatch(/^requests from this machine to http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(metering.traffic?.stats?.service).toBe('shop');
    // It starts the moment the Service exists: a request may be refused before its endpoints are
    // programmed (as kube-proxy would), none once the shop answered.
    const seconds = metering.traffic!.stats!.perSecond;
    const first = seconds.findIndex((b) => b.answered > 0);
    expect(seconds.slice(first + 1).map((b) => b.failed)).toEqual(seconds.slice(first + 1).map(() => 0));
    expect(metering.traffic?.stats?.versions.map((v) => v.version)).toEqual(['v1']);

    await session.toggleMeter();
    await waitForSnapshot(session, (s) => s.traffic?.stats?.running !== true, 'the meter to stop');
  }, 120_000);

  it('t while it waits cancels the wait: the Service appearing later starts nothing', async () => {
    const { session, kubectl } = await connected();
    await waitForSnapshot(session, (s) => s.notices.some((n) => n.text === WAITING), 'the waiting notice', 60_000);
    await session.toggleMeter();
    const applied = await kubectl(['apply', '-f', resolve(FIXTURE, 'assets', 'shop-service.yaml')]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    // The check sees the Service (so the view has it too), and still no meter started.
    await waitForSnapshot(session, (s) => s.passed, 'the exists check', 30_000);
    expect(session.snapshot().traffic).toBeUndefined();
  }, 120_000);
});
