/** The pure reducer of the view state. No I/O, no time, no randomness. */
import { cardModal, modalReducer } from '../components/modals/modal-state.js';
import { appendOutput, clearOutput, scrollOutput } from '../components/output/output-state.js';
import { promptReducer } from '../components/prompt/prompt-state.js';
import { freshStep, SCROLL_END, type ViewAction, type ViewState } from './view-state.js';

export function viewReducer(state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'command-started':
      return { ...state, run: { phase: 'running', command: action.command }, output: clearOutput(state.output) };
    case 'output':
      return { ...state, output: appendOutput(state.output, action.lines) };
    case 'command-exited': {
      const command = state.run.phase === 'idle' ? '' : state.run.command;
      return {
        ...state,
        run: {
          phase: 'exited',
          command,
          exitCode: action.exitCode,
          ...(action.signal !== undefined && { signal: action.signal }),
          ...(action.error !== undefined && { error: action.error }),
        },
      };
    }
    case 'clear-output':
      // The header goes with the lines: what follows (a skipped step's solution) echoes its own commands.
      return { ...state, run: { phase: 'idle' }, output: clearOutput(state.output) };
    case 'step-changed': {
      if (action.key === state.step.key) return state;
      // A pending "show solution?" / "reset?" belongs to the old step, and so does an old intro.
      const modals = state.modals.filter((m) => m.kind !== 'confirm' && !(m.kind === 'card' && m.card === 'intro'));
      if (action.introLessonId !== undefined) {
        // Under a summary still open (a skip finished the lesson): the summary reads first. Under
        // the help overlay (opened while the app connected): the help is what the screen shows
        // and what Esc must close; the intro is there once it is.
        const intro = cardModal('intro', action.introLessonId);
        const above = modals.findIndex((m) => (m.kind === 'card' && m.card === 'done') || m.kind === 'help');
        if (above === -1) modals.push(intro);
        else modals.splice(above, 0, intro);
      }
      return { ...state, step: freshStep(action.key), modals };
    }
    case 'flash':
      return { ...state, flash: { text: action.text, tone: action.tone } };
    case 'clear-flash': {
      if (state.flash === undefined) return state;
      const { flash: _flash, ...rest } = state;
      return rest;
    }
    case 'focus':
      return state.focus === action.target ? state : { ...state, focus: action.target };
    case 'prompt': {
      const prompt = promptReducer(state.prompt, action.action);
      return prompt === state.prompt ? state : { ...state, prompt };
    }
    case 'open-modal':
      return { ...state, modals: [...state.modals, action.modal] };
    case 'close-modal':
      return state.modals.length === 0 ? state : { ...state, modals: state.modals.slice(0, -1) };
    case 'modal': {
      const top = state.modals[state.modals.length - 1];
      if (top === undefined) return state;
      const next = modalReducer(top, action.action);
      return next === top ? state : { ...state, modals: [...state.modals.slice(0, -1), next] };
    }
    case 'reveal-hint': {
      const revealedHints = Math.min(action.total, state.step.revealedHints + 1);
      if (revealedHints === state.step.revealedHints) return state;
      // Follow the end of the step text so the new hint is on screen.
      return { ...state, step: { ...state.step, revealedHints, scroll: SCROLL_END } };
    }
    case 'show-solution':
      return { ...state, step: { ...state.step, solutionShown: true, scroll: SCROLL_END } };
    case 'reset-step':
      return { ...state, step: freshStep(state.step.key) };
    case 'quiz-cursor':
      return { ...state, step: { ...state.step, quizCursor: Math.max(0, action.index) } };
    case 'scroll-step':
      return { ...state, step: { ...state.step, scroll: Math.max(0, action.to) } };
    case 'scroll-output': {
      const output = scrollOutput(state.output, action.delta, action.visibleRows);
      return output === state.output ? state : { ...state, output };
    }
    case 'stop-requested':
      return state.run.phase === 'running' ? { ...state, run: { phase: 'stopping', command: state.run.command } } : state;
  }
}

/** Applies several actions in order. */
export function reduceAll(state: ViewState, actions: readonly ViewAction[]): ViewState {
  return actions.reduce(viewReducer, state);
}
