import { Text } from 'ink';
import type { StyleToken, StyledLine } from '../text/styled.js';
import { useTheme, type TextStyle, type Theme } from '../theme.js';

export function tokenStyle(theme: Theme, token: StyleToken): TextStyle {
  switch (token) {
    case 'heading':
      return theme.text.heading;
    case 'bold':
      return theme.text.bold;
    case 'italic':
      return theme.text.italic;
    case 'code':
      return theme.text.code;
    case 'link':
      return { underline: true };
    case 'dim':
      return theme.text.dim;
    case 'accent':
      return theme.text.accent;
    case 'hint':
      return theme.status.info;
    case 'ok':
    case 'warn':
    case 'error':
      return theme.status[token];
  }
}

/** One pre-wrapped line; cut (never wrapped) if it is still too wide. */
export function StyledText({ line }: { line: StyledLine }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {line.length === 0
        ? ' '
        : line.map((segment, i) => {
            const style = (segment.styles ?? []).reduce<TextStyle>((acc, token) => ({ ...acc, ...tokenStyle(theme, token) }), {});
            return (
              <Text key={i} {...style}>
                {segment.text}
              </Text>
            );
          })}
    </Text>
  );
}
