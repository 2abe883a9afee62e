import { Box, Text } from 'ink';
import type { QuizView as Quiz } from '../../model.js';
import { truncateEnd } from '../../text/width.js';
import { useTheme } from '../../theme.js';

/** Rows the quiz block takes: a blank separator, the question, the choices, the verdict. */
export function quizRows(quiz: Quiz | undefined): number {
  if (quiz === undefined) return 0;
  return 2 + quiz.choices.length + (quiz.answer === undefined ? 0 : 1);
}

export interface QuizViewProps {
  readonly quiz: Quiz;
  /** Highlighted choice (0-based) while unanswered. */
  readonly cursor: number;
  /** False while the prompt has focus: then arrows and digits do not reach the quiz. */
  readonly active: boolean;
  readonly width: number;
}

export function QuizView({ quiz, cursor, active, width }: QuizViewProps) {
  const theme = useTheme();
  const { symbols } = theme;
  const answer = quiz.answer;
  return (
    <Box flexDirection="column" width={width}>
      <Text> </Text>
      <Text wrap="truncate-end" {...theme.text.bold}>
        {truncateEnd(`? ${quiz.question}`, width, symbols.ellipsis)}
      </Text>
      {quiz.choices.map((choice, i) => {
        const chosen = answer?.choice === i;
        const highlighted = answer === undefined && active && i === cursor;
        const mark = chosen ? (answer?.correct ? symbols.ok : symbols.fail) : highlighted ? symbols.pointer : ' ';
        const style = chosen ? theme.status[answer?.correct ? 'ok' : 'error'] : highlighted ? theme.text.selected : theme.text.primary;
        return (
          <Text key={i} wrap="truncate-end">
            <Text {...style}>{truncateEnd(`${mark} ${i + 1}. ${choice}`, width, symbols.ellipsis)}</Text>
          </Text>
        );
      })}
      {answer !== undefined && (
        <Text wrap="truncate-end" {...theme.status[answer.correct ? 'ok' : 'warn']}>
          {truncateEnd(`${answer.correct ? 'Correct' : 'Not quite'}${answer.explanation ? ` ${symbols.dash} ${answer.explanation}` : ''}`, width, symbols.ellipsis)}
        </Text>
      )}
    </Box>
  );
}
