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
import type { PodExec } from '../pod-network.js';

export const STREAM_PROTOCOL_V5 = 'v5.channel.k8s.io';

const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;

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
  ws.on('message', () => {});
  ws.on('error', () => {});
  const send = (channel: number, data: string | Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(Buffer.concat([Buffer.from([channel]), typeof data === 'string' ? Buffer.from(data) : data]), { binary: true });
  };
  send(options.stdout ? STDOUT : options.stderr ? STDERR : ERROR, '');

  let exitCode: number;
  let stdout = '';
  let stderr = '';
  if (isInteractiveShell(options.command, options.stdin)) {
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
