import type { StepView } from '../../model.js';
import type { StepLocalState } from '../../state/view-state.js';
import { parseInline, renderMarkdown } from '../../text/markdown.js';
import { withStyle, wrapSegments, type StyledLine } from '../../text/styled.js';
import type { Symbols } from '../../theme.js';

/**
 * The scrollable body of the step pane, pre-wrapped to `width`: the Markdown text, then the
 * hints revealed so far, then the solution once confirmed. Never more: unrevealed hints and an
 * unconfirmed solution are not part of the output at all.
 */
export function stepBodyLines(
  step: StepView,
  local: Pick<StepLocalState, 'revealedHints' | 'solutionShown'>,
  width: number,
  symbols: Pick<Symbols, 'bullet'>,
): StyledLine[] {
  const md = { bullet: symbols.bullet };
  const lines = renderMarkdown(step.text, width, md);
  const shown = Math.min(local.revealedHints, step.hints.length);
  for (let i = 0; i < shown; i += 1) {
    lines.push([]);
    const label = { text: `Hint ${i + 1}/${step.hints.length}: `, styles: ['hint', 'bold'] as const };
    lines.push(...wrapSegments([label, ...withStyle(parseInline(step.hints[i] ?? ''), 'hint')], width));
  }
  if (local.solutionShown && step.solution !== undefined) {
    lines.push([], [{ text: 'Solution', styles: ['ok', 'bold'] }]);
    lines.push(...renderMarkdown(step.solution, width, md));
  }
  return lines;
}
