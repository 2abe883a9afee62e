/**
 * scripts/string-width-plugin.mjs: the bundle's string-width, patched so that its RGI-emoji regular
 * expression is compiled only for a sequence, measures exactly as the untouched library does.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations.
import { patchStringWidth, stringWidthPlugin } from '../../scripts/string-width-plugin.mjs';

type StringWidth = typeof stringWidth;
let patched: StringWidth;
let dir: string;

beforeAll(async () => {
  // The same bundling as scripts/build.mjs, of string-width alone.
  dir = mkdtempSync(join(tmpdir(), 'kubedojo-string-width-'));
  const entry = join(dir, 'entry.js');
  await build({
    stdin: { contents: "export { default } from 'string-width';", resolveDir: process.cwd(), loader: 'js' },
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    plugins: [stringWidthPlugin],
    logLevel: 'silent',
  });
  expect(readFileSync(entry, 'utf8')).toContain('isRgiEmoji');
  patched = ((await import(pathToFileURL(entry).href)) as { default: StringWidth }).default;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('string-width with the RGI regex compiled on demand', () => {
  it('rests on a fact of Unicode: one code point is RGI emoji exactly when it has Emoji_Presentation and is no regional indicator', () => {
    const rgi = new RegExp('^\\p{RGI_Emoji}$', 'v');
    const presentation = /^\p{Emoji_Presentation}$/u;
    const differences: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const text = String.fromCodePoint(cp);
      const regionalIndicator = cp >= 0x1f1e6 && cp <= 0x1f1ff;
      if (rgi.test(text) !== (presentation.test(text) && !regionalIndicator)) differences.push(cp.toString(16));
    }
    expect(differences).toEqual([]);
  });

  it('gives single code points the library’s widths: every one in the symbol and emoji blocks, a sample elsewhere', () => {
    const differences: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const dense = (cp >= 0x2000 && cp <= 0x33ff) || (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0xfe00 && cp <= 0xffff);
      if (!dense && cp % 61 !== 0) continue;
      const text = String.fromCodePoint(cp);
      for (const ambiguousIsNarrow of [true, false]) {
        if (patched(text, { ambiguousIsNarrow }) !== stringWidth(text, { ambiguousIsNarrow })) differences.push(cp.toString(16));
      }
    }
    expect(differences).toEqual([]);
  });

  it('gives sequences, flags, marks, Hangul, wide text and styled text the library’s widths', () => {
    const samples = [
      '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇩🇪', '🇩', '🇩🇪🇫', '👍🏽', '❤️', '❤', '☺', '☺️', '1️⃣', '1⃣', '#️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
      'é', 'é', 'ก่', '한국어', '각', '漢字かな', 'ｱﾞ', '─ Course ──', '░░▓ 42%', '○ ● ✔ ↷ … ❯ ·',
      '\u001b[1mbold\u001b[22m ✔', 'tab\there', '\u200b\u200d', 'a\u0301\u0302', 'नमस्ते', '😀 grinning', '⌚⏰',
    ];
    for (const sample of samples) {
      for (const options of [{}, { ambiguousIsNarrow: false }, { countAnsiEscapeCodes: true }]) expect(patched(sample, options), sample).toBe(stringWidth(sample, options));
    }
  });

  it('refuses a string-width whose source no longer has what it replaces', () => {
    const source = readFileSync(createRequire(import.meta.url).resolve('string-width'), 'utf8');
    expect(() => patchStringWidth(source)).not.toThrow();
    expect(() => patchStringWidth(source.replace('rgiEmojiRegex.test(segment)', 'isEmoji(segment)'))).toThrow(/string-width changed/);
  });
});
