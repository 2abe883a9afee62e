/**
 * `ps` and `mongosh --version`, for looking around inside a container from `kubectl exec`:
 * BusyBox's `ps` applet (every process, PID USER TIME COMMAND) and procps' plain `ps` (the
 * processes on the caller's terminal, as in the mongo image, which installs procps). The process
 * list is what the sandbox knows runs there: PID 1 and, from an interactive shell, the shell.
 * Other forms (`ps aux`, `mongosh` connecting) are reported as unsupported, not guessed.
 */
import type { CatalogImage } from './image-catalog.js';
import type { Command } from './shell-runner.js';
import { reportUnsupported } from './unsupported.js';

/** The mongosh that mongo 7 and 8 images ship (mongodb-mongosh from MongoDB's apt repository). */
export const MONGOSH_VERSION = '2.3.8';

/** Which image has which: BusyBox has its ps applet; Debian's nginx has no procps; mongo has procps. */
export function hasProcessTool(name: string, image: CatalogImage): boolean {
  if (name === 'ps') return image.userland === 'busybox' || image.app.kind === 'mongo';
  if (name === 'mongosh') return image.app.kind === 'mongo';
  return false;
}

const ps: Command = (args, io, host) => {
  const processes = host.processes?.() ?? [];
  if (host.image.userland === 'busybox') {
    io.out('PID   USER     TIME  COMMAND');
    for (const { pid, command } of [...processes, { pid: nextPid(processes), command: ['ps', ...args].join(' ') }]) {
      io.out(`${String(pid).padStart(5)} root      0:00 ${command}`);
    }
    return 0;
  }
  if (args.length) return reportUnsupported(`ps ${args.join(' ')}`, io, host);
  // procps without options: the processes on this terminal, the caller's shell and ps itself.
  io.out('    PID TTY          TIME CMD');
  const own = processes.filter((p) => p.tty);
  for (const { pid, command } of [...own, { pid: nextPid(processes), command: 'ps' }]) {
    io.out(`${String(pid).padStart(7)} pts/0    00:00:00 ${command.split(' ')[0]!.split('/').pop()}`);
  }
  return 0;
};

const nextPid = (processes: { pid: number }[]) => Math.max(0, ...processes.map((p) => p.pid)) + 6;

const mongosh: Command = (args, io, host) => {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) return io.out(MONGOSH_VERSION), 0;
  return reportUnsupported(['mongosh', ...args].join(' '), io, host);
};

export const PROCESS_TOOLS: Record<string, Command> = { ps, mongosh };
