/**
 * One `kubectl exec` session over the WebSocket remote-command protocol `v5.channel.k8s.io`, the
 * only one kubectl ≥ 1.30 offers over WebSocket (client-go tools/remotecommand/websocket.go,
 * NewWebSocketExecutor). Every binary message starts with a channel byte: 0 stdin, 1 stdout,
 * 2 stderr, 3 error (a metav1.Status when the command ends), 4 resize (`{"Width":…,"Height":…}`),
 * and v5's 255 CLOSE, `[255, channel]`, a half-close of one stream (remotecommand/constants.go).
 * The server side mirrors kube-apiserver's stream translator (apiserver/pkg/util/proxy/websocket.go,
 * streamtranslator.go): an empty message on the lowest writable channel once the connection is up,
 * the output, the Status on channel 3, then a normal closure — client-go reads each stream until
 * that close, so nothing else ends the session.
 */
import type { WebSocket } from 'ws';
import type { KubeObject } from '../../api/status.js';
import type { ExecShell, PodExec } from '../pod-network.js';

export const STREAM_PROTOCOL_V5 = 'v5.channel.k8s.io';

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
const CLOSE = 255;

export interface ExecOptions {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** `sh`, `bash -l`, `/bin/sh -i`: a shell that would read commands from the terminal. */
export function isInteractiveShell(command: string[], stdin: boolean): boolean {
  const program = command[0]?.split('/').pop() ?? '';
  return stdin && SHELLS.has(program) && !command.slice(1).includes('-c');
}

// Options of an interactive shell that change nothing the sandbox shows.
const SHELL_OPTIONS = new Set(['-i', '-l', '--login', '-il', '-li']);

/** 126 is what a shell returns for a command it found but cannot run. */
export const SHELL_UNAVAILABLE_EXIT = 126;
const SHELL_UNAVAILABLE =
  'kubedojo sandbox: an interactive shell is not available in the sandbox.\n' +
  'Run one command at a time instead, for example: kubectl exec POD -- env\n';

/** The Status the kubelet reports a command's end with (kubelet cri/streaming/remotecommand/exec.go). */
export function exitStatus(exitCode: number, command: string[]): KubeObject {
  if (exitCode === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

/** Runs the session on an accepted WebSocket; resolves when the connection is closed. */
export async function runExecSession(ws: WebSocket, options: ExecOptions, exec: PodExec): Promise<void> {
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  // Anything the client sends (stdin, resizes, CLOSE signals) is read and dropped: the simulated
  // commands take no input, and a terminal's size changes nothing in their output.
  const dropInput = (): void => {};
  ws.on('message', dropInput);
  ws.on('error', () => {});
  const send = (channel: number, data: string | Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(Buffer.concat([Buffer.from([channel]), typeof data === 'string' ? Buffer.from(data) : data]), { binary: true });
  };
  send(options.stdout ? STDOUT : options.stderr ? STDERR : ERROR, '');

  const shell =
    isInteractiveShell(options.command, options.stdin) && options.command.slice(1).every((a) => SHELL_OPTIONS.has(a))
      ? exec.shell?.(options.namespace, options.pod, options.container, options.command, { tty: options.tty })
      : undefined;
  if (shell) {
    ws.off('message', dropInput);
    const exitCode = await runShell(ws, shell, options, send);
    send(ERROR, JSON.stringify(exitStatus(exitCode, options.command)));
    if (ws.readyState === ws.OPEN) ws.close(1000);
    await closed;
    return;
  }

  let exitCode: number;
  let stdout = '';
  let stderr = '';
  if (isInteractiveShell(options.command, options.stdin) && exec.shell === undefined) {
    exitCode = SHELL_UNAVAILABLE_EXIT;
    stderr = SHELL_UNAVAILABLE;
  } else {
    try {
      ({ exitCode, stdout, stderr } = await exec.exec(options.namespace, options.pod, options.container, options.command));
    } catch (error) {
      exitCode = 126;
      stderr = `kubedojo sandbox: ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }
  // A terminal merges the two streams, and wants CR LF line ends.
  if (options.tty) {
    stdout = `${stdout}${stderr}`.replace(/\r?\n/g, '\r\n');
    stderr = '';
  }
  if (stdout && options.stdout) send(STDOUT, stdout);
  if (stderr && options.stderr) send(STDERR, stderr);
  send(ERROR, JSON.stringify(exitStatus(exitCode, options.command)));
  if (ws.readyState === ws.OPEN) ws.close(1000);
  await closed;
}

/**
 * Connects an interactive shell to the stream: channel 0 is what the learner types, 4 the
 * terminal's size, `[255, 0]` the end of stdin; its output goes to channel 1 (and 2 without a
 * TTY). A client that goes away hangs the shell up. Resolves with the shell's exit code.
 */
async function runShell(ws: WebSocket, shell: ExecShell, options: ExecOptions, send: (channel: number, data: string | Buffer) => void): Promise<number> {
  ws.on('message', (message: Buffer, isBinary: boolean) => {
    const data = isBinary ? message : Buffer.from(message);
    const channel = data[0];
    if (channel === STDIN) shell.input(data.subarray(1));
    else if (channel === RESIZE) {
      try {
        const size = JSON.parse(data.subarray(1).toString('utf8')) as { Width?: number; Height?: number };
        shell.resize(Number(size.Width) || 0, Number(size.Height) || 0);
      } catch {
        // A malformed size is ignored, as the kubelet logs and ignores it.
      }
    } else if (channel === CLOSE && data[1] === STDIN) shell.endInput();
  });
  ws.once('close', () => shell.hangUp());
  shell.onOutput((stream, data) => {
    if (stream === 'stdout' && options.stdout) send(STDOUT, data);
    else if (stream === 'stderr' && options.stderr) send(STDERR, data);
    else if (options.tty && options.stdout) send(STDOUT, data);
  });
  return shell.exited;
}
