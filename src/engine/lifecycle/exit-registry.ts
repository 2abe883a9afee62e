import { constants } from 'node:os';
import { runCleanups, type Cleanup, type CleanupFailure } from './run-cleanups.js';

/** The part of `process` the registry uses; tests pass an EventEmitter with a fake `exit`. */
export interface ExitProcess {
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
  exit(code: number): void;
}

export interface ExitRegistryOptions {
  /** Default: the real `process`. */
  process?: ExitProcess;
  /** How long each cleanup may take before the next one runs anyway. Default 2000 ms. */
  cleanupTimeoutMs?: number;
  /** Where failures and crash reports go, once cleanups restored the terminal. Default stderr. */
  report?: (text: string) => void;
}

/**
 * The app's one exit path. Everything that must not outlive kubedojo (child processes, watches,
 * the terminal's raw mode, unsaved progress) registers a cleanup; on `q`, Ctrl+C, SIGTERM,
 * SIGHUP or a crash the cleanups run ONCE, newest first, then the process exits.
 */
export interface ExitRegistry {
  /** Adds a cleanup; returns a function that removes it again (e.g. when a watch stops). */
  register(name: string, cleanup: () => void | Promise<void>): () => void;
  /**
   * Runs the cleanups and exits with `code`. A `crash` is printed after the cleanups, so it
   * lands on a restored terminal. Calling it again while exiting joins the first call.
   */
  exit(code: number, crash?: unknown): Promise<void>;
  /** Hooks SIGINT/SIGTERM/SIGHUP, uncaughtException and unhandledRejection. Returns an undo. */
  install(): () => void;
  /**
   * While `task` runs, SIGINT does not end kubedojo: an interactive child (`kubectl edit`,
   * `exec -it`) owns the terminal, and the Ctrl+C the terminal sends to both of us is its own.
   */
  holdInterrupts<T>(task: () => Promise<T>): Promise<T>;
  readonly exiting: boolean;
}

const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** 128 + the signal number, as shells report it: SIGINT 130, SIGTERM 143, SIGHUP 129. */
export function exitCodeForSignal(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

export function createExitRegistry(options: ExitRegistryOptions = {}): ExitRegistry {
  const proc: ExitProcess = options.process ?? process;
  const timeoutMs = options.cleanupTimeoutMs ?? 2000;
  const report = options.report ?? ((text: string) => void process.stderr.write(`${text}\n`));
  const cleanups: Cleanup[] = [];
  let exiting: Promise<void> | undefined;
  let interruptHolds = 0;

  function register(name: string, run: () => void | Promise<void>): () => void {
    const cleanup: Cleanup = { name, run };
    cleanups.push(cleanup);
    return () => {
      const index = cleanups.indexOf(cleanup);
      if (index !== -1) cleanups.splice(index, 1);
    };
  }

  function exit(code: number, crash?: unknown): Promise<void> {
    exiting ??= (async () => {
      const failures = await runCleanups([...cleanups].reverse(), timeoutMs);
      for (const failure of failures) report(describeFailure(failure, timeoutMs));
      if (crash !== undefined) report(`kubedojo crashed: ${describeError(crash)}`);
      proc.exit(code);
    })();
    return exiting;
  }

  function install(): () => void {
    const signalListeners = HANDLED_SIGNALS.map((signal) => {
      const listener = (): void => {
        if (signal === 'SIGINT' && interruptHolds > 0) return;
        void exit(exitCodeForSignal(signal));
      };
      proc.on(signal, listener);
      return [signal, listener] as const;
    });
    const onCrash = (error: unknown): void => void exit(1, error);
    proc.on('uncaughtException', onCrash);
    proc.on('unhandledRejection', onCrash);
    return () => {
      for (const [signal, listener] of signalListeners) proc.off(signal, listener);
      proc.off('uncaughtException', onCrash);
      proc.off('unhandledRejection', onCrash);
    };
  }

  async function holdInterrupts<T>(task: () => Promise<T>): Promise<T> {
    interruptHolds += 1;
    try {
      return await task();
    } finally {
      interruptHolds -= 1;
    }
  }

  return {
    register,
    exit,
    install,
    holdInterrupts,
    get exiting() {
      return exiting !== undefined;
    },
  };
}

function describeFailure(failure: CleanupFailure, timeoutMs: number): string {
  if (failure.timedOut) return `kubedojo: cleanup "${failure.name}" did not finish within ${timeoutMs} ms`;
  return `kubedojo: cleanup "${failure.name}" failed: ${describeError(failure.error)}`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
