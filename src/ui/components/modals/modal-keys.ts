/**
 * Key layer of the modal on top of the stack. While a dialog is open it consumes EVERY key
 * (except Ctrl+C, handled one layer above), so `n` in "Reset lesson?" means "no", never "next".
 * Lesson cards are the exception: see `cardKeys`.
 */
import { Command, is, type KeyPress } from '../../keys.js';
import type { KeyContext } from '../../state/key-context.js';
import { consume, flash, type KeyLayer, type KeyResult } from '../../state/key-layer.js';
import { topModal, type ViewState } from '../../state/view-state.js';
import { cardModal, type ConfirmKind, type Modal } from './modal-state.js';

const close = consume([{ type: 'close-modal' }]);

/** -1 for ↑, +1 for ↓. */
export function direction(press: KeyPress): number {
  return press.name === 'up' ? -1 : 1;
}

function accept(kind: ConfirmKind, ctx: KeyContext): KeyResult {
  switch (kind) {
    case 'solution':
      return consume([{ type: 'close-modal' }, { type: 'show-solution' }], [{ intent: 'showSolution' }]);
    case 'reset':
      return consume([{ type: 'close-modal' }, { type: 'reset-step' }], [{ intent: 'resetLesson' }]);
    case 'skip': {
      // Skipping the last step finishes the lesson: its summary shows (the skip moves on by itself).
      const lessonId = ctx.lessons[ctx.currentLessonIndex]?.id;
      const summary = ctx.lastStepOfLesson && lessonId !== undefined ? [{ type: 'open-modal' as const, modal: cardModal('done', lessonId) }] : [];
      return consume([{ type: 'close-modal' }, ...summary], [{ intent: 'skipStep' }]);
    }
  }
}

function confirmKeys(modal: Extract<Modal, { kind: 'confirm' }>, press: KeyPress, ctx: KeyContext): KeyResult {
  if (is(press, Command.Yes)) return accept(modal.confirm, ctx);
  if (is(press, Command.No) || is(press, Command.CloseModal)) return close;
  if (is(press, Command.ToggleChoice)) return consume([{ type: 'modal', action: { type: 'toggle' } }]);
  if (is(press, Command.Select)) return modal.choice === 'yes' ? accept(modal.confirm, ctx) : close;
  return consume();
}

/**
 * A lesson card is a pause, not a wall: Esc closes it, arrows scroll it, Enter (or n) on a
 * summary goes on to the next lesson; any other key closes it and does what it always does
 * (the key router closes the card), so Enter on an intro runs the first command.
 */
function cardKeys(modal: Extract<Modal, { kind: 'card' }>, press: KeyPress, ctx: KeyContext): KeyResult | undefined {
  if (is(press, Command.CloseModal)) return close;
  if (is(press, Command.Move)) return consume([{ type: 'modal', action: { type: 'scroll', delta: direction(press), max: ctx.cardMaxScroll } }]);
  if (modal.card === 'done' && is(press, Command.Continue)) {
    return modal.advance ? consume([{ type: 'close-modal' }], [{ intent: 'nextStep' }]) : close;
  }
  return undefined;
}

function lessonKeys(modal: Extract<Modal, { kind: 'lessons' }>, press: KeyPress, ctx: KeyContext): KeyResult {
  const count = ctx.lessons.length;
  if (is(press, Command.CloseModal) || is(press, Command.Lessons)) return close;
  if (is(press, Command.Move)) return consume([{ type: 'modal', action: { type: 'move', delta: direction(press), count } }]);
  if (is(press, Command.ChooseNumber)) {
    return consume([{ type: 'modal', action: { type: 'jump', index: Number(press.input) - 1, count } }]);
  }
  if (is(press, Command.Select)) {
    const lesson = ctx.lessons[modal.cursor];
    if (lesson === undefined) return consume();
    if (lesson.status === 'locked') return flash(lockedReason(lesson));
    return consume([{ type: 'close-modal' }], [{ intent: 'chooseLesson', id: lesson.id }]);
  }
  return consume();
}

/** Why a locked lesson cannot be opened yet. */
export function lockedReason(lesson: { readonly lockedReason?: string }): string {
  return lesson.lockedReason ?? 'Locked: finish the lessons before it first';
}

function helpKeys(press: KeyPress, ctx: KeyContext): KeyResult {
  if (is(press, Command.CloseModal) || is(press, Command.Help) || is(press, Command.Select)) return close;
  if (is(press, Command.Move)) return consume([{ type: 'modal', action: { type: 'scroll', delta: direction(press), max: ctx.helpMaxScroll } }]);
  return consume();
}

export const modalLayer: KeyLayer = {
  name: 'modal',
  isActive: (state: ViewState) => state.modals.length > 0,
  handle(press, state, ctx) {
    const modal = topModal(state);
    if (modal === undefined) return undefined;
    switch (modal.kind) {
      case 'confirm':
        return confirmKeys(modal, press, ctx);
      case 'card':
        return cardKeys(modal, press, ctx);
      case 'lessons':
        return lessonKeys(modal, press, ctx);
      case 'help':
        return helpKeys(press, ctx);
    }
  },
};
