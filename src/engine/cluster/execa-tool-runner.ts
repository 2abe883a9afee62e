import type { ToolResult, ToolRunner } from './local-tool-confirmation.js';

type Execa = typeof import('execa').execa;
let execaModule: Promise<Execa> | undefined;

/**
 * execa, loaded when a tool is first asked (a context at a private address), not with every
 * connection: most never ask one, and execa with its dependencies is ~13 MB of a connected app's
 * RSS when loaded (issue 9; the commands' runner loads it with the first command the same way).
 */
function loadExeca(): Promise<Execa> {
  execaModule ??= import('execa').then((module) => module.execa);
  return execaModule;
}

export interface ExecaToolRunnerOptions {
  /** The environment the tool runs with (its PATH finds it). Default: kubedojo's own. */
  env?: Readonly<Record<string, string | undefined>>;
  /** A tool that hangs (a stuck Docker daemon) counts as a failure after this long. Default 10 s. */
  timeoutMs?: number;
}

/** The real {@link ToolRunner}: execa, no shell, stdin closed, killed after the timeout. */
export function createExecaToolRunner(options: ExecaToolRunnerOptions = {}): ToolRunner {
  return {
    async run(argv): Promise<ToolResult> {
      const [file, ...args] = argv;
      if (file === undefined) throw new Error('run() needs at least a program name');
      const execa = await loadExeca();
      const result = await execa(file, args, {
        shell: false,
        stdin: 'ignore',
        reject: false,
        timeout: options.timeoutMs ?? 10_000,
        ...(options.env === undefined ? {} : { env: options.env, extendEnv: false }),
      });
      const code = (result as { code?: string }).code;
      if (result.exitCode === undefined && result.signal === undefined) {
        return { exitCode: 127, stdout: '', startError: result.shortMessage, missing: code === 'ENOENT' };
      }
      if (result.timedOut) return { exitCode: 124, stdout: '', startError: `no answer within ${(options.timeoutMs ?? 10_000) / 1000} s`, missing: false };
      return { exitCode: result.exitCode ?? 128, stdout: String(result.stdout), startError: undefined, missing: false };
    },
  };
}
