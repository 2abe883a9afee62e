import { useInput, type Key } from 'ink';
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

/**
 * The screen's ONE keyboard subscription: every key goes to `onKey`, which routes it through
 * the key layers. `isActive: false` releases raw mode (e.g. while `kubectl edit` owns the terminal).
 */
export function useKeyInput(onKey: (press: KeyPress) => void, isActive = true): void {
  // Ink's useInput wraps the handler in useEffectEvent: it always sees the latest `onKey`.
  useInput(
    (input, key) => {
      // Key releases only arrive with the kitty protocol; act on presses and repeats.
      if (key.eventType === 'release') return;
      onKey(keyPressFromInk(input, key));
    },
    { isActive },
  );
}
