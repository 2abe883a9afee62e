import { memo } from 'react';
import { Box, Text } from 'ink';
import { courseProgress, type CourseOutline as Outline, type LessonStatus, type LessonSummary } from '../../model.js';
import { textWidth, truncateEnd } from '../../text/width.js';
import { useTheme, type Symbols, type TextStyle, type Theme } from '../../theme.js';
import { PaneHeader } from '../pane-header.js';
import { ProgressBar } from './progress-bar.js';

export function lessonSymbol(status: LessonStatus, symbols: Symbols): string {
  switch (status) {
    case 'done':
      return symbols.lessonDone;
    case 'skipped':
      return symbols.skipped;
    case 'open':
      return symbols.lessonOpen;
    case 'locked':
      return symbols.lessonLocked;
  }
}

/** ` 4/6`, then ` ↷1` for skipped steps and ` 8m` for the author's estimate. */
export function lessonCounts(lesson: LessonSummary, symbols: Symbols): string {
  const skipped = (lesson.stepsSkipped ?? 0) > 0 ? ` ${symbols.skipped}${lesson.stepsSkipped}` : '';
  const minutes = lesson.minutes === undefined ? '' : ` ${lesson.minutes}m`;
  return ` ${lesson.stepsDone}/${lesson.stepsTotal}${skipped}${minutes}`;
}

export function lessonStyle(status: LessonStatus, current: boolean, theme: Theme): TextStyle {
  if (current) return { ...theme.text.accent, bold: true };
  return status === 'done' ? theme.status.ok : status === 'skipped' ? theme.status.warn : status === 'locked' ? theme.text.dim : theme.text.primary;
}

function percent(fraction: number): string {
  return `${Math.floor(fraction * 100)}%`;
}

/** One lesson: `✔ Title      4/4 8m` (`↷ Title  3/4 ↷1 8m` with a skipped step), the title cut to fit. */
export function LessonRow({ lesson, current, width }: { lesson: LessonSummary; current: boolean; width: number }) {
  const theme = useTheme();
  const mark = `${current ? theme.symbols.pointer : ' '} ${lessonSymbol(lesson.status, theme.symbols)} `;
  const count = lessonCounts(lesson, theme.symbols);
  const room = Math.max(1, width - textWidth(mark) - textWidth(count));
  const title = truncateEnd(lesson.title, room, theme.symbols.ellipsis);
  const pad = ' '.repeat(Math.max(0, room - textWidth(title)));
  return (
    <Text wrap="truncate-end" {...lessonStyle(lesson.status, current, theme)}>
      {mark}
      {title}
      {pad}
      <Text {...theme.text.dim}>{count}</Text>
    </Text>
  );
}

export interface CourseOutlineProps {
  readonly outline: Outline;
  readonly width: number;
  /** Rows available, header included. */
  readonly height: number;
}

/** The outline column: overall progress bar, then every lesson with its status. */
function CourseOutlineView({ outline, width, height }: CourseOutlineProps) {
  const progress = courseProgress(outline);
  const label = ` ${percent(progress.fraction)}`;
  const rows = Math.max(0, height - 2);
  const current = Math.max(0, outline.lessons.findIndex((lesson) => lesson.id === outline.currentLessonId));
  // Keep the current lesson in view when the list is longer than the pane.
  const start = Math.min(Math.max(0, current - Math.floor(rows / 2)), Math.max(0, outline.lessons.length - rows));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <PaneHeader title="Course" width={width} />
      <Text wrap="truncate-end">
        {' '}
        <ProgressBar fraction={progress.fraction} width={Math.max(1, width - 1 - textWidth(label))} />
        {label}
      </Text>
      {outline.lessons.slice(start, start + rows).map((lesson) => (
        <LessonRow key={lesson.id} lesson={lesson} current={lesson.id === outline.currentLessonId} width={width} />
      ))}
    </Box>
  );
}

/** The outline folded into one row for narrow terminals: bar, percent, lessons done. */
export function OutlineBar({ outline, width }: { outline: Outline; width: number }) {
  const theme = useTheme();
  const progress = courseProgress(outline);
  const done = outline.lessons.filter((lesson) => lesson.status === 'done').length;
  const title = 'Course ';
  const tail = ` ${percent(progress.fraction)} ${theme.symbols.separator} ${done}/${outline.lessons.length} lessons done`;
  const barWidth = Math.max(4, Math.min(20, width - textWidth(title) - textWidth(tail)));
  return (
    <Text wrap="truncate-end">
      <Text {...theme.text.bold}>{title}</Text>
      <ProgressBar fraction={progress.fraction} width={barWidth} />
      <Text {...theme.text.dim}>{tail}</Text>
    </Text>
  );
}

/** Memoized: re-renders only when its props change (output streams re-render the screen often). */
export const CourseOutline = memo(CourseOutlineView);
