import { describe, expect, it } from 'vitest';
import {
  activeScopes,
  applyKey,
  createViewState,
  createViewStore,
  keyPress,
  noopIntents,
  routeKey,
  viewReducer,
} from '../../src/ui/index.js';
import { data, passingChecks, step } from './support/fixtures.js';
import { chars, ctxFor, keys } from './support/keys.js';

describe('focus rule', () => {
  it('typing into the focused prompt never triggers h, s, n, r, l or q', () => {
    // Given the prompt is focused with ':'
    // When the learner types words made of shortcut letters
    const { state, calls } = keys([':', ...chars('hello snrlq?')], ctxFor(data({ checks: passingChecks })));
    // Then it is all text: no intent, no modal, no hint
    expect(state.prompt.text).toBe('hello snrlq?');
    expect(calls).toEqual([]);
    expect(state.modals).toEqual([]);
    expect(state.step.revealedHints).toBe(0);
  });

  it('a non-shortcut key in the panel starts a command in the prompt (kubectl)', () => {
    const { state, calls } = keys(chars('kubectl get pods -l app=nginx'));
    expect(state.focus).toBe('prompt');
    expect(state.prompt.text).toBe('kubectl get pods -l app=nginx');
    expect(calls).toEqual([]);
  });

  it('a paste is text even when it starts with a shortcut letter', () => {
    const { state, calls } = keys(['helm list']);
    expect(state.prompt.text).toBe('helm list');
    expect(calls).toEqual([]);
  });

  it('Esc leaves the prompt and discards the draft; then letters are shortcuts again', () => {
    const { state, calls } = keys([':', 'x', 'esc', 'h']);
    expect(state.focus).toBe('panel');
    expect(state.prompt.text).toBe('');
    expect(calls).toEqual([{ intent: 'revealHint', index: 0 }]);
  });
});

describe('commands', () => {
  it('Enter runs the suggested command when the prompt is empty, the prompt text otherwise', () => {
    expect(keys(['enter']).calls).toEqual([{ intent: 'runCommand', text: step.suggestedCommand }]);
    const typed = keys([...chars('kubectl get pods'), 'enter']);
    expect(typed.calls).toEqual([{ intent: 'runCommand', text: 'kubectl get pods' }]);
    expect(typed.state.prompt.text).toBe('');
    expect(typed.state.focus).toBe('panel');
  });

  it('Enter while a command runs does not start another one', () => {
    const running = viewReducer(createViewState({ stepKey: step.id }), { type: 'command-started', command: 'kubectl get pods -w' });
    const { state, calls } = keys(['enter'], ctxFor(), running);
    expect(calls).toEqual([]);
    expect(state.flash?.text).toMatch(/running/);
  });

  it('Tab fills the suggested command into the prompt for editing', () => {
    const { state } = keys(['tab', 'backspace', '3']);
    expect(state.focus).toBe('prompt');
    expect(state.prompt.text).toBe('kubectl scale deployment nginx-depl --replicas=3');
  });

  it('h reveals the hints one at a time, then says there are no more', () => {
    const first = keys(['h']);
    expect(first.state.step.revealedHints).toBe(1);
    expect(first.calls).toEqual([{ intent: 'revealHint', index: 0 }]);
    const all = keys(['h', 'h', 'h']);
    expect(all.state.step.revealedHints).toBe(2);
    expect(all.calls).toEqual([
      { intent: 'revealHint', index: 0 },
      { intent: 'revealHint', index: 1 },
    ]);
    expect(all.state.flash?.text).toMatch(/No more hints/);
  });

  it('s asks first; "n" in the dialog means no (the modal wins over "next step")', () => {
    const ctx = ctxFor(data({ checks: passingChecks }));
    const asked = keys(['s'], ctx);
    expect(asked.state.modals).toEqual([{ kind: 'confirm', confirm: 'solution', choice: 'no' }]);
    expect(asked.state.step.solutionShown).toBe(false);
    const declined = keys(['s', 'n'], ctx);
    expect(declined.calls).toEqual([]);
    expect(declined.state.modals).toEqual([]);
    const accepted = keys(['s', 'y'], ctx);
    expect(accepted.calls).toEqual([{ intent: 'showSolution' }]);
    expect(accepted.state.step.solutionShown).toBe(true);
  });

  it('r asks first; Enter alone answers the default "No"; y resets', () => {
    expect(keys(['r', 'enter']).calls).toEqual([]);
    expect(keys(['r', 'esc']).calls).toEqual([]);
    expect(keys(['r', 'right', 'enter']).calls).toEqual([{ intent: 'resetLesson' }]);
    const reset = keys(['h', 'r', 'y']);
    expect(reset.calls.at(-1)).toEqual({ intent: 'resetLesson' });
    expect(reset.state.step.revealedHints).toBe(0);
  });

  it('n advances only once the step has passed', () => {
    const blocked = keys(['n']);
    expect(blocked.calls).toEqual([]);
    expect(blocked.state.flash?.text).toBe('Not yet: 1 check still failing');
    expect(keys(['n'], ctxFor(data({ checks: passingChecks }))).calls).toEqual([{ intent: 'nextStep' }]);
  });

  it('q quits; ? opens the help, where q does not quit', () => {
    expect(keys(['q']).calls).toEqual([{ intent: 'quit' }]);
    const help = keys(['?', 'q']);
    expect(help.calls).toEqual([]);
    expect(help.state.modals).toEqual([{ kind: 'help', scroll: 0 }]);
    expect(keys(['?', 'esc']).state.modals).toEqual([]);
  });

  it('Esc and Ctrl+C stop a running command; Ctrl+C quits only when nothing runs', () => {
    const running = viewReducer(createViewState({ stepKey: step.id }), { type: 'command-started', command: 'kubectl get pods -w' });
    expect(keys(['esc'], ctxFor(), running).calls).toEqual([{ intent: 'stopCommand' }]);
    expect(keys(['ctrl+c'], ctxFor(), running).calls).toEqual([{ intent: 'stopCommand' }]);
    expect(keys(['ctrl+c']).calls).toEqual([{ intent: 'quit' }]);
    // Esc while typing and running stops the command (running outranks the prompt).
    const typing = keys([':', 'x'], ctxFor(), running);
    expect(keys(['esc'], ctxFor(), typing.state).calls).toEqual([{ intent: 'stopCommand' }]);
  });

  it('the lesson list explains a locked lesson instead of opening it', () => {
    const locked = keys(['l', 'down', 'enter']);
    expect(locked.calls).toEqual([]);
    expect(locked.state.flash?.text).toBe('Finish "Your first Deployment" first');
    expect(keys(['l', '1', 'enter']).calls).toEqual([{ intent: 'chooseLesson', id: 'start' }]);
  });

  it('a quiz takes arrows, digits and Enter', () => {
    const quiz = data({ step: { ...step, quiz: { question: 'Which?', choices: ['a', 'b', 'c'] } } });
    expect(keys(['down', 'down', 'enter'], ctxFor(quiz)).calls).toEqual([{ intent: 'answerQuiz', choice: 2 }]);
    expect(keys(['2'], ctxFor(quiz)).calls).toEqual([{ intent: 'answerQuiz', choice: 1 }]);
    expect(activeScopes(createViewState(), ctxFor(quiz))).toEqual(['quiz', 'panel', 'global']);
  });

  it('reports which layer consumed a key', () => {
    const state = createViewState({ stepKey: step.id });
    expect(routeKey(keyPress('ctrl+c'), state, ctxFor())?.layer).toBe('interrupt');
    expect(routeKey(keyPress('pageup'), state, ctxFor())?.layer).toBe('output');
    expect(routeKey(keyPress('esc'), state, ctxFor())).toBeUndefined();
  });

  it('resets step-local state when a key arrives for a new step', () => {
    const { state } = keys(['h', 'h']);
    const next = applyKey(state, keyPress('h'), ctxFor(data({ step: { ...step, id: 'deploy/3' } })));
    expect(next.state.step.key).toBe('deploy/3');
    expect(next.state.step.revealedHints).toBe(1);
  });
});

describe('5,000 lines of output', () => {
  it('keeps only the bounded buffer, and a key after them is handled quickly', () => {
    // Given a store holding at most 500 lines that received 5,000, one dispatch per line
    const store = createViewStore({ outputCapacity: 500, stepKey: step.id });
    store.dispatch({ type: 'command-started', command: 'kubectl get pods -w' });
    for (let i = 0; i < 5000; i += 1) {
      store.dispatch({ type: 'output', lines: [{ stream: i % 2 ? 'stderr' : 'stdout', text: `line ${i}` }] });
    }
    const { output } = store.getState();
    expect(output.lines).toHaveLength(500);
    expect(output.dropped).toBe(4500);
    expect(output.lines[0]?.text).toBe('line 4500');
    expect(output.lines.at(-1)).toEqual({ stream: 'stderr', text: 'line 4999' });

    // When keys arrive, each is handled in well under a millisecond on average
    const ctx = ctxFor();
    const rounds = 200;
    const started = performance.now();
    for (let i = 0; i < rounds; i += 1) {
      store.handleKey(keyPress('?'), ctx, noopIntents);
      store.handleKey(keyPress('esc'), ctx, noopIntents);
    }
    const perKey = (performance.now() - started) / (rounds * 2);
    expect(perKey).toBeLessThan(1);

    // Then the key still does its job: Esc stops the command that is streaming
    const calls = store.handleKey(keyPress('esc'), ctx, noopIntents);
    expect(calls).toEqual([{ intent: 'stopCommand' }]);
    expect(store.getState().run.phase).toBe('stopping');
  });
});
