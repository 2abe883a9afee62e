/**
 * Gives the real terminal to an interactive child (`kubectl edit`, `exec -it`) and takes it back:
 * the screen stops listening to keys, Ink suspends (raw mode off, cursor shown, frame erased,
 * alternate screen left), the child runs with the terminal, Ink resumes and redraws. Meanwhile
 * SIGINT is held: the terminal sends Ctrl+C to the child and to us, and it is the child's.
 * After ink's examples/suspend-terminal.
 */
import type { SuspendTerminal } from 'ink';
import type { CommandEnv, CommandRunner, OutputLine, RunResult } from '../engine/commands/index.js';
import type { ExitRegistry } from '../engine/lifecycle/index.js';
import type { StdinGate } from './stdin-gate.js';

export interface TerminalHandoffDeps {
  runner: Pick<CommandRunner, 'runInteractive'>;
  registry: Pick<ExitRegistry, 'holdInterrupts'>;
  /** Ink's suspendTerminal, once the app is mounted; undefined without a terminal UI. */
  suspend(): SuspendTerminal | undefined;
  /** Turns the screen's keyboard off (false) and on again (true). */
  setKeyboard(on: boolean): void;
  /** Stops the app's own read of the terminal while the child has it (stdin-gate.ts). */
  stdinGate?: StdinGate;
}

/** An InteractiveRunner for the session. */
export function createTerminalHandoff(
  deps: TerminalHandoffDeps,
): (argv: readonly string[], env: CommandEnv, onLine?: (line: OutputLine) => void) => Promise<RunResult> {
  return (argv, env, onLine) =>
    deps.registry.holdInterrupts(async () => {
      const options = onLine === undefined ? undefined : { onLine };
      const suspendTerminal = deps.suspend();
      if (suspendTerminal === undefined) return deps.runner.runInteractive(argv, env, options);
      deps.setKeyboard(false);
      try {
        let result: RunResult | undefined;
        await suspendTerminal(async () => {
          // Ink has paused its input by now (raw mode off, listener detached), but the key that
          // started this command is still being handled inside Ink's read loop, which reads once
          // more when it ends (and so restarts the terminal read): let it end, then stop the read.
          if (deps.stdinGate) await new Promise((resolve) => setImmediate(resolve));
          deps.stdinGate?.hold();
          try {
            result = await deps.runner.runInteractive(argv, env, options);
          } finally {
            deps.stdinGate?.release();
          }
        });
        return result!;
      } finally {
        deps.setKeyboard(true);
      }
    });
}
