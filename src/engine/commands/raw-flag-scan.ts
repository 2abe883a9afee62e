/**
 * Belt and braces (issue #7): a word-by-word look at a kubectl command line that does not trust
 * the parse. Every word before `--` is read as if it were a flag, values included, so even a
 * parse that went wrong cannot hide `--kubeconfig=…`, `-s https://…` or `-n kube-system`.
 */
import { normalizeFlagName } from './kubectl-args.js';
import type { KubectlFlagKind } from './kubectl-flag-types.js';

/** Flags that would point kubectl at another cluster, user or kubeconfig than the pinned one. */
export const CONNECTION_FLAGS: ReadonlySet<string> = new Set([
  'kubeconfig', 'context', 'cluster', 'user', 'server', 'token', 'as', 'as-group', 'as-uid',
  'username', 'password', 'certificate-authority', 'client-certificate', 'client-key',
  'insecure-skip-tls-verify', 'tls-server-name',
]);
// kubectl's global shorthands for the flags above and below.
const SHORTHAND_NAMES: Record<string, string> = { s: 'server', n: 'namespace', A: 'all-namespaces' };

export interface RawMentions {
  /** Connection flags written anywhere before `--`, as `--name`. */
  connectionFlags: string[];
  /** Every word that may be a `--namespace`/`-n` value. */
  namespaces: string[];
  /** `-A` or `--all-namespaces` (not `=false`) anywhere before `--`. */
  allNamespaces: boolean;
}

/**
 * `shorthands` are the kinds of the shorthand letters of the command being run; in a cluster
 * such as `-ojson` a value-taking letter ends the flags (the rest is its value). An unknown
 * letter does not: `-xs` still mentions `-s`.
 */
export function scanRawFlags(words: readonly string[], shorthands: ReadonlyMap<string, KubectlFlagKind>): RawMentions {
  const mentions: RawMentions = { connectionFlags: [], namespaces: [], allNamespaces: false };
  const end = words.indexOf('--');
  const before = end === -1 ? words : words.slice(0, end);
  before.forEach((word, i) => {
    const next = before[i + 1];
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = normalizeFlagName(eq === -1 ? word.slice(2) : word.slice(2, eq));
      const value = eq === -1 ? undefined : word.slice(eq + 1);
      note(mentions, name, value, next);
    } else if (word.startsWith('-') && word.length > 1) {
      scanCluster(word.slice(1), next, shorthands, mentions);
    }
  });
  return mentions;
}

function scanCluster(cluster: string, next: string | undefined, shorthands: ReadonlyMap<string, KubectlFlagKind>, mentions: RawMentions): void {
  for (let j = 0; j < cluster.length; j += 1) {
    const letter = cluster[j]!;
    if (letter === '=') return;
    const rest = cluster.slice(j + 1);
    const name = SHORTHAND_NAMES[letter];
    if (name === 'namespace') {
      // -n swallows the rest of the cluster (`-nfoo`, `-n=foo`), or else the next word.
      note(mentions, name, rest === '' ? undefined : rest.replace(/^=/, ''), next);
      return;
    }
    if (name !== undefined) note(mentions, name, rest.startsWith('=') ? rest.slice(1) : undefined, undefined);
    if (shorthands.get(letter) === 'value') return;
  }
}

function note(mentions: RawMentions, name: string, value: string | undefined, next: string | undefined): void {
  if (CONNECTION_FLAGS.has(name)) mentions.connectionFlags.push(`--${name}`);
  if (name === 'namespace') {
    const named = value ?? next;
    if (named !== undefined) mentions.namespaces.push(named);
  }
  if (name === 'all-namespaces' && !['false', 'False', 'FALSE', 'f', 'F', '0'].includes(value ?? '')) {
    mentions.allNamespaces = true;
  }
}
