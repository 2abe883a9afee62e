import { Text } from 'ink';
import { keyLabel, Command } from '../../keys.js';
import { textWidth, truncateEnd } from '../../text/width.js';
import { useTheme } from '../../theme.js';
import type { PromptState } from './prompt-state.js';

export interface PromptViewProps {
  readonly prompt: PromptState;
  /** The prompt has the keys (printable keys are text). */
  readonly focused: boolean;
  /** Shown dimmed while the prompt is empty: Enter runs it. */
  readonly suggestedCommand?: string;
  readonly running: boolean;
  readonly width: number;
}

/** The visible window of `chars` that keeps the cursor on screen within `room` columns. */
export function promptWindow(chars: readonly string[], cursor: number, room: number): { start: number; end: number } {
  if (chars.length < room) return { start: 0, end: chars.length };
  const start = Math.max(0, Math.min(cursor - room + 1, chars.length - room + 1));
  return { start, end: Math.min(chars.length, start + room) };
}

/** A controlled one-line input: `❯ kubectl get pods▌`. Keys come from the prompt key layer. */
export function PromptView({ prompt, focused, suggestedCommand, running, width }: PromptViewProps) {
  const theme = useTheme();
  const { symbols } = theme;
  const lead = `${symbols.prompt} `;
  const room = Math.max(1, width - textWidth(lead));
  const promptStyle = focused ? theme.text.accent : theme.text.dim;

  if (prompt.text === '' && !focused) {
    const ascii = theme.ascii;
    const placeholder = running
      ? `running ${symbols.separator} ${keyLabel(Command.StopCommand, ascii)} stops it`
      : suggestedCommand !== undefined
        ? `${suggestedCommand}   (${keyLabel(Command.Run, ascii)} runs it, ${keyLabel(Command.FillSuggested, ascii)} edits it)`
        : `type a command (${keyLabel(Command.TypeCommand, ascii)})`;
    return (
      <Text wrap="truncate-end">
        <Text {...promptStyle}>{lead}</Text>
        <Text {...(suggestedCommand !== undefined && !running ? theme.text.code : {})} dimColor>
          {truncateEnd(placeholder, room, symbols.ellipsis)}
        </Text>
      </Text>
    );
  }

  const chars = [...prompt.text];
  const cursor = Math.min(prompt.cursor, chars.length);
  const { start, end } = promptWindow(chars, cursor, room);
  const before = chars.slice(start, cursor).join('');
  const at = chars[cursor] ?? ' ';
  const after = chars.slice(cursor + 1, end).join('');
  return (
    <Text wrap="truncate-end">
      <Text {...promptStyle}>{lead}</Text>
      {before}
      {focused ? <Text inverse>{at}</Text> : at === ' ' && cursor >= chars.length ? '' : at}
      {after}
    </Text>
  );
}
