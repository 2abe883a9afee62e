import { describe, expect, it } from 'vitest';
import { boardReducer, boardRows, boardSummary, initialBoardState, type BoardState } from '../../src/workshop/board/board-state.js';
import { toConfigMapData, HAND_CLEARED_KEY } from '../../src/workshop/mirror/learner-record.js';
import { initialTrackState, trackRecord } from '../../src/workshop/mirror/track-record.js';
import { snapshotAt, type At } from './snapshot-fixture.js';

const T0 = Date.parse('2026-12-07T10:00:00Z');

function data(at: At, t = T0, extra: { hand?: number } = {}): Record<string, string> {
  let state = trackRecord(initialTrackState(t), { type: 'snapshot', snapshot: snapshotAt(at), now: t });
  if (extra.hand !== undefined) state = trackRecord(state, { type: 'raise-hand', now: extra.hand });
  return toConfigMapData(state.record);
}

function room(now: number): BoardState {
  let state = initialBoardState(now);
  state = boardReducer(state, { type: 'upsert', namespace: 'kubedojo-cleo', data: data({ lesson: 1, step: 0, stepsDone: [3, 0] }, T0) });
  state = boardReducer(state, { type: 'upsert', namespace: 'kubedojo-ana', data: data({ lesson: 0, step: 1, stepsDone: [1, 0], failing: '1/2 Pods ready' }, T0 + 60_000) });
  state = boardReducer(state, { type: 'upsert', namespace: 'kubedojo-ben', data: data({ lesson: 0, step: 2, stepsDone: [2, 0] }, T0 + 120_000, { hand: T0 + 130_000 }) });
  return state;
}

describe('the board state', () => {
  it('one row per learner with where they are, time on step and a stuck flag after N idle minutes', () => {
    const rows = boardRows(room(T0 + 6 * 60_000));
    expect(rows.map((r) => [r.learner, r.lessonNumber, r.stepNumber, r.stepsDone, r.onStepMs, r.stuck])).toEqual([
      ['ana', 1, 2, 1, 5 * 60_000, true],
      ['ben', 1, 3, 2, 4 * 60_000, false],
      ['cleo', 2, 1, 3, 6 * 60_000, true],
    ]);
    expect(rows[0]).toMatchObject({ failing: 'Pods ready: 1/2 Pods ready', stuckReason: 'no progress for 5m00s' });
  });

  it('repeated failing commands make a learner stuck at once', () => {
    let state = initialBoardState(T0);
    const fail = { argv: ['kubectl', 'get', 'pod'], exitCode: 1 };
    let track = initialTrackState(T0);
    for (let i = 0; i < 3; i += 1) track = trackRecord(track, { type: 'snapshot', snapshot: snapshotAt({ lastCommand: { ...fail } }), now: T0 + i });
    state = boardReducer(state, { type: 'upsert', namespace: 'kubedojo-ana', data: toConfigMapData(track.record) });
    expect(boardRows(state)[0]).toMatchObject({ stuck: true, stuckReason: '3 failing commands', lastCommand: 'kubectl get pod', lastExitCode: 1 });
  });

  it('shows a raised hand until the instructor clears it', () => {
    let state = room(T0 + 3 * 60_000);
    expect(boardRows(state).find((r) => r.learner === 'ben')?.handUp).toBe(true);
    const cleared = { ...data({ lesson: 0, step: 2, stepsDone: [2, 0] }, T0 + 120_000, { hand: T0 + 130_000 }), [HAND_CLEARED_KEY]: new Date(T0 + 140_000).toISOString() };
    state = boardReducer(state, { type: 'upsert', namespace: 'kubedojo-ben', data: cleared });
    expect(boardRows(state).find((r) => r.learner === 'ben')?.handUp).toBe(false);
  });

  it('sorts and filters; the cursor stays on a row', () => {
    let state = room(T0 + 3 * 60_000);
    state = boardReducer(state, { type: 'move', by: 5 });
    expect(state.cursor).toBe(2);
    state = boardReducer(state, { type: 'cycle-sort' });
    expect([state.sort, boardRows(state).map((r) => r.learner)]).toEqual(['progress', ['cleo', 'ben', 'ana']]);
    state = boardReducer(state, { type: 'cycle-sort' });
    expect([state.sort, boardRows(state).map((r) => r.learner)]).toEqual(['stuck', ['ben', 'cleo', 'ana']]);
    state = boardReducer(state, { type: 'cycle-filter' });
    expect([state.filter, boardRows(state).map((r) => r.learner)]).toEqual(['stuck', []]);
    state = boardReducer(state, { type: 'cycle-filter' });
    expect([state.filter, boardRows(state).map((r) => r.learner)]).toEqual(['hands', ['ben']]);
  });

  it('summarises the room by lesson, and a full list replaces what was there', () => {
    let state = room(T0);
    expect(boardSummary(state)).toMatchObject({ learners: 3, hands: 1, lessons: [{ lessonNumber: 1, count: 2 }, { lessonNumber: 2, count: 1 }] });
    state = boardReducer(state, { type: 'replace', items: [{ namespace: 'kubedojo-ana', data: data({}) }, { namespace: 'kubedojo-x', data: { version: '9' } }] });
    expect(boardRows(state).map((r) => [r.learner, r.problem])).toEqual([['ana', undefined], ['x', expect.stringContaining('version')]]);
  });
});
