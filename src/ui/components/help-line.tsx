import { Text } from 'ink';
import { memo } from 'react';
import { helpLine } from '../key-help.js';
import type { KeyScope } from '../keys.js';
import type { FlashTone } from '../state/view-state.js';
import { truncateEnd } from '../text/width.js';
import { useTheme } from '../theme.js';

export interface HelpLineProps {
  /** The active key scopes, most specific first. */
  readonly scopes: readonly KeyScope[];
  readonly width: number;
  /** Feedback for the last key; replaces the help line until the next key. */
  readonly flash?: { readonly text: string; readonly tone: FlashTone };
}

/** The bottom row: the keys that work right now, generated from the key table. */
function HelpLineView({ scopes, width, flash }: HelpLineProps) {
  const theme = useTheme();
  if (flash !== undefined) {
    return (
      <Text wrap="truncate-end" {...theme.status[flash.tone]}>
        {truncateEnd(flash.text, width, theme.symbols.ellipsis)}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end" {...theme.text.dim}>
      {helpLine(scopes, { width, ascii: theme.ascii, separator: theme.symbols.separator })}
    </Text>
  );
}

const sameScopes = (a: readonly KeyScope[], b: readonly KeyScope[]): boolean => a.length === b.length && a.every((scope, i) => scope === b[i]);

/**
 * Memoized on what it shows: the screen computes `scopes` afresh on every render, and a streaming
 * command re-renders the screen 30 times a second with the same keys.
 */
export const HelpLine = memo(HelpLineView, (a, b) => a.width === b.width && a.flash === b.flash && sameScopes(a.scopes, b.scopes));
