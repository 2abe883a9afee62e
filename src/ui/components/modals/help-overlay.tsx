import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { helpSections } from '../../key-help.js';
import { wrapSegments, type StyledLine } from '../../text/styled.js';
import { fitWidth, textWidth } from '../../text/width.js';
import { useTheme } from '../../theme.js';
import { StyledText } from '../styled-text.js';

const FOCUS_RULE =
  'Shortcut letters work while the prompt is not focused. While you type a command every key is text; Enter runs it, Esc leaves the prompt.';

/** Every key of the key table, grouped by where it works; one line per entry. */
export function helpOverlayLines(ascii: boolean, width: number): StyledLine[] {
  const sections = helpSections(ascii).filter((section) => section.entries.length > 0);
  const keyWidth = Math.max(...sections.flatMap((s) => s.entries.map((e) => textWidth(e.keys))));
  const indent = keyWidth + 4;
  const lines: StyledLine[] = wrapSegments([{ text: FOCUS_RULE, styles: ['dim'] }], width);
  for (const section of sections) {
    lines.push([], [{ text: section.title, styles: ['heading'] }]);
    for (const entry of section.entries) {
      const keys = { text: `  ${fitWidth(entry.keys, keyWidth)}  `, styles: ['accent'] } as const;
      wrapSegments([{ text: entry.description }], Math.max(10, width - indent)).forEach((line, i) => {
        lines.push([i === 0 ? keys : { text: ' '.repeat(indent) }, ...line]);
      });
    }
  }
  return lines;
}

/** Text columns inside the overlay's border and padding. */
export function helpOverlayWidth(width: number): number {
  return Math.max(10, width - 4);
}

/** Rows of content the overlay shows in `height` rows (border and title excluded). */
export function helpOverlayRows(height: number): number {
  return Math.max(1, height - 3);
}

export interface HelpOverlayProps {
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
}

function HelpOverlayView({ scroll, width, height }: HelpOverlayProps) {
  const theme = useTheme();
  const lines = useMemo(() => helpOverlayLines(theme.ascii, helpOverlayWidth(width)), [theme.ascii, width]);
  const rows = helpOverlayRows(height);
  const start = Math.min(scroll, Math.max(0, lines.length - rows));
  const more = lines.length > rows ? `  (${theme.symbols.arrowsUpDown} scroll)` : '';
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle={theme.ascii ? 'classic' : 'round'} paddingX={1} overflow="hidden">
      <Text wrap="truncate-end" {...theme.text.heading}>
        {`Keys${more}`}
      </Text>
      {lines.slice(start, start + rows).map((line, i) => (
        <StyledText key={start + i} line={line} />
      ))}
    </Box>
  );
}

/** Memoized: the screen keeps it mounted (hidden) while output streams beside it. */
export const HelpOverlay = memo(HelpOverlayView);
