/**
 * An interactive shell in a container, `kubectl exec -it POD -- sh` (or `bash`, `/bin/sh`): bytes
 * from the learner's terminal in, the terminal's bytes out. With a TTY it prompts as the image's
 * shell does (BusyBox `/ # `, dash `# `, bash `root@<pod>:/# `), echoes and edits the line
 * (line-editor.ts), keeps a history, and merges stderr into the terminal with CR LF line ends; Ctrl+C
 * drops the line or stops the running command, Ctrl+D on an empty line and `exit [n]` end it.
 * Without a TTY (`exec -i`) it reads lines from stdin silently until end of input, as `sh` does
 * from a pipe. Each line runs through the same parser and commands as `sh -c` (shell-runner.ts);
 * a command the sandbox does not have answers the shell's own "not found".
 */
import { StringDecoder } from 'node:string_decoder';
import type { CatalogImage } from './image-catalog.js';
import { editLine, emptyLine, splitKeys, type LineState } from './line-editor.js';
import { runShellLine, type ShellHost, type ShellIO } from './shell-runner.js';

export type ShellStream = 'stdout' | 'stderr';

/** An interactive shell session, as the exec stream drives it. */
export interface ExecShell {
  /** Bytes the learner typed (stdin). */
  input(data: Buffer): void;
  /** stdin reached its end (the client half-closed it). */
  endInput(): void;
  /** The terminal's size changed: accepted (commands here do not lay out by width). */
  resize(columns: number, rows: number): void;
  /** Output for the client, in order. */
  onOutput(listener: (stream: ShellStream, data: string) => void): void;
  /** Settles with the shell's exit code. */
  readonly exited: Promise<number>;
  /** The client went away: the shell ends (SIGHUP, exit 129). */
  hangUp(): void;
}

export interface InteractiveShellOptions {
  /** As typed: `sh`, `/bin/bash`, … */
  shell: string;
  image: CatalogImage;
  host: ShellHost;
  tty: boolean;
  /** Settles when the container dies under the shell. */
  died: Promise<number>;
}

const EXIT_INTERRUPTED = 130;
const EXIT_HANGUP = 129;

export function startInteractiveShell(options: InteractiveShellOptions): ExecShell {
  const { host, tty, image } = options;
  const name = options.shell.slice(options.shell.lastIndexOf('/') + 1);
  const bash = name === 'bash';
  const busybox = image.userland === 'busybox';
  const prompt = bash ? `root@${host.hostname}:/# ` : busybox ? '/ # ' : '# ';

  const listeners: ((stream: ShellStream, data: string) => void)[] = [];
  const pending: [ShellStream, string][] = [];
  const write = (stream: ShellStream, data: string): void => {
    if (!data) return;
    // A terminal has one output; its line discipline turns LF into CR LF (onlcr).
    const out: [ShellStream, string] = tty ? ['stdout', data.replace(/\r?\n/g, '\r\n')] : [stream, data];
    if (listeners.length === 0) pending.push(out);
    for (const listener of listeners) listener(...out);
  };

  let lineNumber = 0;
  // The shell's PID beside PID 1: a few processes in, as runc's init and the exec's own come first.
  const shellPid = 7;
  const notFound = (command: string, io: ShellIO): number => {
    if (bash) io.err(`bash: ${command}: command not found`);
    else if (busybox) io.err(`sh: ${command}: not found`);
    else io.err(`sh: ${lineNumber}: ${command}: not found`);
    return 127;
  };

  let finish!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (finish = resolve));
  let ended = false;
  const end = (code: number): void => {
    if (ended) return;
    ended = true;
    finish(code);
  };
  void options.died.then(end);

  let status = 0;
  let state: LineState = emptyLine();
  let keys: string[] = [];
  let buffered = '';
  let inputEnded = false;
  let running: { interrupt(): void } | undefined;
  const decoder = new StringDecoder('utf8');

  /** Runs one line; output of a line that was interrupted is dropped, and its loops stop. */
  async function run(line: string): Promise<void> {
    lineNumber++;
    let cancelled = false;
    const io: ShellIO = {
      out: (text) => void (cancelled || write('stdout', `${text}\n`)),
      err: (text) => void (cancelled || write('stderr', `${text}\n`)),
    };
    const never = new Promise<never>(() => {});
    const lineHost: ShellHost = {
      ...host,
      processes: () => [...(host.processes?.() ?? []), { pid: shellPid, command: options.shell, tty: true }],
      sleep: (ms) => (cancelled ? never : host.sleep(ms).then(() => (cancelled ? never : undefined))) };
    let interrupted!: () => void;
    const stop = new Promise<'interrupted'>((resolve) => (interrupted = () => resolve('interrupted')));
    running = { interrupt: () => interrupted() };
    try {
      const result = await Promise.race([runShellLine(line, io, lineHost, status, notFound), stop]);
      if (result === 'interrupted') {
        cancelled = true;
        status = EXIT_INTERRUPTED;
        if (tty) write('stdout', '^C\n');
        return;
      }
      status = result.status;
      if (result.exit) {
        if (bash && tty) write('stderr', 'exit\n');
        end(status);
      }
    } catch (error) {
      write('stderr', `kubedojo sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
      status = 126;
    } finally {
      running = undefined;
    }
  }

  /** Works through typed keys (TTY) or whole lines (no TTY), one command at a time. */
  let pumping = false;
  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (!ended) {
        if (tty) {
          const key = keys.shift();
          if (key === undefined) break;
          const step = editLine(state, key);
          state = step.state;
          write('stdout', step.echo);
          const outcome = step.outcome;
          if (outcome.kind === 'submit') {
            await run(outcome.line);
            if (!ended) write('stdout', prompt);
          } else if (outcome.kind === 'interrupt') {
            status = EXIT_INTERRUPTED;
            write('stdout', prompt);
          } else if (outcome.kind === 'eof') {
            // bash says `exit`, dash and BusyBox end the line.
            write('stdout', bash ? 'exit\n' : '\n');
            end(status);
          } else if (outcome.kind === 'clear') {
            write('stdout', `${prompt}${state.chars.join('')}`);
          }
        } else {
          const newline = buffered.indexOf('\n');
          if (newline < 0) {
            if (!inputEnded) break;
            const last = buffered;
            buffered = '';
            if (last) await run(last);
            end(status);
            break;
          }
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          await run(line);
        }
      }
      if (tty && inputEnded && keys.length === 0) end(status);
    } finally {
      pumping = false;
    }
  }

  if (tty) write('stdout', prompt);

  return {
    input(data) {
      if (ended) return;
      const text = decoder.write(data);
      if (tty) {
        const typed = splitKeys(text);
        // Ctrl+C reaches a running command at once (the terminal's SIGINT), ahead of typed-ahead keys.
        if (running && typed.includes('\u0003')) {
          keys = [];
          running.interrupt();
          typed.splice(0, typed.lastIndexOf('\u0003') + 1);
        }
        keys.push(...typed);
      } else {
        buffered += text;
      }
      void pump();
    },
    endInput() {
      inputEnded = true;
      buffered += decoder.end();
      void pump();
    },
    resize() {},
    onOutput(listener) {
      listeners.push(listener);
      for (const out of pending.splice(0)) listener(...out);
    },
    exited,
    hangUp() {
      running?.interrupt();
      end(EXIT_HANGUP);
    },
  };
}
