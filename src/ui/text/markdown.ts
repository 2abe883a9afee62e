/**
 * A tiny Markdown renderer for step text: enough for lesson prose, made for a fixed-width pane.
 * It parses blocks and inline runs, then lays them out into `StyledLine`s pre-wrapped to the pane
 * width, so the pane knows its exact height (scrolling, clipping) without measuring.
 * Supported: `#` headings, paragraphs, **bold**, *italic*, `inline code`, [links](url),
 * fenced code blocks, `-`/`*`/`+` and `1.` lists, `>` quotes. Anything else is paragraph text.
 */
import { type Segment, type StyledLine, withStyle, wrapSegments } from './styled.js';
import { sliceToWidth, textWidth } from './width.js';

export type MarkdownBlock =
  | { readonly type: 'heading'; readonly level: number; readonly inline: readonly Segment[] }
  | { readonly type: 'paragraph'; readonly inline: readonly Segment[] }
  | { readonly type: 'quote'; readonly inline: readonly Segment[] }
  | { readonly type: 'code'; readonly lang: string; readonly lines: readonly string[] }
  | {
      readonly type: 'list';
      readonly ordered: boolean;
      readonly items: readonly { readonly marker: string; readonly inline: readonly Segment[] }[];
    };

const INLINE =
  /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([\s\S]+?)\*\*|(?<!\w)__([\s\S]+?)__(?!\w)|\*([^\s*](?:[^*]*[^\s*])?)\*|(?<!\w)_([^\s_](?:[^_]*[^\s_])?)_(?!\w)|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Inline runs of one block's text. */
export function parseInline(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index;
    if (index > last) out.push({ text: text.slice(last, index) });
    const [, , code, bold1, bold2, italic1, italic2, linkText, linkUrl] = match;
    if (code !== undefined) out.push({ text: code.trim() === '' ? code : code.replace(/^ (.*) $/, '$1'), styles: ['code'] });
    else if (bold1 !== undefined || bold2 !== undefined) out.push(...withStyle(parseInline(bold1 ?? bold2 ?? ''), 'bold'));
    else if (italic1 !== undefined || italic2 !== undefined) out.push(...withStyle(parseInline(italic1 ?? italic2 ?? ''), 'italic'));
    else if (linkText !== undefined) {
      out.push(...withStyle(parseInline(linkText), 'link'));
      out.push({ text: ` (${linkUrl ?? ''})`, styles: ['dim'] });
    }
    last = index + match[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^(\s*)([-*+])\s+(.*)$/;
const ORDERED = /^(\s*)(\d{1,3})[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;

/** Splits Markdown source into blocks. */
export function parseMarkdown(source: string): MarkdownBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  const endParagraph = (): void => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', inline: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line);
    if (fence) {
      endParagraph();
      const marker = fence[1] ?? '```';
      const code: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(marker)) {
        code.push(lines[i] ?? '');
        i += 1;
      }
      blocks.push({ type: 'code', lang: fence[2] ?? '', lines: code });
      i += 1; // closing fence (or end of input)
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      endParagraph();
      blocks.push({ type: 'heading', level: heading[1]?.length ?? 1, inline: parseInline(heading[2] ?? '') });
      i += 1;
      continue;
    }
    const listStart = BULLET.exec(line) ?? ORDERED.exec(line);
    if (listStart) {
      endParagraph();
      const ordered = /\d/.test(listStart[2] ?? '');
      const items: { marker: string; inline: Segment[] }[] = [];
      while (i < lines.length) {
        const item = (ordered ? ORDERED : BULLET).exec(lines[i] ?? '');
        if (!item) break;
        const text = [item[3] ?? ''];
        i += 1;
        // Indented continuation lines belong to the item.
        while (i < lines.length && /^\s{2,}\S/.test(lines[i] ?? '') && !BULLET.test(lines[i] ?? '') && !ORDERED.test(lines[i] ?? '')) {
          text.push((lines[i] ?? '').trim());
          i += 1;
        }
        items.push({ marker: ordered ? `${item[2] ?? '1'}.` : '-', inline: parseInline(text.join(' ')) });
      }
      blocks.push({ type: 'list', ordered, items });
      continue;
    }
    const quote = QUOTE.exec(line);
    if (quote) {
      endParagraph();
      const text: string[] = [];
      while (i < lines.length) {
        const q = QUOTE.exec(lines[i] ?? '');
        if (!q) break;
        text.push(q[1] ?? '');
        i += 1;
      }
      blocks.push({ type: 'quote', inline: parseInline(text.join(' ')) });
      continue;
    }
    if (line.trim() === '') endParagraph();
    else paragraph.push(line.trim());
    i += 1;
  }
  endParagraph();
  return blocks;
}

export interface MarkdownLayoutOptions {
  /** Bullet symbol for unordered lists (ASCII fallback `*`). */
  readonly bullet?: string;
  /** Bar drawn left of quotes. */
  readonly quoteBar?: string;
}

function prefixed(lines: StyledLine[], first: Segment, rest: Segment): StyledLine[] {
  return lines.map((line, i) => [i === 0 ? first : rest, ...line]);
}

/** Lays the blocks out into lines of at most `width` columns, one blank line between blocks. */
export function layoutMarkdown(blocks: readonly MarkdownBlock[], width: number, options: MarkdownLayoutOptions = {}): StyledLine[] {
  const { bullet = '•', quoteBar = '│' } = options;
  const out: StyledLine[] = [];
  for (const block of blocks) {
    if (out.length > 0) out.push([]);
    switch (block.type) {
      case 'heading':
        out.push(...wrapSegments(withStyle(block.inline, 'heading'), width));
        break;
      case 'paragraph':
        out.push(...wrapSegments(block.inline, width));
        break;
      case 'quote': {
        const bar = { text: `${quoteBar} `, styles: ['dim'] } as const;
        out.push(...prefixed(wrapSegments(withStyle(block.inline, 'dim'), width - 2), bar, bar));
        break;
      }
      case 'list':
        for (const item of block.items) {
          const marker = block.ordered ? item.marker : bullet;
          const indent = textWidth(marker) + 1;
          const first: Segment = { text: `${marker} `, styles: ['accent'] };
          out.push(...prefixed(wrapSegments(item.inline, width - indent), first, { text: ' '.repeat(indent) }));
        }
        break;
      case 'code':
        for (const codeLine of block.lines) {
          // Commands must stay readable in full: long lines continue on the next row.
          let rest = codeLine.replace(/\t/g, '  ');
          do {
            const head = sliceToWidth(rest, Math.max(1, width - 2));
            out.push([{ text: '  ' }, { text: head, styles: ['code'] }]);
            rest = rest.slice(head.length);
          } while (rest !== '');
        }
        break;
    }
  }
  return out;
}

/** `parseMarkdown` + `layoutMarkdown`. */
export function renderMarkdown(source: string, width: number, options: MarkdownLayoutOptions = {}): StyledLine[] {
  return layoutMarkdown(parseMarkdown(source), width, options);
}
