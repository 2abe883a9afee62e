import { describe, expect, it } from 'vitest';
import {
  Command,
  entriesFor,
  helpLine,
  helpSections,
  is,
  isShortcutIn,
  KEY_TABLE,
  keyLabel,
  keyPress,
  typedText,
} from '../../src/ui/index.js';

describe('the key table', () => {
  it('gives every command at least one binding, a scope and a description', () => {
    for (const [command, spec] of Object.entries(KEY_TABLE)) {
      expect(spec.bindings.length, command).toBeGreaterThan(0);
      expect(spec.scopes.length, command).toBeGreaterThan(0);
      expect(spec.description, command).not.toBe('');
    }
  });

  it('matches keys by meaning, not by raw comparison', () => {
    expect(is(keyPress('h'), Command.Hint)).toBe(true);
    expect(is(keyPress('H'), Command.Hint)).toBe(false);
    expect(is(keyPress('enter'), Command.Run)).toBe(true);
    expect(is(keyPress('ctrl+c'), Command.Interrupt)).toBe(true);
    expect(is(keyPress('c'), Command.Interrupt)).toBe(false);
    expect(is(keyPress('7'), Command.ChooseNumber)).toBe(true);
    expect(is(keyPress('0'), Command.ChooseNumber)).toBe(false);
    // A paste that starts with a shortcut letter is text, not the shortcut.
    expect(is(keyPress('hello'), Command.Hint)).toBe(false);
  });

  it('knows which printable keys are panel shortcuts', () => {
    for (const key of ['h', 's', 'n', 'r', 'l', 'q', '?', ':']) expect(isShortcutIn(keyPress(key), 'panel'), key).toBe(true);
    for (const key of ['k', 'u', 'b', 'e']) expect(isShortcutIn(keyPress(key), 'panel'), key).toBe(false);
  });

  it('extracts typed text: line breaks become spaces, other control characters go', () => {
    expect(typedText(keyPress('k'))).toBe('k');
    expect(typedText(keyPress('enter'))).toBeUndefined();
    expect(typedText(keyPress('ctrl+u'))).toBeUndefined();
    expect(typedText({ input: 'get\npods\u0007', ctrl: false, meta: false, shift: false })).toBe('get pods');
  });

  it('labels keys for Unicode and ASCII terminals', () => {
    expect(keyLabel(Command.Interrupt)).toBe('Ctrl+C');
    expect(keyLabel(Command.Move)).toBe('↑/↓');
    expect(keyLabel(Command.Move, true)).toBe('Up/Down');
    expect(keyLabel(Command.ChooseNumber)).toBe('1-9');
  });
});

describe('the help line generated from the table', () => {
  it('lists the panel shortcuts, most important first, within the width', () => {
    const line = helpLine(['panel', 'global'], { width: 80 });
    expect(line.length).toBeLessThanOrEqual(80);
    expect(line.startsWith('Enter run · ? help · q quit · h hint')).toBe(true);
  });

  it('drops what does not fit instead of overflowing', () => {
    const wide = helpLine(['panel', 'global']);
    const narrow = helpLine(['panel', 'global'], { width: 40 });
    expect(wide).toContain(': type');
    expect(narrow.length).toBeLessThanOrEqual(40);
    expect(narrow).not.toContain(': type');
  });

  it('lets the more specific scope own a key (Enter chooses in a quiz)', () => {
    const line = helpLine(['quiz', 'panel', 'global']);
    expect(line).toContain('Enter choose');
    expect(line).not.toContain('Enter run');
  });

  it('shows Esc as "stop" while a command runs, even in the prompt', () => {
    const line = helpLine(['running', 'prompt', 'global']);
    expect(line).toContain('Esc stop');
    expect(line).not.toContain('Esc leave prompt');
  });

  it('covers every command in the help overlay sections', () => {
    const listed = new Set(helpSections().flatMap((section) => section.entries.map((entry) => entry.command)));
    expect([...listed].sort()).toEqual(Object.values(Command).sort());
    expect(entriesFor(['confirm']).map((e) => e.keys)).toEqual(['y', 'n', 'Enter', '←/→/Tab', 'Esc']);
  });
});
