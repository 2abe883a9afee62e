/**
 * Help generated from the key table: the one-line summary at the bottom of the screen and the
 * sections of the help overlay. Nothing here knows a key that is not in `KEY_TABLE`.
 */
import { KEY_TABLE, keyLabel, type Command, type KeyBinding, type KeyScope } from './keys.js';

export interface HelpEntry {
  readonly command: Command;
  readonly keys: string;
  readonly label?: string;
  readonly description: string;
}

/** Table entries of the given scopes, in table order (the scopes' order does not matter). */
export function entriesFor(scopes: readonly KeyScope[], ascii = false): HelpEntry[] {
  return (Object.keys(KEY_TABLE) as Command[])
    .filter((command) => KEY_TABLE[command].scopes.some((scope) => scopes.includes(scope)))
    .map((command) => {
      const spec = KEY_TABLE[command];
      return { command, keys: keyLabel(command, ascii), label: spec.label, description: spec.description };
    });
}

export const SCOPE_TITLES: Readonly<Record<KeyScope, string>> = {
  global: 'Everywhere',
  panel: 'Lesson (prompt not focused)',
  prompt: 'Prompt',
  running: 'While a command runs',
  quiz: 'Quiz',
  confirm: 'Yes/no questions',
  lessons: 'Lesson list',
  help: 'This help',
  intro: 'Lesson intro (other keys work as in the lesson)',
  done: 'Lesson summary',
};

/** Help-overlay sections: every scope with its entries. */
export function helpSections(ascii = false): { scope: KeyScope; title: string; entries: HelpEntry[] }[] {
  return (Object.keys(SCOPE_TITLES) as KeyScope[]).map((scope) => ({
    scope,
    title: SCOPE_TITLES[scope],
    entries: entriesFor([scope], ascii),
  }));
}

function bindingId(binding: KeyBinding): string {
  return `${binding.ctrl ? 'ctrl+' : ''}${binding.name ?? binding.char ?? binding.anyOf ?? ''}`;
}

/**
 * The one-line key summary at the bottom, generated from the table. `scopes` are the active
 * scopes, most specific first: a key claimed by an earlier scope hides the entries of later
 * scopes bound to the same key (in a quiz, Enter means "choose", not "run"). Entries without a
 * help-line label are left out; entries that do not fit into `width` are dropped.
 */
export function helpLine(
  scopes: readonly KeyScope[],
  options: { width?: number; ascii?: boolean; separator?: string } = {},
): string {
  const { width = Number.POSITIVE_INFINITY, ascii = false, separator = '·' } = options;
  const joiner = ` ${separator} `;
  const claimed = new Set<string>();
  const items: string[] = [];
  for (const scope of scopes) {
    const claimedHere: string[] = [];
    for (const entry of entriesFor([scope], ascii)) {
      const ids = KEY_TABLE[entry.command].bindings.map(bindingId);
      if (ids.some((id) => claimed.has(id))) continue;
      claimedHere.push(...ids);
      if (entry.label !== undefined) items.push(`${entry.keys} ${entry.label}`);
    }
    for (const id of claimedHere) claimed.add(id);
  }
  let line = '';
  for (const item of new Set(items)) {
    const next = line === '' ? item : line + joiner + item;
    if ([...next].length <= width) line = next;
  }
  return line;
}
