/**
 * The board's keys, in one table: the help line is generated from it, and code asks
 * `boardCommand(press)`, never compares raw keys.
 */
import type { KeyPress } from '../../ui/keys.js';

export type BoardCommand = 'move' | 'sort' | 'filter' | 'clear-hand' | 'quit';

interface BoardKey {
  command: BoardCommand;
  chars?: string[];
  names?: KeyPress['name'][];
  ctrlChar?: string;
  keys: string;
  label: string;
}

export const BOARD_KEYS: readonly BoardKey[] = [
  { command: 'move', names: ['up', 'down'], keys: '↑/↓', label: 'select' },
  { command: 'clear-hand', chars: ['c'], keys: 'c', label: 'clear hand' },
  { command: 'sort', chars: ['s'], keys: 's', label: 'sort' },
  { command: 'filter', chars: ['f'], keys: 'f', label: 'filter' },
  { command: 'quit', chars: ['q'], ctrlChar: 'c', keys: 'q', label: 'quit' },
];

export function boardCommand(press: KeyPress): BoardCommand | undefined {
  for (const key of BOARD_KEYS) {
    if (press.ctrl) {
      if (key.ctrlChar !== undefined && press.input === key.ctrlChar) return key.command;
      continue;
    }
    if (press.name !== undefined && key.names?.includes(press.name)) return key.command;
    if (press.name === undefined && key.chars?.includes(press.input)) return key.command;
  }
  return undefined;
}

export function boardHelpLine(ascii: boolean, separator: string): string {
  return BOARD_KEYS.map((key) => `${ascii ? key.keys.replace('↑/↓', 'Up/Down') : key.keys} ${key.label}`).join(` ${separator} `);
}
