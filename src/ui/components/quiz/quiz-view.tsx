import { Box, Text } from 'ink';
import type { QuizView as Quiz } from '../../model.js';
import { plainText, wrapSegments } from '../../text/styled.js';
import { textWidth } from '../../text/width.js';
import { useTheme, type Symbols, type TextStyle, type Theme } from '../../theme.js';

type Tone = 'question' | 'choice' | 'picked-right' | 'picked-wrong' | 'highlighted' | 'right' | 'wrong';

/** One wrapped row of the quiz. */
export interface QuizRow {
  readonly text: string;
  readonly tone: Tone;
}

function wrapped(text: string, width: number, lead: string, tone: Tone): QuizRow[] {
  const indent = ' '.repeat(textWidth(lead));
  return wrapSegments([{ text }], Math.max(1, width - textWidth(lead))).map((row, i) => ({ text: `${i === 0 ? lead : indent}${plainText(row)}`, tone }));
}

/**
 * The quiz, wrapped to `width` (questions and reasons are read, never cut: issue #8 item 7):
 * a blank separator, the question, the choices, and after an answer its verdict — the
 * explanation when right, why that choice is wrong when not (never which one is right).
 */
export function quizLines(quiz: Quiz, cursor: number, active: boolean, width: number, symbols: Pick<Symbols, 'ok' | 'fail' | 'pointer' | 'dash'>): QuizRow[] {
  const { answer } = quiz;
  const open = answer === undefined || !answer.correct;
  const rows: QuizRow[] = [{ text: '', tone: 'question' }, ...wrapped(quiz.question, width, '? ', 'question')];
  quiz.choices.forEach((choice, i) => {
    const chosen = answer?.choice === i;
    const highlighted = open && active && i === cursor && !chosen;
    const mark = chosen ? (answer?.correct ? symbols.ok : symbols.fail) : highlighted ? symbols.pointer : ' ';
    const tone: Tone = chosen ? (answer?.correct ? 'picked-right' : 'picked-wrong') : highlighted ? 'highlighted' : 'choice';
    rows.push(...wrapped(choice, width, `${mark} ${i + 1}. `, tone));
  });
  if (answer === undefined) return rows;
  if (answer.correct) {
    rows.push(...wrapped(answer.explanation === undefined ? 'Correct.' : `Correct ${symbols.dash} ${answer.explanation}`, width, '', 'right'));
  } else {
    const why = answer.reason === undefined ? 'Not quite.' : `Not quite ${symbols.dash} ${answer.reason}`;
    rows.push(...wrapped(`${why} Pick another answer.`, width, '', 'wrong'));
  }
  return rows;
}

/** Rows the quiz block takes at `width`. */
export function quizRows(quiz: Quiz | undefined, width: number): number {
  if (quiz === undefined) return 0;
  // The cursor and marks do not change the wrapping: every lead has the same width.
  return quizLines(quiz, 0, false, width, { ok: '✔', fail: '✖', pointer: '❯', dash: '—' }).length;
}

function toneStyle(tone: Tone, theme: Theme): TextStyle {
  switch (tone) {
    case 'question':
      return theme.text.bold;
    case 'choice':
      return theme.text.primary;
    case 'picked-right':
    case 'right':
      return theme.status.ok;
    case 'picked-wrong':
      return theme.status.error;
    case 'wrong':
      return theme.status.warn;
    case 'highlighted':
      return theme.text.selected;
  }
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
  return (
    <Box flexDirection="column" width={width}>
      {quizLines(quiz, cursor, active, width, theme.symbols).map((row, i) => (
        <Text key={i} {...toneStyle(row.tone, theme)}>
          {row.text === '' ? ' ' : row.text}
        </Text>
      ))}
    </Box>
  );
}
