import { createContext, useContext } from 'react';
import type { UiOptions } from './options.js';

/** The subset of Ink `<Text>` props a style token may set. */
export interface TextStyle {
  readonly color?: string;
  readonly dimColor?: boolean;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
}

/** Semantic meanings; components pick a tone, the theme picks the colour. */
export type Tone = 'ok' | 'warn' | 'error' | 'info' | 'muted' | 'terminating';

export interface Symbols {
  readonly ok: string;
  readonly fail: string;
  readonly lessonDone: string;
  readonly lessonOpen: string;
  readonly lessonLocked: string;
  /** A lesson finished with skipped steps, a skipped step. */
  readonly skipped: string;
  readonly pointer: string;
  readonly prompt: string;
  readonly bullet: string;
  readonly barFull: string;
  readonly barEmpty: string;
  readonly rule: string;
  readonly ellipsis: string;
  readonly separator: string;
  readonly dot: string;
  readonly stderr: string;
  readonly arrowsUpDown: string;
  readonly arrowsLeftRight: string;
  readonly scrollUp: string;
  readonly scrollDown: string;
  readonly dash: string;
}

export interface Theme {
  readonly name: 'color' | 'no-color';
  readonly ascii: boolean;
  readonly text: {
    readonly primary: TextStyle;
    readonly dim: TextStyle;
    readonly heading: TextStyle;
    readonly bold: TextStyle;
    readonly italic: TextStyle;
    readonly code: TextStyle;
    readonly accent: TextStyle;
    readonly selected: TextStyle;
    readonly badge: TextStyle;
  };
  readonly status: Readonly<Record<Tone, TextStyle>>;
  readonly symbols: Symbols;
}

const unicodeSymbols: Symbols = {
  ok: '✔',
  fail: '✖',
  lessonDone: '✔',
  lessonOpen: '○',
  lessonLocked: '◌',
  skipped: '↷',
  pointer: '❯',
  prompt: '❯',
  bullet: '•',
  barFull: '█',
  barEmpty: '░',
  rule: '─',
  ellipsis: '…',
  separator: '·',
  dot: '●',
  stderr: '▌',
  arrowsUpDown: '↑/↓',
  arrowsLeftRight: '←/→',
  scrollUp: '↑',
  scrollDown: '↓',
  dash: '—',
};

// Checks use the `[x]` / `[ ]` pair the product asked for; the rest mirrors the Unicode set.
const asciiSymbols: Symbols = {
  ok: '[x]',
  fail: '[ ]',
  lessonDone: '[x]',
  lessonOpen: '[ ]',
  lessonLocked: '[-]',
  skipped: '[>]',
  pointer: '>',
  prompt: '>',
  bullet: '*',
  barFull: '#',
  barEmpty: '-',
  rule: '-',
  ellipsis: '~',
  separator: '|',
  dot: '*',
  stderr: '!',
  arrowsUpDown: 'Up/Down',
  arrowsLeftRight: 'Left/Right',
  scrollUp: 'up ',
  scrollDown: 'down ',
  dash: '-',
};

// Named colours only: chalk maps them to the 16 basic ANSI colours every terminal has.
const colorText: Theme['text'] = {
  primary: {},
  dim: { dimColor: true },
  heading: { bold: true, color: 'cyan' },
  bold: { bold: true },
  italic: { italic: true },
  code: { color: 'yellow' },
  accent: { color: 'cyan' },
  selected: { inverse: true },
  badge: { color: 'magenta', inverse: true, bold: true },
};

const colorStatus: Theme['status'] = {
  ok: { color: 'green' },
  warn: { color: 'yellow' },
  error: { color: 'red' },
  info: { color: 'cyan' },
  muted: { dimColor: true },
  terminating: { color: 'magenta', dimColor: true },
};

// NO_COLOR: meaning is carried by symbols, bold, dim and inverse (none of which is a colour).
const plainText: Theme['text'] = {
  primary: {},
  dim: { dimColor: true },
  heading: { bold: true, underline: true },
  bold: { bold: true },
  italic: { italic: true },
  code: {},
  accent: { bold: true },
  selected: { inverse: true },
  badge: { inverse: true, bold: true },
};

const plainStatus: Theme['status'] = {
  ok: {},
  warn: { bold: true },
  error: { bold: true },
  info: {},
  muted: { dimColor: true },
  terminating: { dimColor: true },
};

/** Builds the theme for the given options (default: colours and Unicode symbols). */
export function createTheme(options: Partial<UiOptions> = {}): Theme {
  const noColor = options.noColor ?? false;
  const ascii = options.ascii ?? false;
  return {
    name: noColor ? 'no-color' : 'color',
    ascii,
    text: noColor ? plainText : colorText,
    status: noColor ? plainStatus : colorStatus,
    symbols: ascii ? asciiSymbols : unicodeSymbols,
  };
}

export const ThemeContext = createContext<Theme>(createTheme());

/** The theme of the nearest provider; colours and Unicode when there is none. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
