/**
 * Gives the real terminal to an interactive child (`kubectl edit`, `exec -it`) and takes it back:
 * the screen stops listening to keys, Ink suspends (raw mode off, cursor shown, frame erased,
 * alternate screen left), the child runs with the terminal, Ink resumes and redraws. Meanwhile
 * SIGINT is held: the terminal sends Ctrl+C to the child and to us, and it is the child's.
 * After ink's examples/suspend-terminal.
 */
import type { SuspendTerminal } from 'ink';
import type { CommandEnv, CommandRunner, RunResult } from '../engine/commands/index.js';
import type { ExitRegistry } from '../engine/lifecycle/index.js';

export interface TerminalHandoffDeps {
  runner: Pick<CommandRunner, 'runInteractive'>;
  registry: Pick<ExitRegistry, 'holdInterrupts'>;
  /** Ink's suspendTerminal, once the app is mounted; undefined without a terminal UI. */
  suspend(): SuspendTerminal | undefined;
  /** Turns the screen's keyboard off (false) and on again (true). */
  setKeyboard(on: boolean): void;
}

/** An InteractiveRunner for the session. */
export function createTerminalHandoff(deps: TerminalHandoffDeps): (argv: readonly string[], env: CommandEnv) => Promise<RunResult> {
  return (argv, env) =>
    deps.registry.holdInterrupts(async () => {
      const suspendTerminal = deps.suspend();
      if (suspendTerminal === undefined) return deps.runner.runInteractive(argv, env);
      deps.setKeyboard(false);
      try {
        let result: RunResult | undefined;
        await suspendTerminal(async () => {
          result = await deps.runner.runInteractive(argv, env);
        });
        return result!;
      } finally {
        deps.setKeyboard(true);
      }
    });
}
