import { memo } from 'react';
import { Box, Text } from 'ink';
import { Command, keyLabel } from '../../keys.js';
import type { CheckView } from '../../model.js';
import { textWidth, truncateEnd } from '../../text/width.js';
import { useTheme } from '../../theme.js';
import { PaneHeader } from '../pane-header.js';
import { fitCheckRows, MESSAGE_INDENT } from './check-rows.js';

export { checkRows } from './check-rows.js';

export interface ChecksPanelProps {
  readonly checks: readonly CheckView[];
  /** The step passed: show the "press n" banner. */
  readonly passed: boolean;
  /** The step was skipped earlier: the banner says so instead of "passed". */
  readonly skipped?: boolean;
  readonly width: number;
  /** Rows, header included. */
  readonly height: number;
}

/** ✔ / ✖ per check with what is still missing (failing first, wrapped), and a banner once the step has passed. */
function ChecksPanelView({ checks, passed, skipped = false, width, height }: ChecksPanelProps) {
  const theme = useTheme();
  const { symbols } = theme;
  const okCount = checks.filter((check) => check.ok).length;
  const room = Math.max(0, height - 1 - (passed ? 1 : 0));
  const rows = fitCheckRows(checks, width, room, textWidth(symbols.ok) + 1);
  const next = keyLabel(Command.NextStep, theme.ascii);
  const banner = skipped && okCount < checks.length ? ` ${symbols.skipped} step skipped ${symbols.dash} press ${next} ` : ` ${symbols.ok} step passed ${symbols.dash} press ${next} `;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneHeader
        title="Checks"
        info={checks.length === 0 ? undefined : `${okCount}/${checks.length}`}
        infoStyle={theme.status[okCount === checks.length ? 'ok' : 'warn']}
        width={width}
      />
      {passed && (
        <Text wrap="truncate-end" {...theme.status[skipped && okCount < checks.length ? 'warn' : 'ok']} bold inverse>
          {truncateEnd(banner, width, symbols.ellipsis)}
        </Text>
      )}
      {checks.length === 0 && !passed && <Text {...theme.text.dim}>No checks for this step.</Text>}
      {rows.map((row, i) => {
        if (row.kind === 'check') {
          const mark = row.check.ok ? symbols.ok : symbols.fail;
          return (
            <Text key={i}>
              <Text {...theme.status[row.check.ok ? 'ok' : 'error']}>{row.first ? mark : ' '.repeat(textWidth(mark))}</Text>
              {` ${row.text}`}
            </Text>
          );
        }
        if (row.kind === 'folded') return <Text key={i} {...theme.text.dim}>{`${' '.repeat(MESSAGE_INDENT)}${row.text}`}</Text>;
        return <Text key={i} {...theme.status.warn}>{`${' '.repeat(MESSAGE_INDENT)}${row.text}`}</Text>;
      })}
    </Box>
  );
}

/** Memoized: re-renders only when its props change (output streams re-render the screen often). */
export const ChecksPanel = memo(ChecksPanelView);
