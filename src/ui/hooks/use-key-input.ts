import { useInput, usePaste, type Key } from 'ink';
import type { KeyName, KeyPress } from '../keys.js';

/** Folds Ink's `Key` flags into a `KeyPress`. */
export function keyPressFromInk(input: string, key: Key): KeyPress {
  const name: KeyName | undefined =
    key.return ? 'return'
    : key.escape ? 'escape'
    : key.tab ? 'tab'
    : key.backspace ? 'backspace'
    : key.delete ? 'delete'
    : key.upArrow ? 'up'
    : key.downArrow ? 'down'
    : key.leftArrow ? 'left'
    : key.rightArrow ? 'right'
    : key.pageUp ? 'pageup'
    : key.pageDown ? 'pagedown'
    : key.home ? 'home'
    : key.end ? 'end'
    : undefined;
  return {
    input: name === undefined ? input : '',
    ...(name !== undefined && { name }),
    ctrl: key.ctrl,
    meta: key.meta,
    shift: key.shift,
  };
}

const ENTER: KeyPress = { input: '', name: 'return', ctrl: false, meta: false, shift: false };

/**
 * The key presses in one chunk of TYPED input. A terminal delivers keys typed quickly (over ssh, a
 * slow machine, `tmux send-keys`) as one chunk, "kubectl get pods\r", which Ink hands over as one
 * multi-character input: the Enter in it is a key the learner pressed, so it becomes an Enter press
 * instead of vanishing into the text. Pastes do not come this way: bracketed paste mode is on (see
 * `useKeyInput`), and a paste's line breaks stay text (`typedText` turns them into spaces).
 */
export function typedKeyPresses(press: KeyPress): KeyPress[] {
  if (press.name !== undefined || press.ctrl || press.meta || press.input.length < 2 || !press.input.includes('\r')) return [press];
  return press.input.split('\r').flatMap((text, index) => [
    ...(index > 0 ? [ENTER] : []),
    ...(text === '' ? [] : [{ ...press, input: text }]),
  ]);
}

/**
 * The screen's ONE keyboard subscription: every key goes to `onKey`, which routes it through
 * the key layers. `isActive: false` releases raw mode and bracketed paste (e.g. while `kubectl
 * edit` owns the terminal).
 */
export function useKeyInput(onKey: (press: KeyPress) => void, isActive = true): void {
  // Ink's useInput wraps the handler in useEffectEvent: it always sees the latest `onKey`.
  useInput(
    (input, key) => {
      // Key releases only arrive with the kitty protocol; act on presses and repeats.
      if (key.eventType === 'release') return;
      for (const press of typedKeyPresses(keyPressFromInk(input, key))) onKey(press);
    },
    { isActive },
  );
  // With bracketed paste on, a paste is told apart from typing: it arrives here whole, and its
  // line breaks never press Enter (a pasted block of YAML must not run a command).
  usePaste((text) => onKey({ input: text, ctrl: false, meta: false, shift: false }), { isActive });
}
