import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { Command, keyLabel } from '../../keys.js';
import type { LessonSummary } from '../../model.js';
import { wrapSegments } from '../../text/styled.js';
import { useTheme } from '../../theme.js';
import type { CardKind } from '../modals/modal-state.js';
import { PaneHeader } from '../pane-header.js';
import { StyledText } from '../styled-text.js';
import { lessonCardLines } from './lesson-card-lines.js';

export interface LessonCardProps {
  readonly card: CardKind;
  readonly lessonId: string;
  readonly lessons: readonly LessonSummary[];
  /** Enter moves on to the next lesson (a summary opened by `n`). */
  readonly advance: boolean;
  readonly scroll: number;
  readonly width: number;
  /** Rows, header and footer included. */
  readonly height: number;
}

/** Rows of text a card of `height` rows shows (header and key footer excluded). */
export function lessonCardRows(height: number): number {
  return Math.max(1, height - 2);
}

/** The lesson's intro or its summary, in place of the checks, Pods and output panes. */
export function LessonCard({ card, lessonId, lessons, advance, scroll, width, height }: LessonCardProps) {
  const theme = useTheme();
  const { symbols } = theme;
  const lines = useMemo(() => lessonCardLines({ card, lessons, lessonId, width, symbols }), [card, lessons, lessonId, width, symbols]);
  const rows = lessonCardRows(height);
  const start = Math.min(scroll, Math.max(0, lines.length - rows));
  const below = lines.length - start - rows;
  const more = [start > 0 ? `${symbols.scrollUp}${start}` : '', below > 0 ? `${symbols.scrollDown}${below}` : ''].filter(Boolean).join(' ');
  const close = keyLabel(Command.CloseModal, theme.ascii);
  const footer =
    card === 'intro'
      ? `${close} closes this ${symbols.separator} Enter runs the first command ${symbols.separator} ${keyLabel(Command.Move, theme.ascii)} scroll`
      : advance
        ? `Enter goes on to the next lesson ${symbols.separator} ${close} stays here ${symbols.separator} ${keyLabel(Command.Move, theme.ascii)} scroll`
        : `${close} closes this ${symbols.separator} ${keyLabel(Command.Move, theme.ascii)} scroll`;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneHeader title={card === 'intro' ? 'New lesson' : 'Lesson finished'} info={more === '' ? undefined : more} width={width} />
      <Box flexDirection="column" height={rows} overflow="hidden">
        {lines.slice(start, start + rows).map((line, i) => (
          <StyledText key={start + i} line={line} />
        ))}
      </Box>
      <StyledText line={wrapSegments([{ text: footer, styles: ['dim'] }], Number.MAX_SAFE_INTEGER)[0] ?? []} />
    </Box>
  );
}
