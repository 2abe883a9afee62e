/** The modal stack's entries and the reducer for the top one. Pure. */

export type ConfirmKind = 'solution' | 'reset' | 'skip';

/** `intro`: shown on entering a lesson; `done`: on finishing it (summary and what comes next). */
export type CardKind = 'intro' | 'done';

export type Modal =
  | { readonly kind: 'confirm'; readonly confirm: ConfirmKind; readonly choice: 'yes' | 'no' }
  | { readonly kind: 'lessons'; readonly cursor: number }
  | { readonly kind: 'help'; readonly scroll: number }
  /**
   * A lesson card in place of the panels. `advance`: closing it with Enter moves on to the next
   * lesson (a `done` card opened by `n`; not after a skip, which has moved on already).
   */
  | { readonly kind: 'card'; readonly card: CardKind; readonly lessonId: string; readonly advance: boolean; readonly scroll: number };

export type ModalAction =
  | { readonly type: 'toggle' }
  /** Moves a list cursor by `delta`, clamped to `[0, count)`. */
  | { readonly type: 'move'; readonly delta: number; readonly count: number }
  | { readonly type: 'jump'; readonly index: number; readonly count: number }
  | { readonly type: 'scroll'; readonly delta: number; readonly max: number };

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** A confirm dialog starts on "No": Enter alone never shows a solution or wipes a lesson. */
export function confirmModal(confirm: ConfirmKind): Modal {
  return { kind: 'confirm', confirm, choice: 'no' };
}

export function cardModal(card: CardKind, lessonId: string, advance = false): Modal {
  return { kind: 'card', card, lessonId, advance, scroll: 0 };
}

export function modalReducer(modal: Modal, action: ModalAction): Modal {
  switch (action.type) {
    case 'toggle':
      return modal.kind === 'confirm' ? { ...modal, choice: modal.choice === 'yes' ? 'no' : 'yes' } : modal;
    case 'move':
      return modal.kind === 'lessons' ? { ...modal, cursor: clamp(modal.cursor + action.delta, 0, action.count - 1) } : modal;
    case 'jump':
      return modal.kind === 'lessons' && action.index >= 0 && action.index < action.count
        ? { ...modal, cursor: action.index }
        : modal;
    case 'scroll':
      return modal.kind === 'help' || modal.kind === 'card' ? { ...modal, scroll: clamp(modal.scroll + action.delta, 0, Math.max(0, action.max)) } : modal;
  }
}
