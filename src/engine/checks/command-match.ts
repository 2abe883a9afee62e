/**
 * Does the command a learner ran count as the one a `ran` check asks for? Lenient the way a
 * teacher is: `kubectl get pod`, `kubectl get pods -o wide` and `kubectl get po` all count for
 * `kubectl get pods`; `-A` and `--all-namespaces` are the same flag. The asked-for words must
 * start the command, and the asked-for flags must be among its flags.
 */
import { scanKubectlArgs, type KubectlFlag } from '../commands/kubectl-args.js';
import { parseCommandLine } from '../commands/parse-command-line.js';
import { kindFromAlias, singularName } from './kinds.js';

export function commandMatches(wanted: readonly string[], actual: readonly string[]): boolean {
  const [wantedProgram, ...wantedArgs] = wanted;
  const [actualProgram, ...actualArgs] = actual;
  if (wantedProgram !== actualProgram) return false;
  const want = scanKubectlArgs(wantedArgs);
  const have = scanKubectlArgs(actualArgs);
  const wantWords = want.positionals.map(normalizeWord);
  const haveWords = have.positionals.map(normalizeWord);
  if (!wantWords.every((word, i) => haveWords[i] === word)) return false;
  return want.flags.every((flag) => have.flags.some((other) => sameFlag(flag, other)));
}

/** Splits each wanted command line (already validated by the schema) and matches any of them. */
export function matchesAnyCommand(wantedLines: readonly string[], actual: readonly string[]): boolean {
  return wantedLines.some((line) => {
    const parsed = parseCommandLine(line);
    return parsed.ok && commandMatches(parsed.argv, actual);
  });
}

// `pods` → `pod`, `deploy/web` → `deployment/web`, `deployments.apps` → `deployment`.
function normalizeWord(word: string): string {
  const slash = word.indexOf('/');
  const kindPart = slash === -1 ? word : word.slice(0, slash);
  const kind = kindFromAlias(kindPart);
  if (kind === undefined) return word;
  return slash === -1 ? singularName(kind) : `${singularName(kind)}${word.slice(slash)}`;
}

function sameFlag(wanted: KubectlFlag, actual: KubectlFlag): boolean {
  return wanted.name === actual.name && (wanted.value === undefined || wanted.value === actual.value);
}

/** An argv as a learner would read it back: words with spaces get quotes. */
export function formatArgv(argv: readonly string[]): string {
  return argv.map((word) => (word === '' || /[\s"'\\]/.test(word) ? JSON.stringify(word) : word)).join(' ');
}
