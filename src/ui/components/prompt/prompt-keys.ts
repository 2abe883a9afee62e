/** Key layer of the prompt: active while the prompt has focus; every printable key is text. */
import { Command, is, typedText } from '../../keys.js';
import type { KeyContext } from '../../state/key-context.js';
import { consume, flash, type KeyLayer, type KeyResult } from '../../state/key-layer.js';
import { isRunning, type ViewState } from '../../state/view-state.js';

/**
 * Enter: run the prompt's text, or the suggested command when the prompt is empty. Shared with
 * the panel layer, where the prompt is empty unless Tab filled it.
 */
export function runFromPrompt(state: ViewState, ctx: KeyContext): KeyResult {
  if (isRunning(state)) return flash('A command is running; Esc stops it');
  const text = state.prompt.text.trim() !== '' ? state.prompt.text.trim() : ctx.suggestedCommand;
  if (text === undefined) {
    return consume([{ type: 'focus', target: 'prompt' }, { type: 'flash', text: 'Type a command, then Enter', tone: 'info' }]);
  }
  return consume(
    [
      { type: 'prompt', action: { type: 'clear' } },
      { type: 'focus', target: 'panel' },
    ],
    [{ intent: 'runCommand', text }],
  );
}

/** Tab: the suggested command goes into the prompt (focused) for editing. */
export function fillSuggested(ctx: KeyContext): KeyResult {
  if (ctx.suggestedCommand === undefined) return flash('This step has no suggested command', 'info');
  return consume([
    { type: 'prompt', action: { type: 'set', text: ctx.suggestedCommand } },
    { type: 'focus', target: 'prompt' },
  ]);
}

export const promptLayer: KeyLayer = {
  name: 'prompt',
  isActive: (state) => state.focus === 'prompt',
  handle(press, state, ctx) {
    if (is(press, Command.Run)) return runFromPrompt(state, ctx);
    if (is(press, Command.FillSuggested)) return fillSuggested(ctx);
    if (is(press, Command.LeavePrompt)) {
      return consume([
        { type: 'prompt', action: { type: 'clear' } },
        { type: 'focus', target: 'panel' },
      ]);
    }
    if (is(press, Command.DeleteBack)) return consume([{ type: 'prompt', action: { type: 'delete-back' } }]);
    if (is(press, Command.ClearLine)) return consume([{ type: 'prompt', action: { type: 'clear' } }]);
    if (is(press, Command.CursorLeft)) return consume([{ type: 'prompt', action: { type: 'move', to: 'left' } }]);
    if (is(press, Command.CursorRight)) return consume([{ type: 'prompt', action: { type: 'move', to: 'right' } }]);
    if (is(press, Command.CursorHome)) return consume([{ type: 'prompt', action: { type: 'move', to: 'home' } }]);
    if (is(press, Command.CursorEnd)) return consume([{ type: 'prompt', action: { type: 'move', to: 'end' } }]);
    const text = typedText(press);
    if (text !== undefined) return consume([{ type: 'prompt', action: { type: 'insert', text } }]);
    // Any other key while typing (arrows, Ctrl+X) is swallowed: it must not reach the lesson.
    return consume();
  },
};
