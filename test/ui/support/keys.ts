/** Helpers for the pure key-router tests. */
import {
  applyKey,
  buildKeyContext,
  createViewState,
  keyPress,
  type IntentCall,
  type KeyContext,
  type TutorialData,
  type ViewState,
} from '../../../src/ui/index.js';
import { data } from './fixtures.js';

export const metrics = { outputRows: 6, stepMaxScroll: 5, helpMaxScroll: 10 };

export function ctxFor(d: TutorialData = data(), extra: Partial<KeyContext> = {}): KeyContext {
  return { ...buildKeyContext(d, metrics), ...extra };
}

/** Applies key specs in order (see `keyPress`), collecting every intent call. */
export function keys(
  specs: readonly string[],
  ctx: KeyContext = ctxFor(),
  state: ViewState = createViewState({ stepKey: ctx.stepKey }),
): { state: ViewState; calls: IntentCall[] } {
  const calls: IntentCall[] = [];
  for (const spec of specs) {
    const applied = applyKey(state, keyPress(spec), ctx);
    state = applied.state;
    calls.push(...applied.calls);
  }
  return { state, calls };
}

/** Each character of `text` as its own key spec (so `end` is three letters, not the End key). */
export function chars(text: string): string[] {
  return [...text];
}
