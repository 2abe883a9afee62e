import { Text } from 'ink';
import { textWidth, truncateEnd } from '../text/width.js';
import { useTheme, type TextStyle } from '../theme.js';

export interface PaneHeaderProps {
  readonly title: string;
  /** Extra text after the title, e.g. `2/4` or `exit 0`. */
  readonly info?: string;
  readonly infoStyle?: TextStyle;
  readonly width: number;
}

/** `── Title · info ─────────` across the pane: a one-row frame that costs no border rows. */
export function PaneHeader({ title, info, infoStyle, width }: PaneHeaderProps) {
  const theme = useTheme();
  const { rule, ellipsis } = theme.symbols;
  const head = `${rule} `;
  const room = Math.max(0, width - textWidth(head) - 1);
  const shownTitle = truncateEnd(title, room, ellipsis);
  const shownInfo = info === undefined ? '' : truncateEnd(` ${theme.symbols.separator} ${info}`, Math.max(0, room - textWidth(shownTitle)), ellipsis);
  const fill = Math.max(0, width - textWidth(head) - textWidth(shownTitle) - textWidth(shownInfo) - 1);
  return (
    <Text wrap="truncate-end">
      <Text {...theme.text.dim}>{head}</Text>
      <Text {...theme.text.bold}>{shownTitle}</Text>
      {shownInfo !== '' && <Text {...(infoStyle ?? theme.text.dim)}>{shownInfo}</Text>}
      <Text {...theme.text.dim}>{` ${rule.repeat(fill)}`}</Text>
    </Text>
  );
}
