/**
 * The key bus, in pure form. A layer is active or not (the `isActive` gate of an input hook);
 * an active layer's `handle` returns a result to CONSUME the key or `undefined` to pass it on.
 * Layers are asked in priority order (`key-router.ts`), so an open modal wins over the lesson.
 *
 * Why pure and not one `useInput` per widget: the decision "which layer gets this key" must be
 * made on the latest state. Keys typed faster than React re-renders (`:` then `h`) would
 * otherwise reach a layer that has already lost focus.
 */
import type { IntentCall } from './intents.js';
import type { KeyContext } from './key-context.js';
import type { FlashTone, ViewAction, ViewState } from './view-state.js';
import type { KeyPress } from '../keys.js';

export interface KeyResult {
  readonly actions: readonly ViewAction[];
  readonly calls: readonly IntentCall[];
}

export interface KeyLayer {
  readonly name: string;
  isActive(state: ViewState, ctx: KeyContext): boolean;
  handle(press: KeyPress, state: ViewState, ctx: KeyContext): KeyResult | undefined;
}

export function consume(actions: readonly ViewAction[] = [], calls: readonly IntentCall[] = []): KeyResult {
  return { actions, calls };
}

export function flash(text: string, tone: FlashTone = 'warn'): KeyResult {
  return consume([{ type: 'flash', text, tone }]);
}
