import { describe, expect, it } from 'vitest';
import { createViewState, viewReducer, reduceAll, SCROLL_END, type ViewState } from '../../src/ui/index.js';
import { promptReducer, EMPTY_PROMPT } from '../../src/ui/components/prompt/prompt-state.js';
import { modalReducer, cardModal, confirmModal } from '../../src/ui/components/modals/modal-state.js';

describe('viewReducer', () => {
  it('clears the output and marks the run when a command starts, and records how it ended', () => {
    let state = viewReducer(createViewState(), { type: 'output', lines: [{ stream: 'stdout', text: 'old' }] });
    state = viewReducer(state, { type: 'command-started', command: 'kubectl get pods' });
    expect(state.output.lines).toEqual([]);
    expect(state.run).toEqual({ phase: 'running', command: 'kubectl get pods' });
    state = viewReducer(state, { type: 'stop-requested' });
    expect(state.run.phase).toBe('stopping');
    state = viewReducer(state, { type: 'command-exited', exitCode: null, signal: 'SIGINT' });
    expect(state.run).toEqual({ phase: 'exited', command: 'kubectl get pods', exitCode: null, signal: 'SIGINT' });
  });

  it('reveals hints one at a time, never beyond the total, following the end of the text', () => {
    let state = createViewState({ stepKey: 'a' });
    state = viewReducer(state, { type: 'reveal-hint', total: 2 });
    expect(state.step.revealedHints).toBe(1);
    expect(state.step.scroll).toBe(SCROLL_END);
    state = reduceAll(state, [
      { type: 'reveal-hint', total: 2 },
      { type: 'reveal-hint', total: 2 },
    ]);
    expect(state.step.revealedHints).toBe(2);
  });

  it('starts a fresh step when the step id changes, and drops its pending confirm dialog', () => {
    let state = reduceAll(createViewState({ stepKey: 'a' }), [
      { type: 'reveal-hint', total: 3 },
      { type: 'show-solution' },
      { type: 'open-modal', modal: { kind: 'help', scroll: 0 } },
      { type: 'open-modal', modal: confirmModal('reset') },
    ]);
    const same = viewReducer(state, { type: 'step-changed', key: 'a' });
    expect(same).toBe(state);
    state = viewReducer(state, { type: 'step-changed', key: 'b' });
    expect(state.step).toEqual({ key: 'b', revealedHints: 0, solutionShown: false, quizCursor: 0, scroll: 0 });
    expect(state.modals).toEqual([{ kind: 'help', scroll: 0 }]);
  });

  it('opens a lesson\'s intro under the help overlay, so Esc closes the help the screen shows', () => {
    // ? pressed while the app connected; the step arrives with the lesson's intro.
    let state: ViewState = reduceAll(createViewState(), [{ type: 'open-modal', modal: { kind: 'help', scroll: 0 } }]);
    state = viewReducer(state, { type: 'step-changed', key: 'your-cluster/start', introLessonId: 'your-cluster' });
    expect(state.modals).toEqual([cardModal('intro', 'your-cluster'), { kind: 'help', scroll: 0 }]);
    state = viewReducer(state, { type: 'close-modal' });
    expect(state.modals).toEqual([cardModal('intro', 'your-cluster')]);
  });

  it('keeps a modal stack: the last opened is on top and closes first', () => {
    let state: ViewState = reduceAll(createViewState(), [
      { type: 'open-modal', modal: { kind: 'lessons', cursor: 1 } },
      { type: 'open-modal', modal: confirmModal('solution') },
      { type: 'modal', action: { type: 'toggle' } },
    ]);
    expect(state.modals[1]).toEqual({ kind: 'confirm', confirm: 'solution', choice: 'yes' });
    state = viewReducer(state, { type: 'close-modal' });
    expect(state.modals).toEqual([{ kind: 'lessons', cursor: 1 }]);
  });

  it('sets and clears the flash', () => {
    const flashed = viewReducer(createViewState(), { type: 'flash', text: 'hi', tone: 'info' });
    expect(flashed.flash).toEqual({ text: 'hi', tone: 'info' });
    expect(viewReducer(flashed, { type: 'clear-flash' }).flash).toBeUndefined();
  });
});

describe('prompt reducer', () => {
  it('edits at the cursor', () => {
    let state = promptReducer(EMPTY_PROMPT, { type: 'insert', text: 'kubectl pods' });
    state = promptReducer(state, { type: 'move', to: 'left' });
    state = promptReducer(state, { type: 'move', to: 'left' });
    state = promptReducer(state, { type: 'move', to: 'left' });
    state = promptReducer(state, { type: 'move', to: 'left' });
    state = promptReducer(state, { type: 'insert', text: 'get ' });
    expect(state).toEqual({ text: 'kubectl get pods', cursor: 12 });
    state = promptReducer(state, { type: 'move', to: 'home' });
    expect(promptReducer(state, { type: 'delete-back' })).toBe(state);
    state = promptReducer(state, { type: 'move', to: 'end' });
    state = promptReducer(state, { type: 'delete-back' });
    expect(state.text).toBe('kubectl get pod');
  });
});

describe('modal reducer', () => {
  it('clamps list moves and ignores jumps out of range', () => {
    const list = { kind: 'lessons', cursor: 0 } as const;
    expect(modalReducer(list, { type: 'move', delta: -1, count: 3 })).toEqual({ kind: 'lessons', cursor: 0 });
    expect(modalReducer(list, { type: 'move', delta: 5, count: 3 })).toEqual({ kind: 'lessons', cursor: 2 });
    expect(modalReducer(list, { type: 'jump', index: 7, count: 3 })).toBe(list);
  });
});
