import { sliceToWidth, textWidth } from './width.js';

/** Semantic style names of a text run; the theme turns them into Ink `<Text>` props. */
export type StyleToken = 'heading' | 'bold' | 'italic' | 'code' | 'link' | 'dim' | 'accent' | 'hint' | 'ok' | 'warn' | 'error';

export interface Segment {
  readonly text: string;
  readonly styles?: readonly StyleToken[];
}

/** One terminal row: runs of styled text whose widths add up to at most the pane width. */
export type StyledLine = readonly Segment[];

export function lineWidth(line: StyledLine): number {
  return line.reduce((sum, segment) => sum + textWidth(segment.text), 0);
}

export function plainText(line: StyledLine): string {
  return line.map((segment) => segment.text).join('');
}

export function withStyle(segments: readonly Segment[], style: StyleToken): Segment[] {
  return segments.map((segment) => ({ text: segment.text, styles: [style, ...(segment.styles ?? [])] }));
}

function sameStyles(a: Segment, b: Segment): boolean {
  const x = a.styles ?? [];
  const y = b.styles ?? [];
  return x.length === y.length && x.every((style, i) => style === y[i]);
}

function pushMerged(line: Segment[], segment: Segment): void {
  const last = line[line.length - 1];
  if (last !== undefined && sameStyles(last, segment)) {
    line[line.length - 1] = { ...last, text: last.text + segment.text };
  } else if (segment.text !== '') {
    line.push(segment);
  }
}

/**
 * Greedy word wrap of styled runs into lines of at most `width` columns. Whitespace collapses
 * to one space and is dropped at line starts; a word longer than the width is split.
 */
export function wrapSegments(segments: readonly Segment[], width: number): StyledLine[] {
  const w = Math.max(1, width);
  const lines: Segment[][] = [];
  let line: Segment[] = [];
  let used = 0;
  const flush = (): void => {
    // Trailing spaces are invisible but would count against the width.
    const last = line[line.length - 1];
    if (last !== undefined && last.text.endsWith(' ')) {
      const trimmed = last.text.trimEnd();
      if (trimmed === '') line.pop();
      else line[line.length - 1] = { ...last, text: trimmed };
    }
    lines.push(line);
    line = [];
    used = 0;
  };
  for (const segment of segments) {
    for (const token of segment.text.split(/(\s+)/)) {
      if (token === '') continue;
      if (/^\s+$/.test(token)) {
        if (used > 0 && used < w) {
          pushMerged(line, { text: ' ', styles: segment.styles });
          used += 1;
        }
        continue;
      }
      let word = token;
      let wordWidth = textWidth(word);
      if (used + wordWidth > w && used > 0) flush();
      while (wordWidth > w) {
        const head = sliceToWidth(word, w - used);
        pushMerged(line, { text: head, styles: segment.styles });
        flush();
        word = word.slice(head.length);
        wordWidth = textWidth(word);
      }
      if (word !== '') {
        pushMerged(line, { text: word, styles: segment.styles });
        used += wordWidth;
      }
    }
  }
  if (line.length > 0 || lines.length === 0) flush();
  return lines;
}
