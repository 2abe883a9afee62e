/**
 * The course's closing summary, where the step was: what the learner did (lessons, steps, hints,
 * time) and every rollout the downtime meter watched whole, the zero-failure ones marked as
 * passed. Lines wrap at the pane width with a hanging indent (never cut); when they do not fit,
 * the oldest rollouts give way first and a line says how many, which `kubedojo summary` lists.
 */
import { Box } from 'ink';
import type { CourseSummaryView } from '../../model.js';
import { wrapSegments, type Segment, type StyledLine } from '../../text/styled.js';
import { textWidth } from '../../text/width.js';
import { useTheme, type Symbols } from '../../theme.js';
import { PaneHeader } from '../pane-header.js';
import { StyledText } from '../styled-text.js';

export interface CourseSummaryPaneProps {
  readonly summary: CourseSummaryView;
  readonly width: number;
  /** Rows, header included. */
  readonly height: number;
}

/** `lead` on the first line, the text wrapped beside it, continuation lines indented under the text. */
function hanging(lead: readonly Segment[], text: readonly Segment[], width: number): StyledLine[] {
  const indent = lead.reduce((sum, segment) => sum + textWidth(segment.text), 0);
  return wrapSegments(text, Math.max(1, width - indent)).map((line, i) => [...(i === 0 ? lead : [{ text: ' '.repeat(indent) }]), ...line]);
}

/** The pane's rows below its header, at most `rows` of them. Pure. */
export function summaryPaneLines(summary: CourseSummaryView, width: number, rows: number, symbols: Pick<Symbols, 'ok' | 'fail' | 'bullet' | 'ellipsis'>): StyledLine[] {
  const head = [
    ...wrapSegments([{ text: summary.headline, styles: ['heading'] }], width),
    ...summary.facts.flatMap((fact) => hanging([{ text: `${symbols.bullet} ` }], [{ text: fact }], width)),
  ];
  const rollouts = summary.rollouts.map((rollout) =>
    hanging([{ text: '  ' }, { text: `${rollout.ok ? symbols.ok : symbols.fail} `, styles: [rollout.ok ? 'ok' : 'error'] }], [{ text: rollout.text }], width),
  );
  // The oldest rollouts give way first; the newest stays (cut at the bottom if even it does not fit).
  for (let dropped = 0; dropped < Math.max(1, rollouts.length); dropped += 1) {
    const earlier = summary.earlier + dropped;
    const kept = rollouts.slice(dropped).flat();
    const note: StyledLine[] = earlier > 0 ? [[{ text: `  ${symbols.ellipsis} ${earlier} earlier rollout${earlier === 1 ? '' : 's'}`, styles: ['dim'] }]] : [];
    const lines = [...head, ...note, ...kept];
    if (lines.length <= rows || dropped >= rollouts.length - 1) return lines.slice(0, rows);
  }
  return head.slice(0, rows);
}

export function CourseSummaryPane({ summary, width, height }: CourseSummaryPaneProps) {
  const theme = useTheme();
  const lines = summaryPaneLines(summary, width, Math.max(0, height - 1), theme.symbols);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneHeader title="Course summary" info="kubedojo summary prints it" width={width} />
      {lines.map((line, i) => (
        <StyledText key={i} line={line} />
      ))}
    </Box>
  );
}
