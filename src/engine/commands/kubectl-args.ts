/**
 * Just enough of kubectl's flag grammar (cobra/pflag) to find the subcommand and the flags that
 * matter to kubedojo. It does not validate anything: kubectl itself reports bad flags.
 */

export interface KubectlFlag {
  /** Long name without dashes (`-n` is reported as `namespace`). */
  name: string;
  /** `undefined` for a flag given without a value (`-w`, `--watch`). */
  value: string | undefined;
}

export interface KubectlArgs {
  /** Words that are not flags or flag values, e.g. `['rollout', 'status', 'deploy/web']`. */
  positionals: string[];
  flags: KubectlFlag[];
  /** Everything after `--` (the container command of `exec`): never read as kubectl flags. */
  afterDashDash: string[];
}

// Shorthands kubectl spells the same way in every subcommand we care about.
const COMMON_SHORTHANDS: Record<string, string> = {
  n: 'namespace',
  s: 'server',
  v: 'v',
  A: 'all-namespaces',
  i: 'stdin',
  t: 'tty',
  w: 'watch',
  l: 'selector',
  o: 'output',
  c: 'container',
  L: 'label-columns',
  k: 'kustomize',
  R: 'recursive',
  f: 'filename',
  p: 'pod',
  q: 'quiet',
};

// Per-subcommand differences: `logs -f` follows, everywhere else `-f` is a file.
const SUBCOMMAND_SHORTHANDS: Record<string, Record<string, string>> = {
  logs: { f: 'follow', p: 'previous' },
  patch: { p: 'patch' },
};

// Long flags that never take a separate value word (pflag "NoOptDefVal" booleans we meet in
// lessons). Any other `--flag` is assumed to consume the next word unless written `--flag=x`.
const BOOLEAN_FLAGS = new Set([
  'all-namespaces', 'stdin', 'tty', 'watch', 'watch-only', 'follow', 'previous', 'timestamps',
  'recursive', 'quiet', 'edit', 'rm', 'overwrite', 'force', 'all', 'no-headers', 'show-labels',
  'show-kind', 'insecure-skip-tls-verify', 'match-server-version', 'warnings-as-errors', 'record',
  'local', 'wait', 'ignore-not-found', 'prefix', 'help', 'h', 'attach', 'leave-stdin-open',
  'keep-annotations', 'ignore-daemonsets', 'delete-emptydir-data', 'server-side', 'minify',
  'flatten', 'raw', 'now', 'cascade', 'dry-run', 'allow-missing-template-keys',
]);

/** Scans kubectl's arguments (without the leading `kubectl`). */
export function scanKubectlArgs(args: readonly string[]): KubectlArgs {
  const positionals: string[] = [];
  const flags: KubectlFlag[] = [];
  let afterDashDash: string[] = [];

  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--') {
      afterDashDash = args.slice(i + 1);
      break;
    }
    if (arg.startsWith('--')) {
      const body = arg.slice(2);
      const eq = body.indexOf('=');
      if (eq !== -1) {
        flags.push({ name: body.slice(0, eq), value: body.slice(eq + 1) });
      } else if (BOOLEAN_FLAGS.has(body) || i + 1 >= args.length) {
        flags.push({ name: body, value: undefined });
      } else {
        flags.push({ name: body, value: args[i + 1] });
        i += 1;
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      const shorthands = { ...COMMON_SHORTHANDS, ...SUBCOMMAND_SHORTHANDS[positionals[0] ?? ''] };
      i += readShorthandCluster(arg.slice(1), args[i + 1], shorthands, flags);
      continue;
    }
    positionals.push(arg);
  }
  return { positionals, flags, afterDashDash };
}

/**
 * Expands `-it`, `-nfoo`, `-n foo`, `-w=false` into flags. Returns how many extra words were
 * consumed (1 when the last shorthand took the next word as its value).
 */
function readShorthandCluster(
  cluster: string,
  nextWord: string | undefined,
  shorthands: Record<string, string>,
  flags: KubectlFlag[],
): number {
  for (let j = 0; j < cluster.length; j += 1) {
    const letter = cluster[j]!;
    const name = shorthands[letter] ?? letter;
    const rest = cluster.slice(j + 1);
    if (rest.startsWith('=')) {
      flags.push({ name, value: rest.slice(1) });
      return 0;
    }
    // Booleans (and letters we do not know) never take the next word.
    if (BOOLEAN_FLAGS.has(name) || !(letter in shorthands)) {
      flags.push({ name, value: undefined });
      continue;
    }
    // A value-taking shorthand swallows the rest of the cluster, or else the next word.
    if (rest !== '') {
      flags.push({ name, value: rest });
      return 0;
    }
    flags.push({ name, value: nextWord });
    return nextWord === undefined ? 0 : 1;
  }
  return 0;
}

/** pflag's boolean spellings; a boolean flag given bare (`-w`) is true. */
export function flagIsOn(args: KubectlArgs, name: string): boolean {
  const matches = args.flags.filter((flag) => flag.name === name);
  const last = matches.at(-1);
  if (last === undefined) return false;
  if (last.value === undefined) return true;
  return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(last.value);
}

/** The value of the last occurrence of a value flag (kubectl: last one wins). */
export function flagValue(args: KubectlArgs, name: string): string | undefined {
  return args.flags.filter((flag) => flag.name === name).at(-1)?.value;
}

export function hasFlag(args: KubectlArgs, name: string): boolean {
  return args.flags.some((flag) => flag.name === name);
}
