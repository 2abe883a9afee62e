import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { posix, win32 } from 'node:path';
import type { ProcessEnv } from './process-runner.js';
import type { ExecutableLookup, Platform } from './types.js';

/** Whether a path is a program that can run; the default asks the file system. */
export type RunnableProbe = (file: string, windows: boolean) => Promise<boolean>;

/**
 * Looks a program up on `env.PATH` the way a shell would, for the OS given (not the one we run
 * on, so tests can ask "what would Windows find", with `isRunnable` standing in for its disk).
 */
export function createExecutableLookup(
  env: ProcessEnv = process.env,
  platform: Platform = process.platform,
  isRunnable: RunnableProbe = isExecutable,
): ExecutableLookup {
  const windows = platform === 'win32';
  const path = windows ? win32 : posix;
  // Windows keeps `Path` (any case); a plain copy of process.env is no longer case-insensitive.
  const pathValue = windows ? valueOf(env, 'PATH') : env.PATH;
  const dirs = (pathValue ?? '').split(path.delimiter).filter((dir) => dir !== '');
  const extensions = windows ? (valueOf(env, 'PATHEXT') ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((ext) => ext !== '') : [''];

  return async (name) => {
    const names = windows && path.extname(name) === '' ? extensions.map((ext) => name + ext.toLowerCase()) : [name];
    for (const dir of dirs) {
      for (const candidate of names) {
        const file = path.join(dir, candidate);
        if (await isRunnable(file, windows)) return file;
      }
    }
    return undefined;
  };
}

const isExecutable: RunnableProbe = async (file, windows) => {
  try {
    if (!(await stat(file)).isFile()) return false;
    // Windows has no execute bit: the extension (PATHEXT) is what makes a file runnable.
    if (!windows) await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function valueOf(env: ProcessEnv, name: string): string | undefined {
  const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
}
