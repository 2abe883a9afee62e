import { execa } from 'execa';
import type { ProcessRunner } from './types.js';

export type ProcessEnv = Readonly<Record<string, string | undefined>>;

/**
 * The real {@link ProcessRunner}: execa, never a shell, stdin closed, with a deadline so a wedged
 * `minikube status` (a stopped Docker daemon can hang it) cannot hang the doctor.
 *
 * @param env the whole environment of the child (default `process.env`); also where PATH comes from.
 * @param timeoutMs default 30 s: `minikube kubectl --` downloads kubectl on its first run.
 */
export function createProcessRunner(env: ProcessEnv = process.env, timeoutMs = 30_000): ProcessRunner {
  return async (argv, options = {}) => {
    const [file, ...args] = argv;
    if (file === undefined) throw new Error('a ProcessRunner needs at least a program name');
    const result = await execa(file, args, {
      env: { ...env, ...options.env },
      extendEnv: false,
      shell: false,
      stdin: 'ignore',
      reject: false,
      timeout: timeoutMs,
      windowsHide: true,
    });
    const stdout = String(result.stdout ?? '');
    const stderr = String(result.stderr ?? '');
    if (result.timedOut) return { exitCode: 124, stdout, stderr: `\`${argv.join(' ')}\` gave no answer within ${timeoutMs / 1000}s` };
    if (result.exitCode !== undefined) return { exitCode: result.exitCode, stdout, stderr };
    const code = (result as { code?: string }).code;
    if (code === 'ENOENT') return { exitCode: 127, stdout, stderr: `\`${file}\` was not found on the PATH` };
    return { exitCode: 127, stdout, stderr: `\`${file}\` could not run: ${result.shortMessage}` };
  };
}
