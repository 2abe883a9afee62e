/**
 * An esbuild plugin for the bundle: string-width (Ink measures every string of every frame with
 * it) tests each non-ASCII grapheme against /^\p{RGI_Emoji}$/v, and V8 compiles that regular
 * expression (every RGI emoji sequence) on its first use: 50-100 ms, all of it before the app's
 * first frame, whose box lines and symbols are not ASCII. A grapheme of ONE code point is an RGI
 * emoji exactly when it has Emoji_Presentation and is not a regional indicator (a lone flag half),
 * which a small regular expression tells; the big one is compiled only for a real sequence.
 * Same widths (test/scripts/string-width-plugin.test.ts compares every code point and a set of
 * sequences with the untouched library); the build fails if string-width's source changed.
 */
import { readFile } from 'node:fs/promises';

const REPLACEMENTS = [
  [
    'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
    `let rgiEmojiRegex;
const emojiPresentationRegex = /^\\p{Emoji_Presentation}$/u;
// kubedojo (scripts/string-width-plugin.mjs): the RGI regex is compiled only for a sequence.
function isRgiEmoji(segment) {
	const first = segment.codePointAt(0);
	if (segment.length === (first > 0xFFFF ? 2 : 1)) {
		return !(first >= 0x1F1E6 && first <= 0x1F1FF) && emojiPresentationRegex.test(segment);
	}
	rgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v;
	return rgiEmojiRegex.test(segment);
}`,
  ],
  ['if (rgiEmojiRegex.test(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) {', 'if (isRgiEmoji(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) {'],
];

/** string-width's index.js with the RGI regex compiled on demand; throws if the source changed. */
export function patchStringWidth(source) {
  let patched = source;
  for (const [from, to] of REPLACEMENTS) {
    if (patched.split(from).length !== 2) throw new Error(`string-width changed: "${from}" is not in its index.js once; review scripts/string-width-plugin.mjs`);
    patched = patched.replace(from, to);
  }
  return patched;
}

export const stringWidthPlugin = {
  name: 'string-width-lazy-rgi',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, async (args) => ({
      contents: patchStringWidth(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
