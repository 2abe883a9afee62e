/** How `ran` messages print commands. Matching lives in ran-match.ts. */

/** An argv as a learner would read it back: words with spaces get quotes. */
export function formatArgv(argv: readonly string[]): string {
  return argv.map((word) => (word === '' || /[\s"'\\]/.test(word) ? JSON.stringify(word) : word)).join(' ');
}
