import { Text } from 'ink';
import type { Symbols } from '../../theme.js';
import { useTheme } from '../../theme.js';

/** Filled and empty parts of a bar of `width` cells for `fraction` in [0, 1]. */
export function progressBarParts(fraction: number, width: number, symbols: Pick<Symbols, 'barFull' | 'barEmpty'>): { filled: string; empty: string } {
  const cells = Math.max(0, Math.floor(width));
  const safe = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  // Never show "full" before the course is really done.
  const full = safe >= 1 ? cells : Math.min(cells - 1, Math.floor(safe * cells));
  const filledCells = Math.max(0, full);
  return { filled: symbols.barFull.repeat(filledCells), empty: symbols.barEmpty.repeat(cells - filledCells) };
}

export interface ProgressBarProps {
  /** In [0, 1]. */
  readonly fraction: number;
  /** Cells of the bar itself. */
  readonly width: number;
}

export function ProgressBar({ fraction, width }: ProgressBarProps) {
  const theme = useTheme();
  const { filled, empty } = progressBarParts(fraction, width, theme.symbols);
  return (
    <Text>
      <Text {...theme.status.ok}>{filled}</Text>
      <Text {...theme.text.dim}>{empty}</Text>
    </Text>
  );
}
