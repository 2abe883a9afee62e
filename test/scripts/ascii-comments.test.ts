/**
 * scripts/ascii-comments.mjs: a dist file whose comments hold non-ASCII characters is rewritten to
 * pure ASCII with the program unchanged; one with such a character in code fails the build.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations.
import { asciiComments } from '../../scripts/ascii-comments.mjs';

const NOT_ASCII = /[^\u0000-\u007f]/u;

function distWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-ascii-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('asciiComments', () => {
  it("escapes comments' characters and leaves the code as it was", async () => {
    const source = "#!/usr/bin/env node\n// Returns response’s status — RFC 9111 §5.2\nexport const s = 'a' + /* “quoted” */ 'b';\n/**\n * multi-line: é 😀\n */\nexport function f() { return s.length; }\n";
    const dir = distWith({ 'chunk.js': source, 'plain.js': 'export const x = 1;\n' });
    await asciiComments(dir);
    const out = readFileSync(join(dir, 'chunk.js'), 'utf8');
    expect(NOT_ASCII.test(out)).toBe(false);
    expect(out).toContain('response\\u{2019}s status \\u{2014} RFC 9111 \\u{a7}5.2');
    expect(out).toContain('\\u{1f600}');
    // Everything outside the comments is byte for byte the same.
    expect(out.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')).toBe(source.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, ''));
    expect(readFileSync(join(dir, 'plain.js'), 'utf8')).toBe('export const x = 1;\n');
  });

  it('fails on a non-ASCII character in code (a regular expression esbuild left as written)', async () => {
    const dir = distWith({ 'main.js': 'export const unit = /^(ns|us|µs)$/;\n' });
    await expect(asciiComments(dir)).rejects.toThrow(/outside a comment/);
    // Nothing written: the file is as it was.
    expect(readFileSync(join(dir, 'main.js'), 'utf8')).toBe('export const unit = /^(ns|us|µs)$/;\n');
  });
});
