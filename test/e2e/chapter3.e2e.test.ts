/**
 * Chapter 3 in the BUILT app, in a real pseudo-terminal (tmux), on the sandbox: a learner walks
 * "Downtime you can see" (a rollout of the warm-up shop without a readiness probe) and "Graceful
 * shutdown" (a preStop sleep, then a release), each step passed by what the learner does at the
 * prompt and the quizzes answered with the keyboard.
 */
import { describe, expect, it } from 'vitest';
import { NODE, useBuiltApp, runAtPrompt as run, closeCard } from './support/built-app.js';
import { type Pane } from './support/tmux.js';

/**
 * Fast enough that a 4-replica warm-up rollout (~2 simulated minutes) takes seconds. Not faster:
 * the meter paces 20 requests per simulated second, so at ×20 it needs 400 a second of wall time,
 * and on a loaded CI machine it then fell to a quarter of that, too few for lesson 24's short
 * rollout window.
 */
const SPEED = 10;

const app = useBuiltApp();

/** Opens the app at `lesson` on a fresh sandbox and waits for its start state and first step. */
async function startAt(lesson: string, firstStep: string, speed = SPEED): Promise<Pane> {
  // Tall enough for five checks and the Traffic panel with its rollout timeline.
  const pane = await app.pane({ columns: 120, rows: 50 });
  await pane.waitFor('e2e$');
  await pane.send(`${NODE} ${pane.bin} start ${lesson} --sandbox --speed ${speed}; echo "EXIT:$?"`, 'Enter');
  await pane.waitFor((s) => s.includes('● connected') && s.includes(`${firstStep} · step 1/`) && s.includes('Caught up'), 60_000);
  // The lesson card opens first.
  await closeCard(pane);
  return pane;
}

const passed = (title: string) => (screen: string) => screen.includes(title) && screen.includes('step passed');

async function next(pane: Pane, title: string): Promise<void> {
  await pane.send('n');
  await pane.waitFor(`${title} · step`);
}

async function quit(pane: Pane): Promise<void> {
  await pane.send('q');
  await pane.waitFor('EXIT:0', 20_000);
}

describe('chapter 3 in a terminal', () => {
  it('downtime you can see: read the warming Pod, roll to v2 with no probe, answer why it failed', async () => {
    // ×2: without a probe the rollout is over in seconds, and the meter (on the app's main thread,
    // which re-renders on every Pod event of the rollout) must get requests into that window on a
    // busy machine: at ×5 and ×10 it sent only 1-3 in it (see the closing note of issue 13).
    const pane = await startAt('downtime-you-can-see', 'Ready, but not answering', 2);
    // Given the warm-up shop: four Pods "ready" at once, none with a readiness probe
    await pane.waitFor(/Pods · 4 in kubedojo/);

    // When Enter runs the suggested `kubectl logs deployment/shop`
    await pane.send('Enter');
    // Then the shop's own words are in the output, and the step passes
    // (the check and the output panel are separate renders: wait for both)
    const logs = await pane.waitFor((s) => passed('Ready, but not answering')(s) && s.includes('$ kubectl logs deployment/shop · exit 0'), 30_000);
    expect(logs).toContain('loading the catalogue (20 s)');

    // When v2 is rolled out with the suggested command
    await next(pane, 'Roll out v2 under traffic');
    await pane.send('Enter');
    const rolled = await pane.waitFor(passed('Roll out v2 under traffic'), 60_000);
    expect(rolled).toContain('deployment.apps/shop image updated');
    expect(rolled).toContain('✔ shop: revision 2 ran nginx:1.27');
    // Passed only once the rollout is over, not when the template changed (the old Pods were all ready)
    expect(rolled).toContain('✔ shop: rollout complete');
    expect(rolled).not.toMatch(/shop-\S+ +\S+ +Terminating/);
    // And the meter saw the downtime: requests failed during that rollout (the traffic check, and
    // the rollout's timeline in the Traffic panel)
    expect(rolled).toContain('Checks · 5/5');
    expect(rolled).toMatch(/Rollout of shop: [\d.]+ s, [1-9]\d* of \d+ requests failed/);

    // Then the quiz: choice 1 is the missing readiness probe
    await next(pane, 'Why did requests fail?');
    await pane.waitFor('? Every new Pod was Running and 1/1 READY');
    await pane.send('1');
    await pane.waitFor(passed('Why did requests fail?'));
    await quit(pane);
  }, 180_000);

  it('graceful shutdown: add the preStop sleep at the prompt, answer the clock quiz, release v2', async () => {
    const pane = await startAt('graceful-shutdown', 'Add a preStop sleep');

    // When the learner types the one-line patch instead of using the editor
    await run(pane, `kubectl patch deployment shop -p '{"spec":{"template":{"spec":{"terminationGracePeriodSeconds":30,"containers":[{"name":"shop","lifecycle":{"preStop":{"sleep":{"seconds":5}}}}]}}}}'`);
    // Then the rollout of the hook (four Pods, one at a time, each warming up) passes the step
    const hooked = await pane.waitFor(passed('Add a preStop sleep'), 90_000);
    expect(hooked).toContain('deployment.apps/shop patched');

    await next(pane, "The grace period's clock");
    await pane.send('1');
    await pane.waitFor(passed("The grace period's clock"));

    // When v2 is released with every old Pod draining through its preStop sleep
    await next(pane, 'Release v2 with zero failed requests');
    await pane.send('Enter');
    const released = await pane.waitFor(passed('Release v2 with zero failed requests'), 90_000);
    expect(released).toContain('✔ shop: revision 3 ran nginx:1.27');
    expect(released).toContain('✔ 4 Pods of shop ready');
    expect(released).toContain('✔ shop: rollout complete');
    // And the meter counted at least 200 requests during the release, not one of them failed
    expect(released).toContain('Checks · 5/5');
    expect(released).toContain('✔ rollout of shop under traffic to shop: 200+ requests, no');
    const zero = /Rollout of shop: [\d.]+ s, 0 of (\d+) requests failed/.exec(released);
    expect(zero, 'the rollout timeline with zero failures').not.toBeNull();
    expect(Number(zero![1])).toBeGreaterThanOrEqual(200);
    await quit(pane);
  }, 240_000);
});
