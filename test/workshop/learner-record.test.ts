import { describe, expect, it } from 'vitest';
import { fromConfigMapData, handUp, HAND_CLEARED_KEY, toConfigMapData } from '../../src/workshop/mirror/learner-record.js';
import { initialTrackState, mergePassed, trackRecord, type TrackState } from '../../src/workshop/mirror/track-record.js';
import { snapshotAt, type At } from './snapshot-fixture.js';

const T0 = Date.parse('2026-12-07T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function feed(steps: Array<[number, At]>): TrackState {
  return steps.reduce((state, [t, at]) => trackRecord(state, { type: 'snapshot', snapshot: snapshotAt(at), now: t }), initialTrackState(T0));
}

describe('the learner record', () => {
  it('says where the learner is and since when', () => {
    const { record } = feed([[T0, { lesson: 1, step: 1, failing: '1/3 Pods ready', stepsDone: [3, 1] }]]);
    expect(record).toMatchObject({
      lessonId: 'rolling-updates',
      lessonNumber: 2,
      lessonCount: 2,
      stepId: 'step-2',
      stepNumber: 2,
      stepCount: 2,
      stepsDone: 4,
      stepsTotal: 5,
      failing: 'Pods ready: 1/3 Pods ready',
      stepSince: iso(T0),
    });
  });

  it('records a pass with its time once, and not for a step opened already done', () => {
    const state = feed([
      [T0, { step: 0 }],
      [T0 + 5000, { step: 0, done: true }],
      [T0 + 6000, { step: 0, done: true }],
      [T0 + 7000, { step: 1, done: true }],
    ]);
    expect(state.record.passed).toEqual([{ lesson: 'first-deployment', step: 'step-1', at: iso(T0 + 5000) }]);
    expect(state.record.stepSince).toBe(iso(T0 + 7000));
  });

  it('counts failing commands in a row, resets on success and on a new step', () => {
    const fail = () => ({ argv: ['kubectl', 'get', 'pod'], exitCode: 1 });
    let state = feed([[T0, { lastCommand: fail() }], [T0 + 1, { lastCommand: fail() }]]);
    expect(state.record.failedCommands).toBe(2);
    expect(state.record.lastCommand).toBe('kubectl get pod');
    expect(state.record.lastExitCode).toBe(1);
    // The same snapshot object again is not a new command.
    const same = snapshotAt({ lastCommand: fail() });
    state = trackRecord(state, { type: 'snapshot', snapshot: same, now: T0 + 2 });
    state = trackRecord(state, { type: 'snapshot', snapshot: same, now: T0 + 3 });
    expect(state.record.failedCommands).toBe(3);
    expect(state.record.lastActivity).toBe(iso(T0 + 2));
    state = trackRecord(state, { type: 'snapshot', snapshot: snapshotAt({ step: 1 }), now: T0 + 4 });
    expect(state.record.failedCommands).toBe(0);
  });

  it('raises a hand; the instructor clearing it later lowers it, a new raise brings it back', () => {
    const state = trackRecord(feed([[T0, {}]]), { type: 'raise-hand', now: T0 + 1000 });
    expect(state.record.handRaisedAt).toBe(iso(T0 + 1000));
    expect(handUp(state.record, undefined)).toBe(true);
    expect(handUp(state.record, iso(T0 + 2000))).toBe(false);
    expect(handUp({ handRaisedAt: iso(T0 + 3000) }, iso(T0 + 2000))).toBe(true);
  });

  it('round-trips through ConfigMap data, and an absent value is an empty string', () => {
    const { record } = trackRecord(feed([[T0, { failing: 'no Pods yet', lastCommand: { argv: ['kubectl', 'get', 'pods'], exitCode: 0 } }]]), { type: 'raise-hand', now: T0 + 1 });
    const data = toConfigMapData(record);
    expect(Object.values(data).every((value) => typeof value === 'string')).toBe(true);
    const back = fromConfigMapData({ ...data, [HAND_CLEARED_KEY]: iso(T0 + 5) });
    expect(back).toEqual({ ok: true, record, handClearedAt: iso(T0 + 5) });
    const passed = toConfigMapData(feed([[T0, { step: 1 }]]).record);
    expect(passed.failing).toBe('');
  });

  it('says what is wrong with data it cannot read', () => {
    expect(fromConfigMapData(undefined)).toMatchObject({ ok: false });
    expect(fromConfigMapData({ version: '2', lastActivity: 'x' })).toMatchObject({ ok: false, reason: expect.stringContaining('version') });
    const good = toConfigMapData(feed([[T0, {}]]).record);
    expect(fromConfigMapData({ ...good, passed: '{' })).toEqual({ ok: false, reason: 'passed: passed is not a list of passed steps' });
  });

  it('merges passed steps: a known time beats none, the earlier time wins', () => {
    expect(
      mergePassed(
        [{ lesson: 'a', step: '1' }, { lesson: 'a', step: '2', at: iso(T0 + 2) }],
        [{ lesson: 'a', step: '1', at: iso(T0 + 1) }, { lesson: 'a', step: '2', at: iso(T0 + 1) }],
      ),
    ).toEqual([{ lesson: 'a', step: '1', at: iso(T0 + 1) }, { lesson: 'a', step: '2', at: iso(T0 + 1) }]);
  });
});
