import { memo } from 'react';
import { Box, Text } from 'ink';
import type { RunState } from '../../state/view-state.js';
import { plainText, wrapSegments } from '../../text/styled.js';
import { hardWrap, textWidth as measure, truncateEnd } from '../../text/width.js';
import type { OutputLine } from './output-state.js';
import { useTheme, type TextStyle, type Theme } from '../../theme.js';
import { PaneHeader } from '../pane-header.js';
import { visibleOutput, type OutputState } from './output-state.js';

/** Header text and style for the run status: `running`, `exit 0`, `exit 1`, `stopped (SIGINT)`. */
export function runStatus(run: RunState, theme: Theme): { text: string; style: TextStyle } | undefined {
  switch (run.phase) {
    case 'idle':
      return undefined;
    case 'running':
      return { text: 'running', style: theme.status.info };
    case 'stopping':
      return { text: `stopping${theme.symbols.ellipsis}`, style: theme.status.warn };
    case 'exited':
      if (run.error !== undefined) return { text: `failed: ${run.error}`, style: theme.status.error };
      if (run.exitCode === null) return { text: `stopped${run.signal ? ` (${run.signal})` : ''}`, style: theme.status.warn };
      return { text: `exit ${run.exitCode}`, style: theme.status[run.exitCode === 0 ? 'ok' : 'error'] };
  }
}

/** One screen row of output: long lines wrap (a learner must read all of it, issue #8 item 7). */
export interface OutputRow {
  readonly stream: OutputLine['stream'];
  readonly text: string;
  /** The first row of its line (the stderr marker goes there). */
  readonly first: boolean;
}

/**
 * A line's rows at the width they were wrapped to. Lines are immutable and kept by reference while
 * they are in the buffer, so each is wrapped once per width, not once per frame (a streaming
 * command redraws the pane 30 times a second); a line that drops out of the buffer takes its
 * entry with it.
 */
const wrapCache = new WeakMap<OutputLine, { readonly width: number; readonly rows: readonly string[] }>();

function wrapLine(line: OutputLine, width: number): readonly string[] {
  const cached = wrapCache.get(line);
  if (cached !== undefined && cached.width === width) return cached.rows;
  // kubedojo's own guidance is prose (word wrap); command output keeps its columns (hard wrap).
  const rows = line.text.startsWith('kubedojo: ') ? wrapSegments([{ text: line.text }], width).map(plainText) : hardWrap(line.text, width);
  wrapCache.set(line, { width, rows });
  return rows;
}

/** The last `rows` rows of `lines` wrapped to `width`. */
export function outputRows(lines: readonly OutputLine[], width: number, rows: number): OutputRow[] {
  const out: OutputRow[] = [];
  for (let i = lines.length - 1; i >= 0 && out.length < rows; i -= 1) {
    const line = lines[i]!;
    out.unshift(...wrapLine(line, width).map((text, k) => ({ stream: line.stream, text, first: k === 0 })));
  }
  return out.slice(Math.max(0, out.length - rows));
}

export interface OutputPaneProps {
  readonly output: OutputState;
  readonly run: RunState;
  readonly width: number;
  /** Rows, header included. */
  readonly height: number;
}

/**
 * The last lines of the running / last command. Only the rows that fit are rendered, whatever
 * the buffer holds; stderr lines carry a marker in the gutter (and the error colour).
 */
function OutputPaneView({ output, run, width, height }: OutputPaneProps) {
  const theme = useTheme();
  const rows = Math.max(0, height - 1);
  const { lines, above, below } = visibleOutput(output, rows);
  const status = runStatus(run, theme);
  const title = run.phase === 'idle' ? 'Output' : `$ ${run.command}`;
  const scrolled = [above > 0 ? `${above} earlier` : '', below > 0 ? `${below} newer` : ''].filter(Boolean).join(', ');
  const info = [status?.text, scrolled].filter(Boolean).join(` ${theme.symbols.separator} `);
  const gutter = Math.max(1, measure(theme.symbols.stderr));
  const textWidth = Math.max(1, width - gutter - 1);
  const blank = ' '.repeat(gutter);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneHeader title={title} info={info === '' ? undefined : info} infoStyle={status?.style} width={width} />
      {lines.length === 0 && run.phase === 'idle' ? (
        <Text {...theme.text.dim}>{truncateEnd('Output of your commands appears here.', width, theme.symbols.ellipsis)}</Text>
      ) : (
        // One Text per row, gutter included (the gutter of an stdout row is blank, so its style
        // shows nothing): Ink lays out, styles and measures each Text node on every frame.
        outputRows(lines, textWidth, rows).map((row, i) => (
          <Text key={i} {...(row.stream === 'stderr' ? theme.status.error : theme.text.primary)}>
            {`${row.stream === 'stderr' && row.first ? theme.symbols.stderr : blank} ${row.text}`}
          </Text>
        ))
      )}
    </Box>
  );
}

/** Memoized: re-renders only when its props change (output streams re-render the screen often). */
export const OutputPane = memo(OutputPaneView);
