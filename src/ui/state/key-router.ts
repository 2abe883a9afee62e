/**
 * Routes one key press through the layers, highest priority first, and returns the view actions
 * and intent calls it means. Pure: `applyKey` is what the store runs for every key.
 *
 * Priorities (the first active layer that consumes the key wins):
 *   1. interrupt — Ctrl+C: stop the running command, or quit when none runs.
 *   2. modal     — the top of the modal stack takes every other key.
 *   3. running   — Esc stops the running command.
 *   4. output    — PgUp / PgDn scroll the output.
 *   5. prompt    — while focused, printable keys are text (the focus rule is in keys.ts).
 *   6. quiz      — arrows / digits / Enter while an unanswered quiz is shown.
 *   7. panel     — the single-letter shortcuts; other printable keys start typing.
 */
import { cardModal, confirmModal } from '../components/modals/modal-state.js';
import { modalLayer } from '../components/modals/modal-keys.js';
import { outputLayer } from '../components/output/output-keys.js';
import { fillSuggested, promptLayer, runFromPrompt } from '../components/prompt/prompt-keys.js';
import { quizLayer } from '../components/quiz/quiz-keys.js';
import { Command, is, typedText, type KeyPress } from '../keys.js';
import type { IntentCall } from './intents.js';
import type { KeyContext } from './key-context.js';
import { consume, flash, type KeyLayer, type KeyResult } from './key-layer.js';
import { reduceAll, viewReducer } from './reducer.js';
import { isRunning, topModal, type ViewAction, type ViewState } from './view-state.js';
import type { KeyScope } from '../keys.js';

const stop: KeyResult = consume([{ type: 'stop-requested' }], [{ intent: 'stopCommand' }]);

export const interruptLayer: KeyLayer = {
  name: 'interrupt',
  isActive: () => true,
  handle: (press, state) => {
    if (!is(press, Command.Interrupt)) return undefined;
    return isRunning(state) ? stop : consume([], [{ intent: 'quit' }]);
  },
};

export const runningLayer: KeyLayer = {
  name: 'running',
  isActive: (state) => isRunning(state),
  handle: (press) => (is(press, Command.StopCommand) ? stop : undefined),
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const panelLayer: KeyLayer = {
  name: 'panel',
  isActive: (state) => state.focus === 'panel',
  handle(press, state, ctx) {
    if (is(press, Command.Run)) return runFromPrompt(state, ctx);
    if (is(press, Command.FillSuggested)) return fillSuggested(ctx);
    if (is(press, Command.TypeCommand)) return consume([{ type: 'focus', target: 'prompt' }]);
    if (is(press, Command.Hint)) {
      if (ctx.hintsTotal === 0) return flash('This step has no hints', 'info');
      if (state.step.revealedHints >= ctx.hintsTotal) return flash('No more hints; s shows the solution', 'info');
      return consume([{ type: 'reveal-hint', total: ctx.hintsTotal }], [{ intent: 'revealHint', index: state.step.revealedHints }]);
    }
    if (is(press, Command.Solution)) {
      if (!ctx.hasSolution) return flash('This step has no solution', 'info');
      if (state.step.solutionShown) return consume([{ type: 'scroll-step', to: ctx.stepMaxScroll }]);
      return consume([{ type: 'open-modal', modal: confirmModal('solution') }]);
    }
    if (is(press, Command.NextStep)) {
      if (ctx.canAdvance) {
        // The last step of a lesson: its summary and what comes next, then the next lesson.
        const lessonId = ctx.lessons[ctx.currentLessonIndex]?.id;
        if (ctx.lastStepOfLesson && lessonId !== undefined) return consume([{ type: 'open-modal', modal: cardModal('done', lessonId, true) }]);
        return consume([], [{ intent: 'nextStep' }]);
      }
      // Not passed: say why, and offer to skip (never a dead end, issue #8 item 2).
      const why =
        ctx.quiz !== undefined && !ctx.quiz.answered
          ? 'Not yet: answer the quiz first'
          : ctx.failingChecks > 0
            ? `Not yet: ${plural(ctx.failingChecks, 'check')} still failing`
            : 'Not yet: the step has not passed';
      return consume([{ type: 'flash', text: why, tone: 'warn' }, { type: 'open-modal', modal: confirmModal('skip') }]);
    }
    if (is(press, Command.Reset)) return consume([{ type: 'open-modal', modal: confirmModal('reset') }]);
    if (is(press, Command.Lessons)) return consume([{ type: 'open-modal', modal: { kind: 'lessons', cursor: ctx.currentLessonIndex } }]);
    if (is(press, Command.Traffic)) return consume([], [{ intent: 'toggleMeter' }]);
    if (is(press, Command.RaiseHand)) return consume([], [{ intent: 'raiseHand' }]);
    if (is(press, Command.Help)) return consume([{ type: 'open-modal', modal: { kind: 'help', scroll: 0 } }]);
    if (is(press, Command.Quit)) return consume([], [{ intent: 'quit' }]);
    if (is(press, Command.ScrollStep)) {
      const from = Math.min(state.step.scroll, ctx.stepMaxScroll);
      const to = Math.min(ctx.stepMaxScroll, Math.max(0, from + (press.name === 'up' ? -1 : 1)));
      return consume([{ type: 'scroll-step', to }]);
    }
    // Focus rule: any other printable key starts a command in the prompt.
    const text = typedText(press);
    if (text !== undefined) {
      return consume([
        { type: 'focus', target: 'prompt' },
        { type: 'prompt', action: { type: 'insert', text } },
      ]);
    }
    return undefined;
  },
};

/** The layers in priority order. */
export const KEY_LAYERS: readonly KeyLayer[] = [
  interruptLayer,
  modalLayer,
  runningLayer,
  outputLayer,
  promptLayer,
  quizLayer,
  panelLayer,
];

/** The view action for "the step on screen is now `ctx.stepKey`" (with the lesson's intro when it opens one). */
export function stepChanged(ctx: Pick<KeyContext, 'stepKey' | 'enterLessonId'>): ViewAction {
  return { type: 'step-changed', key: ctx.stepKey, ...(ctx.enterLessonId !== undefined && { introLessonId: ctx.enterLessonId }) };
}

/** The first active layer that consumes `press`, with its result. */
export function routeKey(press: KeyPress, state: ViewState, ctx: KeyContext): (KeyResult & { layer: string }) | undefined {
  for (const layer of KEY_LAYERS) {
    if (!layer.isActive(state, ctx)) continue;
    const result = layer.handle(press, state, ctx);
    if (result !== undefined) return { ...result, layer: layer.name };
  }
  return undefined;
}

export interface AppliedKey {
  readonly state: ViewState;
  readonly calls: readonly IntentCall[];
  /** Name of the layer that consumed the key; undefined when none did. */
  readonly layer?: string;
}

/**
 * Applies a key to the view state: syncs the step (a new step id resets hints and solution),
 * clears the last flash, routes the key and reduces its actions. Returns the intents to call.
 */
export function applyKey(state: ViewState, press: KeyPress, ctx: KeyContext): AppliedKey {
  const before: ViewAction[] = [];
  if (state.step.key !== ctx.stepKey) before.push(stepChanged(ctx));
  if (state.flash !== undefined) before.push({ type: 'clear-flash' });
  const synced = reduceAll(state, before);
  const routed = routeKey(press, synced, ctx);
  if (routed === undefined) return { state: synced, calls: [] };
  // A key a lesson card let through closes the card, then does what it always does.
  const card = topModal(synced)?.kind === 'card' && routed.layer !== 'modal' && routed.layer !== 'interrupt';
  const actions: ViewAction[] = card ? [{ type: 'close-modal' }, ...routed.actions] : [...routed.actions];
  return { state: actions.reduce(viewReducer, synced), calls: routed.calls, layer: routed.layer };
}

/** The key scopes in effect, most specific first: what the help line lists. */
export function activeScopes(state: ViewState, ctx: KeyContext): KeyScope[] {
  const modal = topModal(state);
  if (modal?.kind === 'card') return modal.card === 'done' ? ['done', 'global'] : ['intro', ...baseScopes(state, ctx)];
  if (modal !== undefined) return [modal.kind, 'global'];
  return baseScopes(state, ctx);
}

function baseScopes(state: ViewState, ctx: KeyContext): KeyScope[] {
  const scopes: KeyScope[] = [];
  if (isRunning(state)) scopes.push('running');
  if (state.focus === 'prompt') scopes.push('prompt');
  else {
    if (ctx.quiz !== undefined && !ctx.quiz.answered) scopes.push('quiz');
    scopes.push('panel');
  }
  scopes.push('global');
  return scopes;
}
