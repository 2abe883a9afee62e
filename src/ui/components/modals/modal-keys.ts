/**
 * Key layer of the modal on top of the stack. While a modal is open it consumes EVERY key
 * (except Ctrl+C, handled one layer above), so `n` in "Reset lesson?" means "no", never "next".
 */
import { Command, is, type KeyPress } from '../../keys.js';
import type { KeyContext } from '../../state/key-context.js';
import { consume, flash, type KeyLayer, type KeyResult } from '../../state/key-layer.js';
import { topModal, type ViewState } from '../../state/view-state.js';
import type { ConfirmKind, Modal } from './modal-state.js';

const close = consume([{ type: 'close-modal' }]);

/** -1 for ↑, +1 for ↓. */
export function direction(press: KeyPress): number {
  return press.name === 'up' ? -1 : 1;
}

function accept(kind: ConfirmKind): KeyResult {
  return kind === 'solution'
    ? consume([{ type: 'close-modal' }, { type: 'show-solution' }], [{ intent: 'showSolution' }])
    : consume([{ type: 'close-modal' }, { type: 'reset-step' }], [{ intent: 'resetLesson' }]);
}

function confirmKeys(modal: Extract<Modal, { kind: 'confirm' }>, press: KeyPress): KeyResult {
  if (is(press, Command.Yes)) return accept(modal.confirm);
  if (is(press, Command.No) || is(press, Command.CloseModal)) return close;
  if (is(press, Command.ToggleChoice)) return consume([{ type: 'modal', action: { type: 'toggle' } }]);
  if (is(press, Command.Select)) return modal.choice === 'yes' ? accept(modal.confirm) : close;
  return consume();
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
        return confirmKeys(modal, press);
      case 'lessons':
        return lessonKeys(modal, press, ctx);
      case 'help':
        return helpKeys(press, ctx);
    }
  },
};
