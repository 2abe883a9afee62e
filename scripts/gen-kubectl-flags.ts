/**
 * Reads kubectl's real flag table out of the kubectl binary and writes it to
 * src/engine/commands/kubectl-flag-table.generated.ts (issue #7: the guard must parse a command
 * line exactly as kubectl does, so a boolean flag can never hide the next word from it).
 *
 *   npx tsx scripts/gen-kubectl-flags.ts [path/to/kubectl]     (default /usr/bin/kubectl)
 *
 * Sources, all local (kubectl never contacts a cluster for them; it runs with an empty kubeconfig):
 * - `kubectl --help` and `kubectl options`: the top-level commands and the global flags;
 * - `kubectl <path> --help`: each allowed command's aliases, subcommands and own flags, whose
 *   printed default tells booleans (`=false`/`=true`) from value flags;
 * - probes for pflag's `NoOptDefVal` ("optional value" flags such as `--dry-run`, which kubectl's
 *   help does not show): `kubectl <path> --flag --zzprobe0 … --help`. When `--flag` takes a value
 *   it swallows `--zzprobe0` and the parse goes on; when its value is optional `--zzprobe0` is an
 *   "unknown flag" and kubectl names it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { KUBECTL_TABLE_COMMANDS } from '../src/engine/commands/kubectl-allow-list.js';
import type {
  KubectlCommandRow,
  KubectlFlagKind,
  KubectlFlagRow,
  KubectlFlagTable,
} from '../src/engine/commands/kubectl-flag-types.js';

const run = promisify(execFile);

export const TABLE_FILE = fileURLToPath(new URL('../src/engine/commands/kubectl-flag-table.generated.ts', import.meta.url));

interface HelpPage {
  aliases: string[];
  subcommands: string[];
  /** `[name, shorthand, printed default]` */
  options: Array<[string, string, string]>;
}

type Kubectl = (args: readonly string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

/** Runs kubectl with nothing of the user's: an empty kubeconfig, a throwaway HOME. */
function kubectlRunner(binary: string, home: string): Kubectl {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: '/dev/null', LANG: 'C' };
  return async (args) => {
    try {
      const { stdout, stderr } = await run(binary, [...args], { env, maxBuffer: 8 << 20, timeout: 30_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: unknown; stdout?: string; stderr?: string };
      if (typeof failed.code !== 'number') throw error;
      return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  };
}

const OPTION_LINE = /^ {4}(?:-(\S), )?--([A-Za-z0-9][\w-]*)=(.*):$/;
const COMMAND_LINE = /^ {2}([a-z][a-z0-9-]*)(?: {2,}\S.*)?$/;

/** Parses one `--help` page (or `kubectl options`) in kubectl's help template. */
export function parseHelpPage(text: string): HelpPage {
  const page: HelpPage = { aliases: [], subcommands: [], options: [] };
  let section = '';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (/^\S.*:$/.test(line)) {
      section = line;
      if (line === 'Aliases:') page.aliases = (lines[i + 1] ?? '').split(',').map((word) => word.trim()).filter(Boolean);
      continue;
    }
    // Plugins on this machine's PATH are not part of kubectl.
    if (/Commands.*:$/.test(section) && !section.includes('plugins')) {
      const match = COMMAND_LINE.exec(line);
      if (match) page.subcommands.push(match[1]!);
      continue;
    }
    if (section === 'Options:' || section.startsWith('The following options')) {
      if (!/^ {4}-/.test(line)) continue;
      const match = OPTION_LINE.exec(line);
      if (!match) throw new Error(`unrecognised option line in kubectl help: ${JSON.stringify(line)}`);
      page.options.push([match[2]!, match[1] ?? '', match[3]!]);
    }
  }
  return page;
}

const isBooleanDefault = (printed: string): boolean => printed === 'true' || printed === 'false';

/**
 * Which of `names` (non-boolean flags of the command at `commandPath`) have an optional value.
 * One kubectl run per optional flag (or per value that fails to parse), plus one.
 */
export async function probeOptionalValues(kubectl: Kubectl, commandPath: readonly string[], names: readonly string[]): Promise<Set<string>> {
  const optional = new Set<string>();
  let from = 0;
  while (from < names.length) {
    const batch = names.slice(from);
    const args = [...commandPath, ...batch.flatMap((name, i) => [`--${name}`, `--zzprobe${i}`]), '--help'];
    const result = await kubectl(args);
    if (result.code === 0) break;
    const unknown = /unknown flag: --zzprobe(\d+)/.exec(result.stderr);
    const badValue = /invalid argument "--zzprobe(\d+)" for "(?:-\S, )?--[\w-]+"/.exec(result.stderr);
    if (unknown) {
      const index = Number(unknown[1]);
      optional.add(batch[index]!);
      from += index + 1;
    } else if (badValue) {
      from += Number(badValue[1]) + 1;
    } else {
      throw new Error(`unexpected answer from kubectl ${args.join(' ')}: ${result.stderr.trim()}`);
    }
  }
  return optional;
}

async function flagRows(kubectl: Kubectl, commandPath: readonly string[], options: HelpPage['options']): Promise<KubectlFlagRow[]> {
  const candidates = options.filter(([name, , printed]) => !isBooleanDefault(printed) && name !== 'help').map(([name]) => name);
  const optional = await probeOptionalValues(kubectl, commandPath, candidates);
  const kindOf = (name: string, printed: string): KubectlFlagKind =>
    isBooleanDefault(printed) ? 'bool' : optional.has(name) ? 'optional' : 'value';
  return options
    .map(([name, shorthand, printed]): KubectlFlagRow => [name, shorthand, kindOf(name, printed)])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

async function helpPage(kubectl: Kubectl, commandPath: readonly string[]): Promise<HelpPage> {
  const result = await kubectl([...commandPath, '--help']);
  if (result.code !== 0) throw new Error(`kubectl ${commandPath.join(' ')} --help failed: ${result.stderr.trim()}`);
  return parseHelpPage(result.stdout);
}

/** Reads the whole table out of `binary`. */
export async function generateKubectlFlagTable(binary = '/usr/bin/kubectl'): Promise<KubectlFlagTable> {
  const home = await mkdtemp(path.join(tmpdir(), 'kubedojo-flag-table-'));
  try {
    const kubectl = kubectlRunner(binary, home);
    const versionOut = await kubectl(['version', '--client', '-o', 'json']);
    const version = (JSON.parse(versionOut.stdout) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion;

    const root = await helpPage(kubectl, []);
    const globalsPage = await kubectl(['options']);
    const globalFlags = await flagRows(kubectl, [], parseHelpPage(globalsPage.stdout).options);

    const commands: Record<string, KubectlCommandRow> = {};
    // Breadth first through the allowed commands and all their subcommands; kubectl runs in
    // parallel, a few at a time.
    let level: string[][] = KUBECTL_TABLE_COMMANDS.map((name) => [name]);
    for (const name of level.flat()) {
      if (!root.subcommands.includes(name)) throw new Error(`kubectl ${version} has no command ${name}`);
    }
    while (level.length > 0) {
      const pages = await inBatches(level, 3, async (commandPath) => {
        const page = await helpPage(kubectl, commandPath);
        const row: KubectlCommandRow = {
          aliases: page.aliases.slice(1),
          subcommands: page.subcommands,
          flags: await flagRows(kubectl, commandPath, page.options),
        };
        return [commandPath, row] as const;
      });
      level = [];
      for (const [commandPath, row] of pages) {
        commands[commandPath.join(' ')] = row;
        level.push(...row.subcommands.map((sub) => [...commandPath, sub]));
      }
    }
    const sorted = Object.fromEntries(Object.entries(commands).sort(([a], [b]) => a.localeCompare(b)));
    return { version, topLevelCommands: [...root.subcommands].sort(), globalFlags, commands: sorted };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  }
  return results;
}

/** The generated module's text: one line per command, so a kubectl upgrade reads as a small diff. */
export function renderFlagTable(table: KubectlFlagTable): string {
  const rows = (flags: readonly KubectlFlagRow[]): string => `[${flags.map((row) => JSON.stringify(row)).join(', ')}]`;
  const lines = [
    `// Generated by scripts/gen-kubectl-flags.ts from kubectl ${table.version}. Do not edit:`,
    '// run `npx tsx scripts/gen-kubectl-flags.ts` (test/engine/commands/kubectl-flag-table.test.ts checks it).',
    "import type { KubectlFlagTable } from './kubectl-flag-types.js';",
    '',
    'export const KUBECTL_FLAG_TABLE: KubectlFlagTable = {',
    `  version: ${JSON.stringify(table.version)},`,
    `  topLevelCommands: ${JSON.stringify(table.topLevelCommands)},`,
    `  globalFlags: ${rows(table.globalFlags)},`,
    '  commands: {',
    ...Object.entries(table.commands).map(
      ([key, row]) =>
        `    ${JSON.stringify(key)}: { aliases: ${JSON.stringify(row.aliases)}, subcommands: ${JSON.stringify(row.subcommands)}, flags: ${rows(row.flags)} },`,
    ),
    '  },',
    '};',
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const binary = process.argv[2] ?? '/usr/bin/kubectl';
  const table = await generateKubectlFlagTable(binary);
  await writeFile(TABLE_FILE, renderFlagTable(table));
  console.log(`wrote ${path.relative(process.cwd(), TABLE_FILE)} (${Object.keys(table.commands).length} commands, kubectl ${table.version})`);
}
