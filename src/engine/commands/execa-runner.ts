import { constants as fsConstants, readFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { constants } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Result } from 'execa';
import type { CommandEnv, CommandRunner, InteractiveOptions, OutputStream, RunOptions, RunResult } from './command-runner.js';
import { chooseEditor, interactiveKind, kubeEditorValue } from './interactive-kind.js';
import { createChildReaper, type ChildReaper } from './child-reaper.js';

export interface ExecaRunnerOptions {
  /** How long a stopped command gets between SIGTERM and SIGKILL. Default 3000 ms. */
  graceMs?: number;
  /**
   * The command that runs kubedojo's KUBE_EDITOR wrapper (`node dist/editor.js`). With it, `kubectl
   * edit`'s output reaches `onLine` and only the editor gets the terminal; without it (tests run
   * from source) kubectl and its editor share the terminal as before.
   */
  editorWrapper?: readonly string[];
  /** Whether nano is installed, for the "use nano instead" note. Default: looks on PATH. */
  hasNano?: () => Promise<boolean>;
  /**
   * Stops the children if kubedojo dies without stopping them (SIGKILL): see child-reaper.ts.
   * Default: one reaper for this runner, started with its first command.
   */
  reaper?: ChildReaper;
}

const POLL_MS = 25;

type Execa = typeof import('execa').execa;
let execaModule: Promise<Execa> | undefined;

/**
 * execa (~0.2 MB with its dependencies), loaded with the first command instead of with the app's
 * first frame (issue 9).
 */
function loadExeca(): Promise<Execa> {
  execaModule ??= import('execa').then((module) => module.execa);
  return execaModule;
}
// Process groups are a POSIX idea; on Windows we can only signal the child itself.
const USE_PROCESS_GROUPS = process.platform !== 'win32';

interface LiveCommand {
  stop(): void;
  settled: Promise<unknown>;
}

/** The real {@link CommandRunner}: execa, never a shell. */
export function createExecaRunner(options: ExecaRunnerOptions = {}): CommandRunner {
  const graceMs = options.graceMs ?? 3000;
  const live = new Set<LiveCommand>();
  const reaper = options.reaper ?? createChildReaper();

  /**
   * execa for a command about to start, loaded first if need be. While it loads, the command counts
   * as live, so `stopAll` (or its signal) can stop it before it starts. The caller calls
   * `release()`, checks `stopped()` and starts the child in ONE synchronous stretch: a stop between
   * this promise settling and the child's own live entry would otherwise be lost.
   */
  async function loadExecaFor(signal: AbortSignal | undefined): Promise<{ execa: Execa; stopped(): boolean; release(): void }> {
    let stopped = false;
    const loading = loadExeca();
    const pending: LiveCommand = { stop: () => void (stopped = true), settled: loading.catch(() => undefined) };
    live.add(pending);
    const release = (): void => void live.delete(pending);
    const execa = await loading.catch((error: unknown) => {
      release();
      throw error;
    });
    return { execa, stopped: () => stopped || signal?.aborted === true, release };
  }

  async function run(argv: readonly string[], runOptions: RunOptions = {}): Promise<RunResult> {
    const [file, ...args] = argv;
    if (file === undefined) throw new Error('run() needs at least a program name');
    if (runOptions.signal?.aborted) return stoppedBeforeStart();
    const loaded = await loadExecaFor(runOptions.signal);

    const lineSink = (stream: OutputStream) =>
      function* (line: unknown): Generator<never> {
        runOptions.onLine?.({ stream, text: String(line) });
      };
    // From here to the abort listener: one synchronous stretch (see loadExecaFor).
    loaded.release();
    if (loaded.stopped()) return stoppedBeforeStart();
    const subprocess = loaded.execa(file, args, {
      shell: false,
      env: runOptions.env,
      cwd: runOptions.cwd,
      // Ink owns the terminal: a command that wants input must go through runInteractive.
      stdin: 'ignore',
      stdout: lineSink('stdout'),
      stderr: lineSink('stderr'),
      buffer: false,
      reject: false,
      // Its own process group, so stopping it also stops what it spawned (credential plugins,
      // `sh -c` in tests) and a Ctrl+C in our terminal does not reach it behind our back.
      detached: USE_PROCESS_GROUPS,
    });

    // Its process group (its pid, being detached) goes to the reaper at once, in the same tick.
    const reaped = subprocess.pid === undefined ? undefined : USE_PROCESS_GROUPS ? -subprocess.pid : subprocess.pid;
    if (reaped !== undefined) reaper.watch(reaped);

    let terminating: Promise<void> | undefined;
    const stop = (): void => {
      terminating ??= terminate(subprocess.pid, (signal) => subprocess.kill(signal), graceMs);
    };
    const entry: LiveCommand = { stop, settled: subprocess };
    live.add(entry);
    runOptions.signal?.addEventListener('abort', stop, { once: true });
    try {
      const result = await subprocess;
      if (terminating !== undefined) await terminating;
      return toRunResult(file, result, terminating !== undefined);
    } finally {
      if (reaped !== undefined) reaper.forget(reaped);
      runOptions.signal?.removeEventListener('abort', stop);
      live.delete(entry);
    }
  }

  async function runInteractive(argv: readonly string[], env?: CommandEnv, interactive: InteractiveOptions = {}): Promise<RunResult> {
    const [file, ...args] = argv;
    if (file === undefined) throw new Error('runInteractive() needs at least a program name');
    const { onLine } = interactive;
    const sink = (stream: OutputStream) =>
      function* (line: unknown): Generator<never> {
        onLine?.({ stream, text: String(line) });
      };
    const kind = interactiveKind(argv);
    let childEnv = env;
    let stdio: ['ignore' | 'inherit', 'inherit' | ReturnType<typeof sink>, 'inherit' | ReturnType<typeof sink>] = ['inherit', 'inherit', 'inherit'];
    if (kind === 'editor' && onLine && options.editorWrapper) {
      const { editor, note } = chooseEditor({ ...process.env, ...env }, await (options.hasNano ?? nanoOnPath)());
      if (note) onLine({ stream: 'stderr', text: note });
      childEnv = { ...env, KUBE_EDITOR: kubeEditorValue(options.editorWrapper), KUBEDOJO_EDITOR: editor };
      // kubectl needs no terminal for an edit: the wrapper opens /dev/tty for the editor.
      stdio = ['ignore', sink('stdout'), sink('stderr')];
    } else if (kind === 'terminal' && onLine) {
      // The session needs stdin and stdout; stderr carries only kubectl's own lines (with a TTY the
      // container's stderr arrives merged into stdout).
      stdio = ['inherit', 'inherit', sink('stderr')];
    }
    const loaded = await loadExecaFor(undefined);
    // From here to the child's live entry: one synchronous stretch (see loadExecaFor).
    loaded.release();
    if (loaded.stopped()) return stoppedBeforeStart();
    // Not detached: the child must be in the terminal's foreground process group to read keys.
    const subprocess = loaded.execa(file, args, {
      shell: false,
      env: childEnv,
      stdin: stdio[0],
      stdout: stdio[1],
      stderr: stdio[2],
      buffer: false,
      reject: false,
      forceKillAfterDelay: graceMs,
    });
    // It stays in our process group (the terminal's foreground group), so the reaper gets its pid;
    // and when we lead that group (started from a shell), the group too: after our death it holds
    // only what this command started (the editor under `kubectl edit`), nothing of our parent's.
    const ownGroup = leadsOwnProcessGroup() ? -process.pid : undefined;
    if (subprocess.pid !== undefined) reaper.watch(subprocess.pid);
    if (ownGroup !== undefined) reaper.watch(ownGroup);
    let stopped = false;
    const entry: LiveCommand = {
      stop: () => {
        stopped = true;
        subprocess.kill('SIGTERM');
      },
      settled: subprocess,
    };
    live.add(entry);
    try {
      return toRunResult(file, await subprocess, stopped);
    } finally {
      if (subprocess.pid !== undefined) reaper.forget(subprocess.pid);
      if (ownGroup !== undefined) reaper.forget(ownGroup);
      live.delete(entry);
    }
  }

  async function stopAll(): Promise<void> {
    const running = [...live];
    for (const command of running) command.stop();
    await Promise.allSettled(running.map((command) => command.settled));
    // Nothing left for it to stop: let it go now, so it does not outlive a clean exit either.
    await reaper.close();
  }

  return { run, runInteractive, stopAll };
}

/**
 * SIGTERM to the whole process group, then SIGKILL if anything in it is still alive after the
 * grace. Resolves once the group is gone (or a short while after SIGKILL, for zombies whose
 * reaping is not ours to wait for).
 */
async function terminate(
  pid: number | undefined,
  killChild: (signal: NodeJS.Signals) => void,
  graceMs: number,
): Promise<void> {
  if (pid === undefined) return;
  if (!USE_PROCESS_GROUPS) {
    killChild('SIGTERM');
    if (!(await waitUntilGone(pid, graceMs))) killChild('SIGKILL');
    return;
  }
  signalGroup(pid, 'SIGTERM');
  if (await waitUntilGone(-pid, graceMs)) return;
  signalGroup(pid, 'SIGKILL');
  await waitUntilGone(-pid, 1000);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Polls `kill(target, 0)`; a negative target means the process group. */
async function waitUntilGone(target: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(target, 0);
    } catch {
      return true;
    }
    if (Date.now() >= deadline) return false;
    await delay(POLL_MS);
  }
}

/**
 * Whether kubedojo leads its process group (pgid = pid), read from /proc/self/stat (Linux; Node
 * has no getpgid). Elsewhere: false, and the reaper stops the interactive child by pid only.
 */
function leadsOwnProcessGroup(): boolean {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After the command name in parentheses: state, ppid, pgrp.
    const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    return pgrp === process.pid;
  } catch {
    return false;
  }
}

async function nanoOnPath(): Promise<boolean> {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of dirs) {
    try {
      await access(join(dir, 'nano'), fsConstants.X_OK);
      return true;
    } catch {
      // Not in this one.
    }
  }
  return false;
}

function stoppedBeforeStart(): RunResult {
  return { exitCode: 128 + constants.signals.SIGTERM, signal: undefined, aborted: true, startError: undefined };
}

function toRunResult(file: string, result: Result, aborted: boolean): RunResult {
  const signal = result.signal;
  if (signal !== undefined) {
    return { exitCode: 128 + (constants.signals[signal] ?? 0), signal, aborted, startError: undefined };
  }
  if (result.exitCode !== undefined) {
    return { exitCode: result.exitCode, signal: undefined, aborted, startError: undefined };
  }
  // No exit code and no signal: it never started.
  const code = (result as { code?: string }).code;
  if (code === 'ENOENT') return startFailure(127, `\`${file}\` was not found on your PATH.`);
  if (code === 'EACCES') return startFailure(126, `\`${file}\` is not executable.`);
  return startFailure(126, `\`${file}\` could not start: ${result.originalMessage ?? result.shortMessage}`);
}

function startFailure(exitCode: number, startError: string): RunResult {
  return { exitCode, signal: undefined, aborted: false, startError };
}
