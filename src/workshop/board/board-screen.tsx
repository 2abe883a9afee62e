/**
 * The board, drawn from its state: a summary of the room (how many on each lesson, stuck, hands)
 * and two lines per learner — where they are with a progress bar and the time on the step, then
 * the failing check and the last command. Pure: the state and the width in, a frame out.
 */
import { Box, Text } from 'ink';
import { progressBarParts } from '../../ui/components/outline/progress-bar.js';
import { fitWidth, textWidth, truncateEnd } from '../../ui/text/width.js';
import { useTheme } from '../../ui/theme.js';
import { boardHelpLine } from './board-keys.js';
import { boardRows, boardSummary, formatDuration, type BoardRow, type BoardState } from './board-state.js';

export interface BoardScreenProps {
  state: BoardState;
  width: number;
  /** Rows of the terminal; learners beyond it scroll with the cursor. */
  height?: number;
  /** A line about the last action (a hand cleared, a write that failed). */
  flash?: string;
}

const NAME = 12;
const LESSON = 26;
const STEP = 6;
const BAR = 10;
const TIME = 7;

export function BoardScreen({ state, width, height, flash }: BoardScreenProps) {
  const theme = useTheme();
  const rows = boardRows(state);
  const summary = boardSummary(state);
  const hand = theme.ascii ? '!' : '✋';
  const perLesson = summary.lessons.map((l) => `L${l.lessonNumber ?? '?'} ${l.count}`).join('  ');
  // Two lines per learner under four lines of header and one of help.
  const fits = height === undefined ? rows.length : Math.max(1, Math.floor((height - 5) / 2));
  const first = Math.max(0, Math.min(state.cursor - fits + 1, rows.length - fits));
  const shown = rows.slice(first, first + fits);
  const connection = state.connection.state === 'lost' ? `watch lost: ${state.connection.reason}` : state.connection.state === 'connecting' ? 'connecting…' : 'live';
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text {...theme.text.heading}>kubedojo board</Text>
        <Text {...theme.text.dim}>{` ${theme.symbols.separator} ${summary.learners} learner${summary.learners === 1 ? '' : 's'} ${theme.symbols.separator} ${connection} ${theme.symbols.separator} sort: ${state.sort} ${theme.symbols.separator} filter: ${state.filter}`}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text>{`Room: ${perLesson || 'nobody started yet'}`}</Text>
        {summary.finished > 0 ? <Text {...theme.status.ok}>{`  finished ${summary.finished}`}</Text> : null}
        {summary.stuck > 0 ? <Text {...theme.status.warn}>{`  stuck ${summary.stuck}`}</Text> : null}
        {summary.hands > 0 ? <Text {...theme.status.error}>{`  hands ${summary.hands}`}</Text> : null}
      </Text>
      <Text {...theme.text.dim} wrap="truncate-end">
        {fitWidth(`   ${fitWidth('LEARNER', NAME)} ${fitWidth('LESSON', LESSON)} ${fitWidth('STEP', STEP)} ${fitWidth('COURSE', BAR + 8)} ${fitWidth('ON STEP', TIME)} STATUS`, width)}
      </Text>
      {shown.length === 0 ? (
        <Text {...theme.text.dim}>{rows.length === 0 && summary.learners > 0 ? 'No learner matches the filter.' : 'No learner yet: their apps appear here once they start.'}</Text>
      ) : null}
      {shown.map((row, index) => (
        <LearnerLines key={row.namespace} row={row} selected={first + index === state.cursor} width={width} hand={hand} />
      ))}
      <Text {...theme.text.dim} wrap="truncate-end">
        {truncateEnd(flash ?? boardHelpLine(theme.ascii, theme.symbols.separator), width, theme.symbols.ellipsis)}
      </Text>
    </Box>
  );
}

function LearnerLines({ row, selected, width, hand }: { row: BoardRow; selected: boolean; width: number; hand: string }) {
  const theme = useTheme();
  const pointer = selected ? theme.symbols.pointer : ' ';
  const lesson = row.finished ? 'finished the course' : row.lessonNumber === undefined ? '—' : `${row.lessonNumber} ${row.lessonTitle ?? row.lessonId ?? ''}`;
  const step = row.stepNumber === undefined ? '' : `${row.stepNumber}/${row.stepCount ?? '?'}`;
  const fraction = row.stepsTotal === 0 ? 0 : row.stepsDone / row.stepsTotal;
  const bar = progressBarParts(fraction, BAR, theme.symbols);
  const count = `${row.stepsDone}/${row.stepsTotal}`.padStart(7);
  const time = row.onStepMs === undefined ? '' : formatDuration(row.onStepMs);
  const status = row.problem !== undefined ? `unreadable: ${row.problem}` : row.stuck ? `STUCK ${row.stuckReason ?? ''}` : row.finished ? 'done' : row.stepPassed ? 'step passed' : 'working';
  const detail = [row.failing === undefined ? undefined : `${theme.symbols.fail} ${row.failing}`, row.lastCommand === undefined ? undefined : `$ ${row.lastCommand}${row.lastExitCode ? ` (exit ${row.lastExitCode})` : ''}`]
    .filter((part) => part !== undefined)
    .join(`  ${theme.symbols.separator}  `);
  return (
    <>
      <Text wrap="truncate-end" {...(selected ? theme.text.bold : {})}>
        <Text>{`${pointer}`}</Text>
        <Text {...theme.status.error}>{row.handUp ? hand : ' '.repeat(textWidth(hand))}</Text>
        <Text>{` ${fitWidth(truncateEnd(row.learner, NAME), NAME)} ${fitWidth(truncateEnd(lesson, LESSON), LESSON)} ${fitWidth(step, STEP)} `}</Text>
        <Text {...theme.status.ok}>{bar.filled}</Text>
        <Text {...theme.text.dim}>{bar.empty}</Text>
        <Text>{` ${count} ${fitWidth(time, TIME)} `}</Text>
        <Text {...(row.stuck || row.problem ? theme.status.warn : row.finished || row.stepPassed ? theme.status.ok : theme.text.dim)}>{status}</Text>
      </Text>
      <Text {...theme.text.dim} wrap="truncate-end">
        {truncateEnd(`     ${detail}`, width, theme.symbols.ellipsis)}
      </Text>
    </>
  );
}
