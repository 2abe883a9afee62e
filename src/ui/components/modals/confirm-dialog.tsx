import { Box, Text } from 'ink';
import { wrapSegments } from '../../text/styled.js';
import { useTheme } from '../../theme.js';
import type { ConfirmKind } from './modal-state.js';

export const CONFIRM_TEXT: Readonly<Record<ConfirmKind, { title: string; body: string }>> = {
  solution: {
    title: 'Show the solution?',
    body: 'Trying it yourself teaches more; a hint (h) may be enough.',
  },
  reset: {
    title: 'Reset this lesson?',
    body: "The lesson's objects in your namespace are deleted and its steps start over.",
  },
  skip: {
    title: 'Skip this step?',
    // Two lines in the dialog's 68 columns: at 80×24 under a quiz's verdict, the box has 6 rows.
    body: 'Its solution runs so the next steps find the cluster they expect. It counts as skipped, not done; come back to it from the lesson list.',
  },
};

export interface ConfirmDialogProps {
  readonly kind: ConfirmKind;
  /** The highlighted answer; Enter picks it. */
  readonly choice: 'yes' | 'no';
  readonly width: number;
}

/** A yes/no question in a box; the keys are handled by the modal key layer. */
export function ConfirmDialog({ kind, choice, width }: ConfirmDialogProps) {
  const theme = useTheme();
  const text = CONFIRM_TEXT[kind];
  const button = (label: string, selected: boolean) => (
    <Text {...(selected ? theme.text.selected : theme.text.dim)} bold={selected}>
      {` ${label} `}
    </Text>
  );
  return (
    <Box flexDirection="column" width={width} borderStyle={theme.ascii ? 'classic' : 'round'} paddingX={1}>
      {/* When rows are short the body gives them up, never the question or its answers. */}
      <Box flexShrink={0}>
        <Text wrap="truncate-end" {...theme.text.heading}>
          {text.title}
        </Text>
      </Box>
      <Box overflow="hidden">
        {/* Wrapped here, as the help overlay's text is (Ink's own wrap starts a line with the space it
            broke at), and one Text, so a short box clips its last lines. */}
        <Text>{wrapSegments([{ text: text.body }], width - 4).map((line) => line.map((segment) => segment.text).join('')).join('\n')}</Text>
      </Box>
      <Box flexShrink={0}>
        <Text>
          {button('Yes (y)', choice === 'yes')}
          {'  '}
          {button('No (n)', choice === 'no')}
        </Text>
      </Box>
    </Box>
  );
}
