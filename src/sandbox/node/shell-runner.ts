/**
 * Runs what a container (or `kubectl exec`, an exec probe, a preStop hook) asks for: an argv, or a
 * `sh -c` script parsed by shell.ts, against the container's simulated userland. Shells, coreutils
 * (coreutils.ts), curl and wget (net-tools.ts) and the image's own server binaries exist only where
 * the image really has them; a command the image lacks fails as the shell or the runtime says, and a
 * command the sandbox does not simulate is reported plainly — exit 126 and
 * `kubedojo sandbox: "<cmd>" is not available in the sandbox` — never faked.
 */
import { serverBinaries } from './app-behaviours.js';
import type { Signal } from './app-server.js';
import type { ContainerFs } from './container-fs.js';
import { COREUTILS } from './coreutils.js';
import { findImage, type CatalogImage } from './image-catalog.js';
import { NET_TOOLS } from './net-tools.js';
import type { PodResponse } from './node-network.js';
import { hasProcessTool, PROCESS_TOOLS } from './process-tools.js';
import { parseShell, type Redirect, type ShellList } from './shell.js';
import { reportUnsupported } from './unsupported.js';

export interface ShellIO {
  out(line: string): void;
  err(line: string): void;
}

export interface ShellHost {
  image: CatalogImage;
  env: Record<string, string>;
  fs: ContainerFs;
  hostname: string;
  now(): Date;
  /** Resolves after `ms` simulated ms; never, once the process is killed. */
  sleep(ms: number): Promise<void>;
  /** HTTP from inside the container; rejects with an Error whose `code` is ECONNREFUSED, ENOTFOUND, ECONNRESET or ETIMEDOUT. */
  http(host: string, port: number, method: string, path: string, headers: Record<string, string>, timeoutMs?: number): Promise<PodResponse>;
  /** The container's own process only: runs the image's server binary until it exits. */
  serve?(argv: string[], pid1: boolean): Promise<number>;
  /** The entrypoint script ran with the image's server (nginx prints its configuration lines). */
  entrypoint?(server: string): void;
  /** `kubectl exec` only: a signal to the container's server (`nginx -s quit`). */
  signalServer?(signal: Signal): boolean;
  /** What runs in the container (PID 1 first; `tty` marks an interactive shell), for `ps`. */
  processes?(): { pid: number; command: string; tty?: boolean }[];
  /** Whether a shell reading stdin has one (spec.stdin). */
  stdinOpen: boolean;
  /** Called with every command the sandbox does not simulate (the container records an event). */
  unsupported(command: string): void;
}

/** A command run directly (not from a shell) whose binary the image does not have. */
export class StartFailure extends Error {}

class ExitShell {
  constructor(readonly code: number) {}
}

export type Command = (args: string[], io: ShellIO, host: ShellHost) => number | Promise<number>;

const OTHER_SERVERS = new Set(['nginx:1.27', 'kubedojo/shop:1', 'jahongirr/myapp:1', 'mongo', 'registry.k8s.io/coredns/coredns:v1.11.3'].flatMap((ref) => serverBinaries(findImage(ref)!)));

const SHELLS = ['sh', '/bin/sh', '/usr/bin/sh', 'ash', '/bin/ash', 'bash', '/bin/bash', '/usr/bin/bash'];

const basename = (name: string) => (/^\/(usr\/)?s?bin\/[^/]+$/.test(name) ? name.slice(name.lastIndexOf('/') + 1) : name);

function hasShell(image: CatalogImage, name: string): boolean {
  if (image.userland === 'none') return false;
  if (name.endsWith('bash')) return image.tools.includes('bash');
  if (name.endsWith('ash')) return image.userland === 'busybox';
  return true;
}

export interface RunOptions {
  /** The command is the container's PID 1 (signals reach it). */
  pid1: boolean;
  /** Started by a shell (missing binaries are the shell's "not found"), or directly by the runtime. */
  from: 'shell' | 'runtime' | 'exec';
  /**
   * An interactive shell's own "not found" (`bash: x: command not found`), for commands the image
   * lacks and for those the sandbox does not simulate (issue #8: a plain "not found" at a prompt).
   */
  notFound?: (name: string, io: ShellIO) => number;
}

type Resolved = 'shell' | 'entrypoint' | 'server' | 'coreutil' | 'net' | 'process' | 'missing' | 'unsupported';

/** What `name` is in this image: the dispatch of runArgv, also the runtime's check before it starts PID 1. */
export function resolveCommand(name: string, image: CatalogImage): Resolved {
  if (SHELLS.includes(name)) return hasShell(image, name) ? 'shell' : 'missing';
  if (image.app.kind === 'nginx' && name === '/docker-entrypoint.sh') return 'entrypoint';
  if (image.app.kind === 'mongo' && (name === 'docker-entrypoint.sh' || name === '/usr/local/bin/docker-entrypoint.sh')) return 'entrypoint';
  if (serverBinaries(image).includes(name)) return 'server';
  const tool = basename(name);
  if (COREUTILS[tool]) return image.userland === 'none' ? 'missing' : 'coreutil';
  if (NET_TOOLS[tool]) return image.tools.includes(tool) ? 'net' : 'missing';
  if (hasProcessTool(tool, image)) return 'process';
  // Another catalog image's server (nginx in busybox): known not to be in this one.
  if (OTHER_SERVERS.has(name)) return 'missing';
  return 'unsupported';
}

export async function runArgv(argv: string[], io: ShellIO, host: ShellHost, options: RunOptions): Promise<number> {
  const [name = '', ...args] = argv;
  const image = host.image;
  switch (resolveCommand(name, image)) {
    case 'shell':
      return runShell(args, io, host, options.pid1);
    case 'entrypoint':
      if (image.app.kind === 'mongo') return runArgv(args[0]?.startsWith('-') || !args.length ? ['mongod', ...args] : args, io, host, options);
      if (args[0] === 'nginx' || args[0] === 'nginx-debug') host.entrypoint?.(args[0]);
      return args.length ? runArgv(args, io, host, options) : 0;
    case 'server':
      if (host.serve) return host.serve(argv, options.pid1);
      if (image.app.kind === 'nginx') return nginxControl(image.app.version, argv, io, host);
      return reportUnsupported(argv.join(' '), io, host);
    case 'coreutil':
      return COREUTILS[basename(name)]!(args, io, host);
    case 'net':
      return NET_TOOLS[basename(name)]!(args, io, host);
    case 'process':
      return PROCESS_TOOLS[basename(name)]!(args, io, host);
    case 'missing':
      if (options.notFound && options.from === 'shell') return options.notFound(name, io);
      return notFound(name, io, image, options.from);
    case 'unsupported':
      if (options.notFound && options.from === 'shell') return options.notFound(name, io);
      return reportUnsupported(argv.join(' '), io, host);
  }
}

/** `nginx -v`, `-t` and `-s quit|stop` from `kubectl exec` or a hook: the signals reach the running nginx. */
function nginxControl(version: string, argv: string[], io: ShellIO, host: ShellHost): number {
  const args = argv.slice(1);
  if (args[0] === '-v') return io.err(`nginx version: nginx/${version}`), 0;
  if (args[0] === '-t') {
    io.err('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok');
    io.err('nginx: configuration file /etc/nginx/nginx.conf test is successful');
    return 0;
  }
  const signal = args[0] === '-s' ? ({ quit: 'SIGQUIT', stop: 'SIGTERM' } as const)[args[1] as 'quit' | 'stop'] : undefined;
  if (!signal) return reportUnsupported(argv.join(' '), io, host);
  if (host.signalServer?.(signal)) return 0;
  io.err('nginx: [error] open() "/var/run/nginx.pid" failed (2: No such file or directory)');
  return 1;
}

function notFound(name: string, io: ShellIO, image: CatalogImage, from: RunOptions['from']): number {
  if (from === 'runtime') throw new StartFailure(`exec: "${name}": executable file not found in $PATH`);
  if (from === 'exec') {
    io.err(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown`);
    return 126;
  }
  io.err(image.userland === 'gnu' ? `sh: 1: ${name}: not found` : `sh: ${name}: not found`);
  return 127;
}

async function runShell(args: string[], io: ShellIO, host: ShellHost, pid1: boolean): Promise<number> {
  const flag = args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
  if (flag < 0) {
    // An interactive shell reading stdin: without one it sees end-of-file and exits at once.
    if (args.length) return reportUnsupported(`sh ${args.join(' ')}`, io, host);
    if (host.stdinOpen) await new Promise<never>(() => {});
    return 0;
  }
  const script = args[flag + 1] ?? '';
  const parsed = parseShell(script, host.env);
  if (!parsed.ok) return reportUnsupported(`sh -c ${script}`, io, host);
  // A script of one simple command is exec'd by dash and BusyBox ash: that command becomes PID 1.
  const only = parsed.list.items.length === 1 ? parsed.list.items[0]!.node : undefined;
  if (only?.kind === 'command' && !only.redirects.length) only.exec = true;
  try {
    return await runList(parsed.list, io, host, pid1);
  } catch (error) {
    if (error instanceof ExitShell) return error.code;
    throw error;
  }
}

/** What one line typed at an interactive shell did: its status, or the `exit` it ran. */
export type LineResult = { status: number; exit: false } | { status: number; exit: true };

/**
 * Runs one line typed at an interactive shell (kubectl exec -it … -- sh): the same parser and
 * commands as `sh -c`, a construct the parser does not simulate reported plainly, `exit [n]` ends
 * the shell. `lastStatus` is what a bare `exit` returns.
 */
export async function runShellLine(line: string, io: ShellIO, host: ShellHost, lastStatus: number, notFoundAs: (name: string, io: ShellIO) => number): Promise<LineResult> {
  if (!line.trim()) return { status: lastStatus, exit: false };
  const parsed = parseShell(line, host.env);
  if (!parsed.ok) return { status: reportUnsupported(parsed.construct, io, host), exit: false };
  try {
    return { status: await runList(parsed.list, io, host, false, notFoundAs, lastStatus), exit: false };
  } catch (error) {
    if (error instanceof ExitShell) return { status: error.code, exit: true };
    throw error;
  }
}

async function runList(
  list: ShellList,
  io: ShellIO,
  host: ShellHost,
  pid1: boolean,
  notFoundAs?: RunOptions['notFound'],
  initialStatus = 0,
): Promise<number> {
  let status = initialStatus;
  for (const { op, node } of list.items) {
    if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
    if (node.kind === 'while') {
      status = 0;
      for (;;) {
        if ((await runList(node.condition, io, host, false, notFoundAs)) !== 0) break;
        status = await runList(node.body, io, host, false, notFoundAs);
        // Every turn of a loop takes a little simulated time, so `while true; do echo; done` floods
        // the log at a bounded rate instead of holding the thread.
        await host.sleep(10);
      }
      continue;
    }
    const [name = '', ...args] = node.argv;
    const commandIO = redirect(io, node.redirects, host.fs);
    if (name === 'exit') throw new ExitShell(Number.parseInt(args[0] ?? String(status), 10) & 255);
    status = await runArgv(node.argv, commandIO, host, { pid1: pid1 && node.exec, from: 'shell', ...(notFoundAs ? { notFound: notFoundAs } : {}) });
  }
  return status;
}

function redirect(io: ShellIO, redirects: Redirect[], fs: ContainerFs): ShellIO {
  let out = io.out.bind(io);
  let err = io.err.bind(io);
  for (const r of redirects) {
    let sink: (line: string) => void;
    if (r.target === '/dev/null') sink = () => {};
    else if (r.target === '&1' || r.target === '/dev/stdout') sink = out;
    else if (r.target === '&2' || r.target === '/dev/stderr') sink = err;
    else {
      if (!r.append) fs.write(r.target, '');
      sink = (line) => fs.write(r.target, `${line}\n`, true);
    }
    if (r.fd === 1) out = sink;
    else err = sink;
  }
  return { out, err };
}
