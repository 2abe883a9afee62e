/**
 * When the app trims its memory (src/app/idle-trim.ts): once a moment after connecting, again after
 * a command only when the RSS grew by a burst, never while a command runs or before connecting.
 */
import { describe, expect, it } from 'vitest';
import { createIdleTrim, TRIM_DELAY_MS, TRIM_GROWTH_BYTES, type IdleTrimDeps } from '../../src/app/idle-trim.js';
import type { TutorialSnapshot } from '../../src/engine/session/snapshot.js';

type Snap = Pick<TutorialSnapshot, 'cluster' | 'running'>;
const cluster = (state: 'connecting' | 'connected'): Snap['cluster'] => ({ sandbox: false, namespace: 'kubedojo', connection: { state } });
const connecting: Snap = { cluster: cluster('connecting') };
const idle: Snap = { cluster: cluster('connected') };
const running: Snap = { cluster: cluster('connected'), running: { argv: ['kubectl', 'get', 'pods', '-o', 'yaml'], mode: 'ordinary' } };

/** Hand-driven timers and RSS: what the trim decides, step by step. */
function harness(withGc = true) {
  let now = 0;
  let rss = 150 * 1024 * 1024;
  const timers = new Map<number, { at: number; run: () => void }>();
  let nextId = 1;
  const gcs: number[] = [];
  const deps: IdleTrimDeps = {
    gc: withGc
      ? () => {
          gcs.push(now);
          rss -= 30 * 1024 * 1024;
        }
      : undefined,
    rss: () => rss,
    setTimer: (run, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, run });
      return { id } as unknown as { unref?: () => void };
    },
    clearTimer: (timer) => void timers.delete((timer as unknown as { id: number }).id),
  };
  const trim = createIdleTrim(deps);
  return {
    trim,
    gcs,
    timers,
    grow: (bytes: number) => void (rss += bytes),
    advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at > now) continue;
        timers.delete(id);
        timer.run();
      }
    },
  };
}

describe('idle trim', () => {
  it('trims once, a moment after the session connects', () => {
    const h = harness();
    h.trim.observe(connecting);
    h.advance(10_000);
    expect(h.gcs).toEqual([]);
    h.trim.observe(idle);
    h.advance(TRIM_DELAY_MS - 1);
    expect(h.gcs).toEqual([]);
    h.advance(1);
    expect(h.gcs).toEqual([10_000 + TRIM_DELAY_MS]);
    // Snapshots keep coming while connected and idle (watch events): no second trim.
    for (let i = 0; i < 5; i++) {
      h.trim.observe(idle);
      h.advance(TRIM_DELAY_MS);
    }
    expect(h.trim.trims).toBe(1);
  });

  it('does not trim when a command starts before the moment has passed', () => {
    const h = harness();
    h.trim.observe(idle);
    h.advance(TRIM_DELAY_MS / 2);
    h.trim.observe(running);
    h.advance(TRIM_DELAY_MS * 4);
    expect(h.gcs).toEqual([]);
  });

  it('after a command, trims only when the RSS grew by a burst since the last trim', () => {
    const h = harness();
    h.trim.observe(idle);
    h.advance(TRIM_DELAY_MS);
    expect(h.trim.trims).toBe(1);

    h.trim.observe(running);
    h.grow(TRIM_GROWTH_BYTES - 1);
    h.trim.observe(idle);
    h.advance(TRIM_DELAY_MS);
    expect(h.trim.trims).toBe(1);

    h.trim.observe(running);
    h.grow(2);
    h.trim.observe(idle);
    h.advance(TRIM_DELAY_MS);
    expect(h.trim.trims).toBe(2);
  });

  it('arms nothing when V8 gives no memory-reducing GC, and stop() cancels a pending trim', () => {
    const none = harness(false);
    none.trim.observe(idle);
    expect(none.timers.size).toBe(0);

    const h = harness();
    h.trim.observe(idle);
    h.trim.stop();
    h.advance(TRIM_DELAY_MS * 2);
    expect(h.gcs).toEqual([]);
  });
});
