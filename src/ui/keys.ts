/**
 * Every keyboard shortcut of the tutorial, in ONE table.
 *
 * Code never compares raw keys: it asks `is(press, Command.Hint)`. The help line and the help
 * overlay are generated from the same table, so they cannot drift from the behaviour.
 *
 * Focus rule (implemented in `state/key-router.ts`, written down here because it shapes the table):
 * - Keys go to ONE layer, highest priority first: Ctrl+C > the open modal > Esc while a command
 *   runs > output scrolling > the prompt (when focused) > the quiz > the lesson panel.
 * - Single-letter shortcuts (h s n r l t q ? : !) belong to the `panel` scope only. While the prompt
 *   is focused, every printable key is text, so typing `kubectl`, `helm` or `less` never triggers
 *   a shortcut. The prompt keeps focus until Enter (runs, clears, returns focus to the panel) or
 *   Esc (discards the draft, returns focus).
 * - With the panel focused, a printable key that is NOT a panel shortcut (`k` of `kubectl`)
 *   focuses the prompt and becomes its first character; `:` or Tab focuses it explicitly (needed
 *   for commands that start with a shortcut letter). Multi-character input (a paste) is always text.
 */

/** Normalized key names (Ink's `Key` flags folded into one field). */
export type KeyName =
  | 'return'
  | 'escape'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end';

/** One key event, independent of Ink so the key router stays pure and testable. */
export interface KeyPress {
  /** The text the key produced ('' for named keys); a paste arrives as one multi-char input. */
  readonly input: string;
  readonly name?: KeyName;
  readonly ctrl: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
}

/** Where a binding applies; the active scopes are computed from the view state. */
export type KeyScope = 'global' | 'panel' | 'prompt' | 'running' | 'quiz' | 'confirm' | 'lessons' | 'help' | 'intro' | 'done';

export const Command = {
  Interrupt: 'interrupt',
  Run: 'run',
  FillSuggested: 'fill-suggested',
  TypeCommand: 'type-command',
  Hint: 'hint',
  Solution: 'solution',
  NextStep: 'next-step',
  Continue: 'continue',
  Reset: 'reset',
  Lessons: 'lessons',
  Traffic: 'traffic',
  RaiseHand: 'raise-hand',
  Help: 'help',
  Quit: 'quit',
  StopCommand: 'stop-command',
  LeavePrompt: 'leave-prompt',
  CloseModal: 'close-modal',
  ScrollOutput: 'scroll-output',
  ScrollStep: 'scroll-step',
  Move: 'move',
  ChooseNumber: 'choose-number',
  Select: 'select',
  Yes: 'yes',
  No: 'no',
  ToggleChoice: 'toggle-choice',
  CursorLeft: 'cursor-left',
  CursorRight: 'cursor-right',
  CursorHome: 'cursor-home',
  CursorEnd: 'cursor-end',
  DeleteBack: 'delete-back',
  ClearLine: 'clear-line',
} as const;
export type Command = (typeof Command)[keyof typeof Command];

/** A key that triggers a command: a named key, one character, or any character of a set. */
export interface KeyBinding {
  readonly name?: KeyName;
  readonly char?: string;
  /** Any single character of this string, e.g. digits. */
  readonly anyOf?: string;
  readonly ctrl?: boolean;
  /** How the key is written in help; derived from the binding when absent. */
  readonly label?: string;
}

export interface KeySpec {
  readonly bindings: readonly KeyBinding[];
  readonly scopes: readonly KeyScope[];
  /** Short text for the help line (`h hint`); omit to keep the entry out of the help line. */
  readonly label?: string;
  /** Sentence for the help overlay. */
  readonly description: string;
}

const enter: KeyBinding = { name: 'return', label: 'Enter' };
const esc: KeyBinding = { name: 'escape', label: 'Esc' };

/** THE table. Its order is the order of the help line (entries that do not fit are dropped, so the
 * most important come first) and of the help overlay. */
export const KEY_TABLE: Readonly<Record<Command, KeySpec>> = {
  [Command.Interrupt]: {
    bindings: [{ char: 'c', ctrl: true }],
    scopes: ['global'],
    description: 'stop the running command; when none runs, quit',
  },
  [Command.Run]: {
    bindings: [enter],
    scopes: ['panel', 'prompt'],
    label: 'run',
    description: 'run the prompt (the suggested command when the prompt is empty)',
  },
  [Command.StopCommand]: {
    bindings: [esc],
    scopes: ['running'],
    label: 'stop',
    description: 'stop the running command (only the command, never the app)',
  },
  [Command.LeavePrompt]: {
    bindings: [esc],
    scopes: ['prompt'],
    label: 'leave prompt',
    description: 'discard the draft and give the keys back to the lesson',
  },
  [Command.Help]: { bindings: [{ char: '?' }], scopes: ['panel'], label: 'help', description: 'show this help' },
  [Command.Quit]: { bindings: [{ char: 'q' }], scopes: ['panel'], label: 'quit', description: 'quit kubedojo' },
  [Command.Hint]: { bindings: [{ char: 'h' }], scopes: ['panel'], label: 'hint', description: 'reveal the next hint' },
  [Command.Solution]: {
    bindings: [{ char: 's' }],
    scopes: ['panel'],
    label: 'solution',
    description: 'show the solution (asks first)',
  },
  [Command.NextStep]: {
    bindings: [{ char: 'n' }],
    scopes: ['panel'],
    label: 'next',
    description: 'go to the next step; on a step that has not passed, asks whether to skip it (its solution runs for you)',
  },
  [Command.Continue]: {
    bindings: [enter, { char: 'n' }],
    scopes: ['done'],
    label: 'next lesson',
    description: 'close the lesson summary and go on to the next lesson',
  },
  [Command.Reset]: {
    bindings: [{ char: 'r' }],
    scopes: ['panel'],
    label: 'reset',
    description: 'reset the lesson (asks first)',
  },
  [Command.Lessons]: { bindings: [{ char: 'l' }], scopes: ['panel'], label: 'lessons', description: 'open the lesson list' },
  [Command.Traffic]: {
    bindings: [{ char: 't' }],
    scopes: ['panel'],
    label: 'traffic',
    description: "start or stop the downtime meter on the lesson's Service (the Traffic panel)",
  },
  // `!`: no course command starts with it, so it takes no letter from the prompt's focus rule.
  [Command.RaiseHand]: {
    bindings: [{ char: '!' }],
    scopes: ['panel'],
    label: 'raise hand',
    description: "raise your hand in a workshop: the instructor's board shows it until they clear it",
  },
  [Command.FillSuggested]: {
    bindings: [{ name: 'tab', label: 'Tab' }],
    scopes: ['panel', 'prompt'],
    label: 'edit',
    description: 'put the suggested command into the prompt to edit it',
  },
  [Command.TypeCommand]: {
    bindings: [{ char: ':' }],
    scopes: ['panel'],
    label: 'type',
    description: 'focus the prompt to type a command (needed when it starts with a shortcut letter)',
  },
  [Command.Yes]: { bindings: [{ char: 'y' }], scopes: ['confirm'], label: 'yes', description: 'answer yes' },
  [Command.No]: { bindings: [{ char: 'n' }], scopes: ['confirm'], label: 'no', description: 'answer no' },
  [Command.Select]: {
    bindings: [enter],
    scopes: ['quiz', 'lessons', 'confirm'],
    label: 'choose',
    description: 'answer with / open / confirm the highlighted item',
  },
  [Command.ChooseNumber]: {
    bindings: [{ anyOf: '123456789', label: '1-9' }],
    scopes: ['quiz', 'lessons'],
    label: 'pick',
    description: 'answer with choice N (quiz) or highlight lesson N',
  },
  [Command.Move]: {
    bindings: [{ name: 'up' }, { name: 'down' }],
    scopes: ['quiz', 'lessons', 'help', 'intro', 'done'],
    label: 'move',
    description: 'move the highlight (or scroll the help and the lesson cards)',
  },
  [Command.ToggleChoice]: {
    bindings: [{ name: 'left' }, { name: 'right' }, { name: 'tab', label: 'Tab' }],
    scopes: ['confirm'],
    description: 'switch between yes and no',
  },
  [Command.CloseModal]: {
    bindings: [esc],
    scopes: ['confirm', 'lessons', 'help', 'intro', 'done'],
    label: 'close',
    description: 'close the dialog (also l for the lesson list, ? for the help; any other key closes a lesson card and does what it always does)',
  },
  [Command.ScrollStep]: {
    bindings: [{ name: 'up' }, { name: 'down' }],
    scopes: ['panel'],
    label: 'scroll',
    description: 'scroll the step text',
  },
  [Command.ScrollOutput]: {
    bindings: [{ name: 'pageup', label: 'PgUp' }, { name: 'pagedown', label: 'PgDn' }],
    scopes: ['global'],
    description: 'scroll the output',
  },
  [Command.CursorLeft]: { bindings: [{ name: 'left' }], scopes: ['prompt'], description: 'move the cursor left' },
  [Command.CursorRight]: { bindings: [{ name: 'right' }], scopes: ['prompt'], description: 'move the cursor right' },
  [Command.CursorHome]: {
    bindings: [{ name: 'home', label: 'Home' }, { char: 'a', ctrl: true }],
    scopes: ['prompt'],
    description: 'cursor to the start',
  },
  [Command.CursorEnd]: {
    bindings: [{ name: 'end', label: 'End' }, { char: 'e', ctrl: true }],
    scopes: ['prompt'],
    description: 'cursor to the end',
  },
  [Command.DeleteBack]: {
    // Many terminals send DEL (0x7f) for Backspace, which Ink may report as `delete`.
    bindings: [{ name: 'backspace', label: 'Backspace' }, { name: 'delete' }],
    scopes: ['prompt'],
    description: 'delete the character before the cursor',
  },
  [Command.ClearLine]: { bindings: [{ char: 'u', ctrl: true }], scopes: ['prompt'], description: 'clear the prompt' },
};

function bindingMatches(binding: KeyBinding, press: KeyPress): boolean {
  if (Boolean(binding.ctrl) !== press.ctrl || press.meta) return false;
  if (binding.name !== undefined) return press.name === binding.name;
  if (press.name !== undefined) return false;
  if (binding.char !== undefined) return press.input === binding.char;
  if (binding.anyOf !== undefined) return press.input.length === 1 && binding.anyOf.includes(press.input);
  return false;
}

/** Does this key mean `command`? The only way code looks at keys. */
export function is(press: KeyPress, command: Command): boolean {
  return KEY_TABLE[command].bindings.some((binding) => bindingMatches(binding, press));
}

/** Text typed by the key (one char or a paste), or undefined for named / modified keys. */
export function typedText(press: KeyPress): string | undefined {
  if (press.name !== undefined || press.ctrl || press.meta || press.input === '') return undefined;
  // A pasted newline must not look like Enter: line breaks become spaces, other controls go.
  const text = press.input.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
  return text === '' ? undefined : text;
}

/** Is `press` one of the shortcuts of `scope`? Used by the focus rule. */
export function isShortcutIn(press: KeyPress, scope: KeyScope): boolean {
  return (Object.keys(KEY_TABLE) as Command[]).some(
    (command) => KEY_TABLE[command].scopes.includes(scope) && is(press, command),
  );
}

const NAME_LABELS: Record<KeyName, [unicode: string, ascii: string]> = {
  return: ['Enter', 'Enter'],
  escape: ['Esc', 'Esc'],
  tab: ['Tab', 'Tab'],
  backspace: ['Backspace', 'Backspace'],
  delete: ['Del', 'Del'],
  up: ['↑', 'Up'],
  down: ['↓', 'Down'],
  left: ['←', 'Left'],
  right: ['→', 'Right'],
  pageup: ['PgUp', 'PgUp'],
  pagedown: ['PgDn', 'PgDn'],
  home: ['Home', 'Home'],
  end: ['End', 'End'],
};

function bindingLabel(binding: KeyBinding, ascii: boolean): string {
  if (binding.label !== undefined) return binding.label;
  const base =
    binding.name !== undefined ? NAME_LABELS[binding.name][ascii ? 1 : 0] : (binding.char ?? binding.anyOf ?? '');
  return binding.ctrl ? `Ctrl+${base.toUpperCase()}` : base;
}

/** How the keys of `command` are written, e.g. `h`, `Ctrl+C`, `↑/↓` (`Up/Down` in ASCII). */
export function keyLabel(command: Command, ascii = false): string {
  const labels = KEY_TABLE[command].bindings.map((binding) => bindingLabel(binding, ascii));
  return [...new Set(labels)].join('/');
}

/** Builds a KeyPress from a short spec: `h`, `enter`, `esc`, `tab`, `ctrl+c`, `pageup`, `hello`. */
export function keyPress(spec: string): KeyPress {
  const base = { ctrl: false, meta: false, shift: false };
  const names: Record<string, KeyName> = {
    enter: 'return',
    return: 'return',
    esc: 'escape',
    escape: 'escape',
    tab: 'tab',
    backspace: 'backspace',
    delete: 'delete',
    up: 'up',
    down: 'down',
    left: 'left',
    right: 'right',
    pageup: 'pageup',
    pagedown: 'pagedown',
    home: 'home',
    end: 'end',
  };
  const ctrl = /^ctrl\+(.)$/i.exec(spec);
  if (ctrl?.[1] !== undefined) return { ...base, input: ctrl[1].toLowerCase(), ctrl: true };
  const name = names[spec.toLowerCase()];
  if (name !== undefined && spec.length > 1) return { ...base, input: '', name };
  return { ...base, input: spec, shift: spec.length === 1 && /[A-Z]/.test(spec) };
}
