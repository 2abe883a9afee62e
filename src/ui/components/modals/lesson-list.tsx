import { Box, Text } from 'ink';
import type { LessonSummary } from '../../model.js';
import { textWidth, truncateEnd } from '../../text/width.js';
import { useTheme } from '../../theme.js';
import { lessonCounts, lessonStyle, lessonSymbol } from '../outline/course-outline.js';
import { lockedReason } from './modal-keys.js';

export interface LessonListProps {
  readonly lessons: readonly LessonSummary[];
  /** Highlighted row (0-based). */
  readonly cursor: number;
  readonly currentLessonId?: string;
  readonly width: number;
  readonly height: number;
}

/** Choose a lesson; a highlighted locked lesson explains what it requires. */
export function LessonList({ lessons, cursor, currentLessonId, width, height }: LessonListProps) {
  const theme = useTheme();
  const { symbols } = theme;
  const inner = Math.max(10, width - 4);
  const rows = Math.max(1, height - 5);
  const start = Math.min(Math.max(0, cursor - rows + 1), Math.max(0, lessons.length - rows));
  const selected = lessons[cursor];
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle={theme.ascii ? 'classic' : 'round'} paddingX={1} overflow="hidden">
      <Text wrap="truncate-end" {...theme.text.heading}>
        Lessons
      </Text>
      {lessons.slice(start, start + rows).map((lesson, offset) => {
        const i = start + offset;
        const lead = `${i === cursor ? symbols.pointer : ' '} ${i + 1}. ${lessonSymbol(lesson.status, symbols)} `;
        const count = `${lessonCounts(lesson, symbols)}${lesson.id === currentLessonId ? ' (current)' : ''}`;
        const title = truncateEnd(lesson.title, Math.max(1, inner - textWidth(lead) - textWidth(count)), symbols.ellipsis);
        const style = i === cursor ? { ...lessonStyle(lesson.status, false, theme), ...theme.text.selected } : lessonStyle(lesson.status, false, theme);
        return (
          <Text key={lesson.id} wrap="truncate-end" {...style}>
            {lead}
            {title}
            {count}
          </Text>
        );
      })}
      <Text> </Text>
      <Text wrap="truncate-end" {...(selected?.status === 'locked' ? theme.status.warn : theme.text.dim)}>
        {selected === undefined
          ? ''
          : selected.status === 'locked'
            ? truncateEnd(lockedReason(selected), inner, symbols.ellipsis)
            : truncateEnd(`Enter opens "${selected.title}"`, inner, symbols.ellipsis)}
      </Text>
    </Box>
  );
}
