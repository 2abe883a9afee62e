import { memo } from 'react';
import { Box, Text } from 'ink';
import { Command, keyLabel } from '../../keys.js';
import type { CheckView } from '../../model.js';
import { plainText, wrapSegments } from '../../text/styled.js';
import { truncateEnd } from '../../text/width.js';
import { useTheme } from '../../theme.js';
import { PaneHeader } from '../pane-header.js';

type Row = { readonly kind: 'check'; readonly check: CheckView } | { readonly kind: 'message'; readonly text: string };

const MESSAGE_INDENT = 2;
const MESSAGE_LINES = 2;

/** A row per check, plus up to two rows saying what is missing under each failing check. */
export function checkRows(checks: readonly CheckView[], width: number): Row[] {
  return checks.flatMap((check): Row[] => {
    if (check.ok || check.message === undefined || check.message === '') return [{ kind: 'check', check }];
    const wrapped = wrapSegments([{ text: check.message }], Math.max(1, width - MESSAGE_INDENT)).map(plainText);
    const shown = wrapped.slice(0, MESSAGE_LINES);
    if (wrapped.length > MESSAGE_LINES) shown[MESSAGE_LINES - 1] = `${shown[MESSAGE_LINES - 1] ?? ''} ${wrapped.slice(MESSAGE_LINES).join(' ')}`;
    return [{ kind: 'check', check }, ...shown.map((text): Row => ({ kind: 'message', text }))];
  });
}

export interface ChecksPanelProps {
  readonly checks: readonly CheckView[];
  /** The step passed: show the "press n" banner. */
  readonly passed: boolean;
  readonly width: number;
  /** Rows, header included. */
  readonly height: number;
}

/** ✔ / ✖ per check with what is still missing, and a banner once the step has passed. */
function ChecksPanelView({ checks, passed, width, height }: ChecksPanelProps) {
  const theme = useTheme();
  const { symbols } = theme;
  const okCount = checks.filter((check) => check.ok).length;
  let rows = checkRows(checks, width);
  const room = Math.max(0, height - 1 - (passed ? 1 : 0));
  if (rows.length > room) {
    // Failing checks matter most: keep them, cut passing ones, and say how many are hidden.
    const failingFirst = [...rows.filter((r) => !(r.kind === 'check' && r.check.ok)), ...rows.filter((r) => r.kind === 'check' && r.check.ok)];
    const kept = failingFirst.slice(0, Math.max(0, room - 1));
    rows = [...kept, { kind: 'message', text: `+${failingFirst.length - kept.length} more` }];
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneHeader
        title="Checks"
        info={checks.length === 0 ? undefined : `${okCount}/${checks.length}`}
        infoStyle={theme.status[okCount === checks.length ? 'ok' : 'warn']}
        width={width}
      />
      {passed && (
        <Text wrap="truncate-end" {...theme.status.ok} bold inverse>
          {truncateEnd(` ${symbols.ok} step passed ${symbols.dash} press ${keyLabel(Command.NextStep, theme.ascii)} `, width, symbols.ellipsis)}
        </Text>
      )}
      {checks.length === 0 && !passed && <Text {...theme.text.dim}>{truncateEnd('No checks for this step.', width, symbols.ellipsis)}</Text>}
      {rows.map((row, i) =>
        row.kind === 'check' ? (
          <Text key={i} wrap="truncate-end">
            <Text {...theme.status[row.check.ok ? 'ok' : 'error']}>{row.check.ok ? symbols.ok : symbols.fail}</Text>
            {` ${truncateEnd(row.check.label, Math.max(1, width - symbols.ok.length - 1), symbols.ellipsis)}`}
          </Text>
        ) : (
          <Text key={i} wrap="truncate-end" {...theme.status.warn}>
            {truncateEnd(`${' '.repeat(MESSAGE_INDENT)}${row.text}`, width, symbols.ellipsis)}
          </Text>
        ),
      )}
    </Box>
  );
}

/** Memoized: re-renders only when its props change (output streams re-render the screen often). */
export const ChecksPanel = memo(ChecksPanelView);
