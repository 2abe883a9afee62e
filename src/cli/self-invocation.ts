/**
 * How to run this kubedojo again from a shell, for lines we print for the learner to copy
 * (`eval "$(… env)"`, issue #8 item 11): `npx kubedojo` under npx, `kubedojo` when that name on
 * PATH is this very install, and otherwise the absolute node and script paths, which work from
 * any directory (a bare `kubedojo` would be "command not found", or another install).
 */
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export interface SelfInvocationInput {
  env?: Readonly<Record<string, string | undefined>>;
  /** The script node runs (`process.argv[1]`). */
  script?: string | undefined;
  /** The node binary (`process.execPath`). */
  execPath?: string;
}

function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** A word as the shell reads it: quoted when it holds anything but safe characters. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

export function selfInvocation(input: SelfInvocationInput = {}): string {
  const env = input.env ?? process.env;
  const script = input.script ?? process.argv[1];
  const execPath = input.execPath ?? process.execPath;
  // npm 7+ runs npx as `npm exec` and says so; its cache folder is `_npx`.
  if (env.npm_command === 'exec' || (script !== undefined && /[\\/]_npx[\\/]/.test(script))) return 'npx kubedojo';
  if (script === undefined) return 'kubedojo';
  const self = real(script);
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'kubedojo');
    if (existsSync(candidate) && self !== undefined && real(candidate) === self) return 'kubedojo';
  }
  return `${shellWord(execPath)} ${shellWord(resolve(script))}`;
}
