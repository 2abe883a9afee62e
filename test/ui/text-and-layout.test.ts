import { describe, expect, it } from 'vitest';
import { computeLayout, parseMarkdown, podTone, renderMarkdown, resolveUiOptions } from '../../src/ui/index.js';
import { podColumns, podRow } from '../../src/ui/components/pods/pod-table.js';
import { lineWidth, plainText } from '../../src/ui/text/styled.js';
import { textWidth, truncateEnd, truncateMiddle } from '../../src/ui/text/width.js';

describe('markdown', () => {
  it('parses headings, paragraphs, lists, code blocks and inline styles', () => {
    const blocks = parseMarkdown('# Title\n\nSome **bold** and `code`\ncontinued.\n\n- one\n- two\n\n```yaml\nkind: Pod\n```');
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'code']);
    expect(blocks[1]).toEqual({
      type: 'paragraph',
      inline: [
        { text: 'Some ' },
        { text: 'bold', styles: ['bold'] },
        { text: ' and ' },
        { text: 'code', styles: ['code'] },
        { text: ' continued.' },
      ],
    });
    expect(blocks[3]).toEqual({ type: 'code', lang: 'yaml', lines: ['kind: Pod'] });
  });

  it('leaves snake_case and lone stars alone', () => {
    expect(parseMarkdown('max_surge_value is 2 * 3')[0]).toEqual({ type: 'paragraph', inline: [{ text: 'max_surge_value is 2 * 3' }] });
  });

  it('wraps to the width, indents list continuations and keeps code lines whole', () => {
    const lines = renderMarkdown('- a list item long enough to wrap around\n\n```\nkubectl rollout status deployment/nginx-depl\n```', 20);
    for (const line of lines) expect(lineWidth(line)).toBeLessThanOrEqual(20);
    const text = lines.map(plainText);
    expect(text[0]).toBe('• a list item long');
    expect(text[1]?.startsWith('  ')).toBe(true);
    expect(text.filter((l) => l.startsWith('  ') && !l.startsWith('   ')).join('').replace(/ {2}/g, '')).toContain('kubectl');
    expect(text.slice(-3).map((l) => l.slice(2)).join('')).toBe('kubectl rollout status deployment/nginx-depl');
  });
});

describe('text width helpers', () => {
  it('truncates at the end or in the middle to the exact width', () => {
    expect(truncateEnd('abcdefgh', 5)).toBe('abcd…');
    expect(truncateEnd('abc', 5)).toBe('abc');
    expect(truncateMiddle('nginx-depl-5c8b9d7f4-x7k2p', 14)).toBe('nginx-…4-x7k2p');
    expect(textWidth(truncateMiddle('nginx-depl-5c8b9d7f4-x7k2p', 14, '...'))).toBe(14);
    expect(textWidth('日本')).toBe(4);
  });
});

describe('layout', () => {
  it('fills exactly the terminal rows at 80x24 and larger, with and without a notice', () => {
    for (const [columns, rows] of [[80, 24], [120, 40], [200, 60]] as const) {
      for (const noticeRows of [0, 1]) {
        const layout = computeLayout({ columns, rows, noticeRows });
        expect(1 + noticeRows + layout.stepHeight + layout.panelsHeight + layout.outputHeight + 2).toBe(rows);
        expect(layout.checksWidth + 1 + layout.podsWidth).toBe(columns);
        expect(layout.outputHeight).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('puts the outline in a column from 100 columns on, in a bar below', () => {
    expect(computeLayout({ columns: 80, rows: 24 })).toMatchObject({ wide: false, outlineWidth: 0, stepWidth: 80 });
    const wide = computeLayout({ columns: 120, rows: 24 });
    expect(wide.wide).toBe(true);
    expect(wide.outlineWidth + 1 + wide.stepWidth).toBe(120);
  });
});

describe('pods table', () => {
  it('colours by status, a Running Pod that is not ready as a warning', () => {
    expect(podTone({ status: 'Running', ready: '1/1' })).toBe('ok');
    expect(podTone({ status: 'Running', ready: '0/1' })).toBe('warn');
    expect(podTone({ status: 'Pending', ready: '0/1' })).toBe('warn');
    expect(podTone({ status: 'ContainerCreating', ready: '0/1' })).toBe('warn');
    expect(podTone({ status: 'Terminating', ready: '1/1' })).toBe('terminating');
    for (const status of ['CrashLoopBackOff', 'ErrImagePull', 'ImagePullBackOff', 'Init:Error', 'OOMKilled']) {
      expect(podTone({ status, ready: '0/1' }), status).toBe('error');
    }
  });

  it('fits every row to the width, dropping RESTARTS before squeezing names', () => {
    const pods = [{ name: 'nginx-depl-5c8b9d7f4-x7k2p', ready: '1/1', status: 'ContainerCreating', restarts: 0, age: '12s' }];
    const narrow = podColumns(pods, 40);
    expect(narrow.restarts).toBe(0);
    const row = podRow(pods[0]!, narrow);
    expect(textWidth(row)).toBeLessThanOrEqual(40);
    expect(row).toMatch(/^nginx\S*…\S*x7k2p 1\/1 /);
    expect(podColumns(pods, 90).restarts).toBeGreaterThan(0);
  });
});

describe('options from the environment', () => {
  it('honours NO_COLOR (non-empty) and TERM=dumb; explicit options win', () => {
    expect(resolveUiOptions({})).toEqual({ noColor: false, ascii: false });
    expect(resolveUiOptions({ NO_COLOR: '1' })).toEqual({ noColor: true, ascii: false });
    expect(resolveUiOptions({ NO_COLOR: '' })).toEqual({ noColor: false, ascii: false });
    expect(resolveUiOptions({ TERM: 'dumb' })).toEqual({ noColor: true, ascii: true });
    expect(resolveUiOptions({ TERM: 'dumb' }, { ascii: false })).toEqual({ noColor: true, ascii: false });
  });
});
