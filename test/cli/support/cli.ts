/**
 * Runs the `kubedojo` command line from the sources (tsx), as a separate process with its own
 * HOME, XDG dirs (progress under XDG_CONFIG_HOME, the running-app record under XDG_CACHE_HOME)
 * and KUBECACHEDIR, so tests never touch the developer's files.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { Progress } from '../../../src/engine/progress/index.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CliHome {
  dir: string;
  env: Record<string, string>;
  progressPath: string;
  cacheDir: string;
}

export function cliHome(extra: Record<string, string> = {}): CliHome {
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-cli-'));
  const env = {
    HOME: join(dir, 'home'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    XDG_DATA_HOME: join(dir, 'data'),
    KUBECACHEDIR: join(dir, 'kubecache'),
    TMPDIR: join(dir, 'tmp'),
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NO_COLOR: '1',
    ...extra,
  };
  for (const path of [env.HOME, env.TMPDIR]) mkdirSync(path, { recursive: true });
  return { dir, env, progressPath: join(env.XDG_CONFIG_HOME, 'kubedojo', 'progress.json'), cacheDir: env.XDG_CACHE_HOME };
}

export function writeProgress(home: CliHome, progress: Progress): void {
  mkdirSync(dirname(home.progressPath), { recursive: true });
  writeFileSync(home.progressPath, JSON.stringify(progress, null, 2));
}

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export async function kubedojo(home: CliHome, args: string[], options: { input?: string; timeout?: number } = {}): Promise<CliResult> {
  const result = await execa(process.execPath, ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), ...args], {
    cwd: REPO,
    env: home.env,
    extendEnv: false,
    reject: false,
    timeout: options.timeout ?? 120_000,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
  });
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1 };
}
