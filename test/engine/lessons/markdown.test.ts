import { describe, expect, it } from 'vitest';
import { splitLessonMarkdown } from '../../../src/engine/lessons/markdown.js';

const lesson = (...lines: string[]): string => lines.join('\n');

describe('splitLessonMarkdown', () => {
  it('separates front matter, intro, and one section per ## heading with its step block', () => {
    const parts = splitLessonMarkdown(
      lesson('---', 'id: x', '---', '', 'Intro.', '', '## First step ##', 'Before.', '```yaml step', 'id: a', '```', 'After.', '', '## Second', '```yaml step', 'id: b', '```'),
    );
    expect(parts).toEqual({
      frontMatter: { text: 'id: x', firstLine: 2 },
      intro: 'Intro.',
      sections: [
        { title: 'First step', line: 7, text: 'Before.\nAfter.', block: { text: 'id: a', firstLine: 10 } },
        { title: 'Second', line: 14, text: '', block: { text: 'id: b', firstLine: 16 } },
      ],
      problems: [],
    });
  });

  it('leaves headings and step fences inside other code blocks alone', () => {
    const parts = splitLessonMarkdown(
      lesson('---', 'id: x', '---', '## Step', '````markdown', '## not a heading', '```yaml step', 'id: nope', '```', '````', '~~~yaml step', 'id: real', '~~~'),
    );
    expect(parts.sections).toEqual([
      {
        title: 'Step',
        line: 4,
        text: '````markdown\n## not a heading\n```yaml step\nid: nope\n```\n````',
        block: { text: 'id: real', firstLine: 12 },
      },
    ]);
    expect(parts.problems).toEqual([]);
  });

  it('treats ### and deeper headings as step text', () => {
    const parts = splitLessonMarkdown(lesson('---', '---', '## Step', '### Detail', 'text', '```yaml step', 'id: a', '```'));
    expect(parts.sections.map((section) => section.text)).toEqual(['### Detail\ntext']);
  });

  it('leaves author notes (lines that are HTML comments) out of the text, but not inside code blocks', () => {
    const parts = splitLessonMarkdown(
      lesson('---', '---', 'Intro.', '<!-- fact: [deploy] -->', '## Step', 'Shown.', '  <!-- a note', 'over two lines -->', 'Also shown.', '```', '<!-- code -->', '```', '<!-- note --> tail', '```yaml step', 'id: a', '```'),
    );
    expect(parts.intro).toBe('Intro.');
    expect(parts.sections).toEqual([
      { title: 'Step', line: 5, text: 'Shown.\nAlso shown.\n```\n<!-- code -->\n```\n tail', block: { text: 'id: a', firstLine: 15 } },
    ]);
    expect(parts.problems).toEqual([]);
  });

  it('accepts Windows line endings', () => {
    const parts = splitLessonMarkdown('---\r\nid: x\r\n---\r\n## Step\r\n```yaml step\r\nid: a\r\n```\r\n');
    expect(parts.sections[0]).toMatchObject({ title: 'Step', block: { text: 'id: a', firstLine: 6 } });
  });

  it('reports structural problems with their lines', () => {
    expect(splitLessonMarkdown(lesson('# Title', '## Step', '```yaml step', 'id: a', '```')).problems).toEqual([
      { line: 1, message: 'a lesson starts with YAML front matter between two --- lines' },
    ]);
    expect(splitLessonMarkdown(lesson('---', 'id: x')).problems).toEqual([
      { line: 1, message: 'the front matter is never closed: end it with a --- line' },
    ]);
    expect(splitLessonMarkdown(lesson('---', '---', '##', '```yaml step', 'id: a', '```')).problems).toEqual([
      { line: 3, message: 'a step heading needs a title' },
    ]);
  });
});
