/**
 * Reads a kubectl command line the way kubectl 1.32 does (cobra finds the command, pflag parses
 * its flags), using kubectl's real flag table (kubectl-flag-table.generated.ts). A flag's kind
 * decides whether the next word is its value, so a boolean such as `--disable-compression` can no
 * longer hide the word after it from the guard (issue #7). It reports what kubectl would reject
 * (an unknown flag, a missing value) instead of guessing.
 */
import { KUBECTL_FLAG_TABLE } from './kubectl-flag-table.generated.js';
import type { KubectlCommandRow, KubectlFlagKind, KubectlFlagRow } from './kubectl-flag-types.js';

export interface KubectlFlag {
  /** Long name without dashes (`-n` is reported as `namespace`, `--all_namespaces` as `all-namespaces`). */
  name: string;
  /** `undefined` for a flag given without a value (`-w`, `--watch`, a bare `--dry-run`). */
  value: string | undefined;
}

export interface KubectlArgs {
  /** The command kubectl runs, by its canonical names: `['rollout', 'status']`, `['create', 'deployment']`; `[]` for none. */
  command: string[];
  /** The command's words as typed, then its arguments: `['rollout', 'status', 'deploy/web']`. */
  positionals: string[];
  /** The arguments alone (`['deploy/web']`). */
  args: string[];
  flags: KubectlFlag[];
  /** Everything after `--` (the container command of `exec`): never read as kubectl flags. */
  afterDashDash: string[];
  /** What kubectl itself would refuse to parse, in its own words (`unknown flag: --foo`). */
  problems: string[];
}

interface FlagSet {
  long: Map<string, KubectlFlagRow>;
  short: Map<string, KubectlFlagRow>;
}

// cobra adds -h/--help to every command.
const HELP_FLAG: KubectlFlagRow = ['help', 'h', 'bool'];
const ROOT: KubectlCommandRow = { aliases: [], subcommands: KUBECTL_FLAG_TABLE.topLevelCommands, flags: [] };
const flagSets = new Map<string, FlagSet>();

function commandRow(key: string): KubectlCommandRow | undefined {
  return key === '' ? ROOT : KUBECTL_FLAG_TABLE.commands[key];
}

/** The flags a command accepts: its own, the global ones and help (cobra merges them). */
function flagSetOf(key: string): FlagSet {
  const cached = flagSets.get(key);
  if (cached !== undefined) return cached;
  const set: FlagSet = { long: new Map(), short: new Map() };
  for (const row of [HELP_FLAG, ...KUBECTL_FLAG_TABLE.globalFlags, ...(commandRow(key)?.flags ?? [])]) {
    set.long.set(row[0], row);
    if (row[1] !== '') set.short.set(row[1], row);
  }
  flagSets.set(key, set);
  return set;
}

/** kubectl's flag-name normaliser (component-base WordSepNormalizeFunc): `--all_namespaces` is `--all-namespaces`. */
export function normalizeFlagName(name: string): string {
  return name.replaceAll('_', '-');
}

const takesNoWord = (kind: KubectlFlagKind | undefined): boolean => kind === 'bool' || kind === 'optional';

/** The words cobra's `stripFlags` keeps: candidates for the next subcommand name. */
function stripFlags(args: readonly string[], set: FlagSet): string[] {
  const commands: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i]!;
    if (word === '--') break;
    const longNeedsValue = word.startsWith('--') && !word.includes('=') && !takesNoWord(set.long.get(normalizeFlagName(word.slice(2)))?.[2]);
    const shortNeedsValue = word.startsWith('-') && !word.includes('=') && word.length === 2 && !takesNoWord(set.short.get(word[1]!)?.[2]);
    if (longNeedsValue || shortNeedsValue) {
      // cobra: "delete 'arg' from args or break the loop if len(args) <= 1"
      if (args.length - (i + 1) <= 1) break;
      i += 1;
      continue;
    }
    if (word !== '' && !word.startsWith('-')) commands.push(word);
  }
  return commands;
}

/** cobra's `argsMinusFirstX`: the args without the first word that names the subcommand. */
function argsMinusFirst(args: readonly string[], name: string, set: FlagSet): string[] {
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i]!;
    if (word === '--') break;
    const longNeedsValue = word.startsWith('--') && !word.includes('=') && !takesNoWord(set.long.get(normalizeFlagName(word.slice(2)))?.[2]);
    const shortNeedsValue = word.startsWith('-') && !word.includes('=') && word.length === 2 && !takesNoWord(set.short.get(word[1]!)?.[2]);
    if (longNeedsValue || shortNeedsValue) {
      i += 1;
      continue;
    }
    if (!word.startsWith('-') && word === name) return [...args.slice(0, i), ...args.slice(i + 1)];
  }
  return [...args];
}

/** cobra's `Find`: walks down the command tree by names and aliases. */
function findCommand(args: readonly string[]): { command: string[]; typed: string[]; rest: string[] } {
  const command: string[] = [];
  const typed: string[] = [];
  let rest = [...args];
  for (;;) {
    const key = command.join(' ');
    const row = commandRow(key);
    if (row === undefined || row.subcommands.length === 0) break;
    const set = flagSetOf(key);
    const next = stripFlags(rest, set)[0];
    if (next === undefined) break;
    const sub = row.subcommands.find((name) => {
      if (name === next) return true;
      return KUBECTL_FLAG_TABLE.commands[key === '' ? name : `${key} ${name}`]?.aliases.includes(next) ?? false;
    });
    if (sub === undefined) break;
    rest = argsMinusFirst(rest, next, set);
    command.push(sub);
    typed.push(next);
  }
  return { command, typed, rest };
}

/** Parses kubectl's arguments (without the leading `kubectl`). */
export function scanKubectlArgs(argv: readonly string[]): KubectlArgs {
  const { command, typed, rest } = findCommand(argv);
  const set = flagSetOf(command.join(' '));
  const args: string[] = [];
  const flags: KubectlFlag[] = [];
  const problems: string[] = [];
  let afterDashDash: string[] = [];

  for (let i = 0; i < rest.length; i += 1) {
    const word = rest[i]!;
    if (word === '--') {
      afterDashDash = rest.slice(i + 1);
      break;
    }
    if (word.startsWith('--')) {
      i += readLongFlag(word, rest[i + 1], i + 1 < rest.length, set, flags, problems);
    } else if (word.startsWith('-') && word.length > 1) {
      i += readShorthandCluster(word.slice(1), rest[i + 1], i + 1 < rest.length, set, flags, problems);
    } else {
      args.push(word);
    }
  }
  return { command, positionals: [...typed, ...args], args, flags, afterDashDash, problems };
}

/** pflag's `parseLongArg`. Returns how many extra words it consumed. */
function readLongFlag(
  word: string,
  nextWord: string | undefined,
  hasNext: boolean,
  set: FlagSet,
  flags: KubectlFlag[],
  problems: string[],
): number {
  const body = word.slice(2);
  if (body === '' || body.startsWith('-') || body.startsWith('=')) {
    problems.push(`bad flag syntax: ${word}`);
    return 0;
  }
  const eq = body.indexOf('=');
  const name = normalizeFlagName(eq === -1 ? body : body.slice(0, eq));
  const row = set.long.get(name);
  if (row === undefined) {
    problems.push(`unknown flag: --${name}`);
    flags.push({ name, value: eq === -1 ? undefined : body.slice(eq + 1) });
    return 0;
  }
  if (eq !== -1) {
    flags.push({ name, value: body.slice(eq + 1) });
    return 0;
  }
  if (takesNoWord(row[2])) {
    flags.push({ name, value: undefined });
    return 0;
  }
  if (!hasNext) {
    problems.push(`flag needs an argument: --${name}`);
    flags.push({ name, value: undefined });
    return 0;
  }
  flags.push({ name, value: nextWord });
  return 1;
}

/**
 * pflag's `parseShortArg`: `-it`, `-nfoo`, `-n foo`, `-w=false`. Returns how many extra words
 * were consumed (1 when the last shorthand took the next word as its value).
 */
function readShorthandCluster(
  cluster: string,
  nextWord: string | undefined,
  hasNext: boolean,
  set: FlagSet,
  flags: KubectlFlag[],
  problems: string[],
): number {
  for (let j = 0; j < cluster.length; j += 1) {
    const letter = cluster[j]!;
    const rest = cluster.slice(j + 1);
    const row = set.short.get(letter);
    if (row === undefined) {
      problems.push(`unknown shorthand flag: '${letter}' in -${cluster}`);
      flags.push({ name: letter, value: undefined });
      return 0;
    }
    const name = row[0];
    if (rest.length > 1 && rest.startsWith('=')) {
      flags.push({ name, value: rest.slice(1) });
      return 0;
    }
    if (takesNoWord(row[2])) {
      flags.push({ name, value: undefined });
      continue;
    }
    // A value-taking shorthand swallows the rest of the cluster, or else the next word.
    if (rest !== '') {
      flags.push({ name, value: rest });
      return 0;
    }
    if (!hasNext) {
      problems.push(`flag needs an argument: '${letter}' in -${cluster}`);
      flags.push({ name, value: undefined });
      return 0;
    }
    flags.push({ name, value: nextWord });
    return 1;
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

/** Every value given to a repeatable flag (`--address a --address b,c` → `['a', 'b,c']`). */
export function flagValues(args: KubectlArgs, name: string): string[] {
  return args.flags.filter((flag) => flag.name === name && flag.value !== undefined).map((flag) => flag.value!);
}

export function hasFlag(args: KubectlArgs, name: string): boolean {
  return args.flags.some((flag) => flag.name === name);
}

/** The shorthand letters of the flags `command` accepts (the guard's word-by-word scan needs them). */
export function shorthandKinds(command: readonly string[]): ReadonlyMap<string, KubectlFlagKind> {
  const set = flagSetOf(command.join(' '));
  return new Map([...set.short].map(([letter, row]) => [letter, row[2]]));
}
