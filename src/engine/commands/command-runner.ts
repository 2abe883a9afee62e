/** Which pipe a line came from; the UI dims stderr but shows both in arrival order. */
export type OutputStream = 'stdout' | 'stderr';

export interface OutputLine {
  stream: OutputStream;
  /** One line without its line ending. */
  text: string;
}

/** Extra environment on top of kubedojo's own (e.g. `KUBECONFIG` of the pinned file). */
export type CommandEnv = Readonly<Record<string, string | undefined>>;

export interface RunOptions {
  env?: CommandEnv;
  /** Aborting stops the command: SIGTERM to its whole process group, SIGKILL after a grace. */
  signal?: AbortSignal;
  /** Called for every output line as it arrives. */
  onLine?: (line: OutputLine) => void;
  cwd?: string;
}

export interface RunResult {
  /** The exit code; 128 + signal number when a signal ended it (the shell's convention). */
  exitCode: number;
  /** The signal that ended the command, if one did. */
  signal: NodeJS.Signals | undefined;
  /** True when the caller's signal (or `stopAll`) stopped it. */
  aborted: boolean;
  /** Why it could not start at all, e.g. "`kubectl` was not found on your PATH". Exit code 127. */
  startError: string | undefined;
}

export interface InteractiveOptions {
  /** kubectl's own output lines (an edit's result, exec's errors and final status). */
  onLine?: (line: OutputLine) => void;
}

/**
 * Runs programs without a shell. Components never spawn themselves: they get a runner, so tests
 * can pass a fake one and the app passes {@link createExecaRunner}.
 */
export interface CommandRunner {
  /** Runs `argv` with stdin closed, streaming its output line by line. */
  run(argv: readonly string[], options?: RunOptions): Promise<RunResult>;
  /**
   * Runs `argv` with the real terminal, for `kubectl edit` and `exec -it`. With `onLine`, what
   * kubectl itself prints reaches the caller (interactive-kind.ts says which streams). The caller
   * suspends its UI first and keeps SIGINT from ending kubedojo meanwhile (the terminal sends
   * Ctrl+C to the child and to us): see `ExitRegistry.holdInterrupts`.
   */
  runInteractive(argv: readonly string[], env?: CommandEnv, options?: InteractiveOptions): Promise<RunResult>;
  /** Stops every command still running and waits for them: a cleanup for the exit registry. */
  stopAll(): Promise<void>;
}
