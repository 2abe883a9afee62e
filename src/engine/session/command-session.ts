/**
 * The learner's commands: typed text → policy → kubectl/minikube with the pinned KUBECONFIG,
 * output streamed line by line. One command at a time; `stop()` aborts only that child.
 * A refusal (pipes, `ls`, `--context`, ...) becomes an output line with the reason, never an
 * exception. Interactive commands (`kubectl edit`, `exec -it`) need the real terminal, which only
 * the UI can hand over (Ink's suspend/resume), so it injects `runInteractive`.
 */
import type { LastCommand } from '../checks/result.js';
import type { CommandMode } from '../commands/command-mode.js';
import { interpretCommandLine } from '../commands/command-policy.js';
import type { CommandEnv, CommandRunner, OutputLine, RunResult } from '../commands/command-runner.js';
import { parseCommandLine } from '../commands/parse-command-line.js';
import type { InAppCommand } from '../in-app/in-app-commands.js';

/**
 * Runs an interactive command on the real terminal; the UI suspends itself around it. `onLine`
 * receives what kubectl itself prints (an edit's result, exec's errors) for the Output pane.
 */
export type InteractiveRunner = (argv: readonly string[], env: CommandEnv, onLine?: (line: OutputLine) => void) => Promise<RunResult>;

export type RunOutcome =
  | { kind: 'refused'; reason: string; suggestion?: string[] }
  | { kind: 'ran'; argv: string[]; mode: CommandMode; exitCode: number; aborted: boolean };

export interface CommandSessionDeps {
  runner: CommandRunner;
  namespace: string;
  /** The environment for a command (with KUBECONFIG), or undefined while not connected. */
  env(): CommandEnv | undefined;
  /** Why no command may run right now (a start state is being built), or undefined. */
  blocked?(): string | undefined;
  /** True on the built-in sandbox, where there is no minikube to talk to. */
  onSandbox(): boolean;
  runInteractive?: InteractiveRunner;
  /** Commands the app answers itself (`curl`, `edit`, `minikube service` on the sandbox): src/engine/in-app. */
  inApp?(argv: readonly string[]): InAppCommand | undefined;
  /** The working directory for commands (the lesson's workspace), or undefined for kubedojo's own. */
  cwd?(): string | undefined;
  onLine(line: OutputLine): void;
  onStart(argv: string[], mode: CommandMode): void;
  /** `recorded: false` for in-app commands that `ran` checks ignore (curl, edit). */
  onFinish(last: LastCommand, recorded?: boolean): void;
}

export interface CommandSession {
  run(text: string): Promise<RunOutcome>;
  /** Stops the running command's child (SIGTERM to its process group), nothing else. */
  stop(): void;
  readonly running: boolean;
}

export const SANDBOX_MINIKUBE_REASON =
  "You are on kubedojo's built-in sandbox: there is no minikube here to talk to. Use kubectl, e.g. `kubectl cluster-info`.";

export function createCommandSession(deps: CommandSessionDeps): CommandSession {
  let current: AbortController | undefined;

  const refuse = (reason: string, suggestion?: string[]): RunOutcome => {
    deps.onLine({ stream: 'stderr', text: `kubedojo: ${reason}` });
    return suggestion === undefined ? { kind: 'refused', reason } : { kind: 'refused', reason, suggestion };
  };

  async function run(text: string): Promise<RunOutcome> {
    const parsed = parseCommandLine(text);
    const inApp = parsed.ok ? deps.inApp?.(parsed.argv) : undefined;
    if (parsed.ok && inApp !== undefined) return runInApp(parsed.argv, inApp);
    const decision = interpretCommandLine(text, { namespace: deps.namespace });
    if (!decision.allowed) return refuse(decision.reason, decision.suggestion);
    const blocked = deps.blocked?.();
    if (blocked !== undefined) return refuse(blocked);
    const env = deps.env();
    if (env === undefined) return refuse('Not connected to a cluster yet.');
    if (current !== undefined) return refuse('A command is still running: stop it first (Ctrl+C), then run the next one.');
    if (decision.program === 'minikube' && deps.onSandbox()) return refuse(SANDBOX_MINIKUBE_REASON);

    const { argv, mode } = decision;
    if (mode === 'interactive' && deps.runInteractive === undefined) {
      return refuse(`\`${argv.slice(0, 2).join(' ')}\` needs a terminal of its own: run it in your own terminal with KUBECONFIG=${env.KUBECONFIG ?? ''}.`);
    }

    const controller = new AbortController();
    current = controller;
    deps.onStart(argv, mode);
    let result: RunResult;
    try {
      result =
        mode === 'interactive'
          ? await deps.runInteractive!(argv, env, deps.onLine)
          : await deps.runner.run(argv, { env, signal: controller.signal, onLine: deps.onLine, ...cwdOption() });
    } catch (error) {
      // A runner that throws (it should not) must not take the session down.
      result = { exitCode: 126, signal: undefined, aborted: false, startError: error instanceof Error ? error.message : String(error) };
    } finally {
      current = undefined;
    }
    if (result.startError !== undefined) deps.onLine({ stream: 'stderr', text: `kubedojo: ${result.startError}` });
    deps.onFinish({ argv: [...argv], exitCode: result.exitCode });
    return { kind: 'ran', argv: [...argv], mode, exitCode: result.exitCode, aborted: result.aborted };
  }

  function cwdOption(): { cwd?: string } {
    const cwd = deps.cwd?.();
    return cwd === undefined ? {} : { cwd };
  }

  /** The same life cycle as a spawned command (start, output, finish, `ran` checks), run in-process. */
  async function runInApp(argv: string[], command: InAppCommand): Promise<RunOutcome> {
    if (command.kind === 'refused') return refuse(command.reason);
    const blocked = deps.blocked?.();
    if (blocked !== undefined) return refuse(blocked);
    const env = deps.env();
    if (env === undefined) return refuse('Not connected to a cluster yet.');
    if (current !== undefined) return refuse('A command is still running: stop it first (Ctrl+C), then run the next one.');
    if (command.kind === 'interactive' && deps.runInteractive === undefined) {
      return refuse(`\`${argv[0]}\` needs the terminal: open ${command.argv.at(-1) ?? 'the file'} in your own editor.`);
    }
    const mode: CommandMode = command.kind === 'interactive' ? 'interactive' : 'ordinary';
    const controller = new AbortController();
    current = controller;
    deps.onStart(argv, mode);
    let exitCode: number;
    try {
      if (command.kind === 'interactive') {
        const result = await deps.runInteractive!(command.argv, env);
        if (result.startError !== undefined) deps.onLine({ stream: 'stderr', text: `kubedojo: ${result.startError}` });
        exitCode = result.exitCode;
      } else {
        exitCode = await command.run({ signal: controller.signal, onLine: (text, stream) => deps.onLine({ stream, text }) });
      }
    } catch (error) {
      deps.onLine({ stream: 'stderr', text: `kubedojo: ${error instanceof Error ? error.message : String(error)}` });
      exitCode = 1;
    } finally {
      current = undefined;
    }
    deps.onFinish({ argv: [...argv], exitCode }, command.recorded);
    return { kind: 'ran', argv: [...argv], mode, exitCode, aborted: controller.signal.aborted };
  }

  return {
    run,
    stop: () => current?.abort(),
    get running() {
      return current !== undefined;
    },
  };
}
