/**
 * The view state of the tutorial screen — everything the screen remembers that is not the
 * container's data: focus, modal stack, prompt, output buffer, run status, per-step reveals
 * and scroll positions. Changed only through `ViewAction`s (see `reducer.ts`).
 */
import type { Modal, ModalAction } from '../components/modals/modal-state.js';
import { createOutputState, type OutputLine, type OutputState } from '../components/output/output-state.js';
import { EMPTY_PROMPT, type PromptAction, type PromptState } from '../components/prompt/prompt-state.js';

export type Focus = 'panel' | 'prompt';

export type RunState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running' | 'stopping'; readonly command: string }
  | {
      readonly phase: 'exited';
      readonly command: string;
      /** null when the child was killed by a signal. */
      readonly exitCode: number | null;
      readonly signal?: string;
      /** The command could not start (not found, refused by the safety rules, …). */
      readonly error?: string;
    };

/** What the learner has revealed / where they scrolled in the current step. */
export interface StepLocalState {
  /** `StepView.id` these values belong to; a different id means "fresh step". */
  readonly key: string;
  readonly revealedHints: number;
  readonly solutionShown: boolean;
  readonly quizCursor: number;
  /** First visible row of the step text; clamped when drawn (MAX = "follow the end"). */
  readonly scroll: number;
}

export type FlashTone = 'info' | 'warn';

export interface ViewState {
  readonly focus: Focus;
  /** Last entry is on top and receives the keys. */
  readonly modals: readonly Modal[];
  readonly prompt: PromptState;
  readonly output: OutputState;
  readonly run: RunState;
  readonly step: StepLocalState;
  /** Short feedback for the last key ("not yet: 2 checks failing"); cleared by the next key. */
  readonly flash?: { readonly text: string; readonly tone: FlashTone };
}

export type ViewAction =
  // ── sent by the container ──
  /** A command started: the output buffer is cleared for it. */
  | { readonly type: 'command-started'; readonly command: string }
  | { readonly type: 'output'; readonly lines: readonly OutputLine[] }
  | {
      readonly type: 'command-exited';
      readonly exitCode: number | null;
      readonly signal?: string;
      readonly error?: string;
    }
  | { readonly type: 'clear-output' }
  /** `introLessonId`: the step opens a lesson not started yet; its intro card is shown. */
  | { readonly type: 'step-changed'; readonly key: string; readonly introLessonId?: string }
  | { readonly type: 'flash'; readonly text: string; readonly tone: FlashTone }
  // ── produced by the key router ──
  | { readonly type: 'clear-flash' }
  | { readonly type: 'focus'; readonly target: Focus }
  | { readonly type: 'prompt'; readonly action: PromptAction }
  | { readonly type: 'open-modal'; readonly modal: Modal }
  | { readonly type: 'close-modal' }
  | { readonly type: 'modal'; readonly action: ModalAction }
  | { readonly type: 'reveal-hint'; readonly total: number }
  | { readonly type: 'show-solution' }
  | { readonly type: 'reset-step' }
  | { readonly type: 'quiz-cursor'; readonly index: number }
  | { readonly type: 'scroll-step'; readonly to: number }
  | { readonly type: 'scroll-output'; readonly delta: number; readonly visibleRows: number }
  | { readonly type: 'stop-requested' };

/** Scroll value meaning "show the end" (clamped when drawn). */
export const SCROLL_END = Number.MAX_SAFE_INTEGER;

export function freshStep(key: string): StepLocalState {
  return { key, revealedHints: 0, solutionShown: false, quizCursor: 0, scroll: 0 };
}

export interface ViewStateOptions {
  /** Output lines kept (older ones drop out). Default 1000. */
  readonly outputCapacity?: number;
  readonly stepKey?: string;
}

export function createViewState(options: ViewStateOptions = {}): ViewState {
  return {
    focus: 'panel',
    modals: [],
    prompt: EMPTY_PROMPT,
    output: createOutputState(options.outputCapacity),
    run: { phase: 'idle' },
    step: freshStep(options.stepKey ?? ''),
  };
}

export function topModal(state: ViewState): Modal | undefined {
  return state.modals[state.modals.length - 1];
}

export function isRunning(state: ViewState): boolean {
  return state.run.phase === 'running' || state.run.phase === 'stopping';
}
