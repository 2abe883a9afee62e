/**
 * Keeps every dist/ file ASCII, so that its source takes one byte per character in memory (issue 9).
 *
 * V8 holds each module's whole source text for as long as the app runs (lazy compilation and
 * Function.prototype.toString need it). Node hands it a module's file as a one-byte string only
 * when the file is pure ASCII; one other character and the whole file is kept as UTF-16, two bytes
 * per character. esbuild escapes such characters in strings and identifiers (charset ascii, its
 * default), but keeps comments as written: a few "’", "§" and "—" in undici's and ip-address's
 * comments made the 6 MB client-node chunk a 12 MB string. This writes those characters as `\u{…}`
 * text: inside a comment, that changes nothing the program does. It checks so: each file is parsed
 * before and after with esbuild, comments dropped, and the build fails unless the two programs are
 * the same (a character outside a comment, such as one in a regular expression, would differ).
 * (Minifying whitespace would drop the comments too, but the first frame came ~150 ms later in a
 * pty with it, same CPU: measured, docs/decisions.md "App: memory on a real cluster".)
 */
import { transform } from 'esbuild';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const NOT_ASCII = /[^\u0000-\u007f]/gu;

/** `text` with every character outside ASCII written as a `\u{…}` escape. */
export function escapeNonAscii(text) {
  return text.replace(NOT_ASCII, (char) => `\\u{${char.codePointAt(0).toString(16)}}`);
}

const withoutComments = async (code) => (await transform(code, { format: 'esm', minifyWhitespace: true, legalComments: 'none', logLevel: 'silent' })).code;

/** Rewrites the .js files under `dir` whose comments hold characters outside ASCII. */
export async function asciiComments(dir) {
  for (const entry of await readdir(dir, { recursive: true })) {
    if (!entry.endsWith('.js')) continue;
    const path = join(dir, entry);
    const text = await readFile(path, 'utf8');
    if (!NOT_ASCII.test(text)) continue;
    NOT_ASCII.lastIndex = 0;
    const escaped = escapeNonAscii(text);
    // The shebang line is not JavaScript for esbuild's transform.
    const program = (code) => withoutComments(code.replace(/^#!.*/, ''));
    if ((await program(text)) !== (await program(escaped))) {
      throw new Error(`${path}: a character outside ASCII is outside a comment (esbuild escapes strings, not regular expressions): escape it in the source, or review scripts/ascii-comments.mjs`);
    }
    await writeFile(path, escaped);
  }
}
