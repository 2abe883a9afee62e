import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import type { CourseSummaryView, StepView } from '../../model.js';
import { CourseSummaryPane } from '../summary/course-summary-pane.js';
import type { StepLocalState } from '../../state/view-state.js';
import { useTheme } from '../../theme.js';
import { PaneHeader } from '../pane-header.js';
import { QuizView, quizRows } from '../quiz/quiz-view.js';
import { StyledText } from '../styled-text.js';
import { stepBodyLines } from './step-lines.js';

/** Rows left for the step text in a pane of `height` rows. */
export function stepTextRows(height: number, step: StepView | undefined, width: number): number {
  return Math.max(1, height - 1 - quizRows(step?.quiz, width));
}

export interface StepPaneProps {
  readonly step: StepView | undefined;
  /** Revealed hints, solution, quiz cursor and scroll of this step. */
  readonly local: StepLocalState;
  readonly width: number;
  /** Rows, header included. */
  readonly height: number;
  /** Whether the quiz receives keys (the prompt is not focused and no modal is open). */
  readonly quizActive?: boolean;
  /** Shown when `step` is undefined. */
  readonly emptyMessage?: string;
  /** The course is finished: its summary takes the step's place. */
  readonly summary?: CourseSummaryView | undefined;
}

/** Step title, Markdown text, revealed hints, the solution after confirmation, and the quiz. */
function StepPaneView({ step, local, width, height, quizActive = true, emptyMessage = 'No step loaded.', summary }: StepPaneProps) {
  const theme = useTheme();
  const lines = useMemo(
    () => (step === undefined ? [] : stepBodyLines(step, local, width, theme.symbols)),
    [step, local.revealedHints, local.solutionShown, width, theme.symbols],
  );
  if (step === undefined && summary !== undefined) return <CourseSummaryPane summary={summary} width={width} height={height} />;
  if (step === undefined) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <PaneHeader title="Step" width={width} />
        <Text {...theme.text.dim}>{emptyMessage}</Text>
      </Box>
    );
  }
  const rows = stepTextRows(height, step, width);
  const maxScroll = Math.max(0, lines.length - rows);
  const scroll = Math.min(local.scroll, maxScroll);
  const below = lines.length - scroll - rows;
  const { separator, scrollUp, scrollDown } = theme.symbols;
  // Most important first: the header is cut at the pane width.
  const more = [scroll > 0 ? `${scrollUp}${scroll}` : '', below > 0 ? `${scrollDown}${below}` : ''].filter(Boolean).join(' ');
  const info = [`step ${step.index + 1}/${step.count}`, step.skipped ? `${theme.symbols.skipped} skipped` : '', more, step.lessonTitle].filter(Boolean).join(` ${separator} `);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneHeader title={step.title} info={info} width={width} />
      <Box flexDirection="column" height={rows} overflow="hidden">
        {lines.slice(scroll, scroll + rows).map((line, i) => (
          <StyledText key={scroll + i} line={line} />
        ))}
      </Box>
      {step.quiz !== undefined && <QuizView quiz={step.quiz} cursor={local.quizCursor} active={quizActive} width={width} />}
    </Box>
  );
}

/** Memoized: re-renders only when its props change (output streams re-render the screen often). */
export const StepPane = memo(StepPaneView);
