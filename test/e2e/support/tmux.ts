/**
 * A real pseudo-terminal for end-to-end tests: a tmux server on its own socket, 100×30, running a
 * bash with a clean environment (HOME, XDG dirs, TMPDIR and KUBECACHEDIR in one temp folder).
 * Tests type with `send`, read the screen with `screen`, and wait for content with `waitFor`
 * (polling capture-pane until a deadline), never with fixed sleeps.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { execa } from 'execa';

export interface Pane {
  /** The unique temp folder: it is in the app's command line and in every child's environment. */
  dir: string;
  /** `<dir>/bin/kubedojo`, a link to the built CLI. */
  bin: string;
  env: Record<string, string>;
  send(...keys: string[]): Promise<void>;
  /** Types `text` literally (no key names), without Enter. */
  type(text: string): Promise<void>;
  screen(): Promise<string>;
  waitFor(match: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Pipes everything the pane receives from now on to `command` (tmux pipe-pane -o). */
  pipe(command: string): Promise<void>;
  /** tmux format variables, e.g. `#{alternate_on}`. */
  display(format: string): Promise<string>;
  /** Pids of the tmux server and the pane's shell (they carry our environment too). */
  ownPids(): Promise<number[]>;
  kill(): Promise<void>;
}

/** `size`: the terminal's columns and rows; default 100×30. */
export async function startPane(cli: string, size: { columns: number; rows: number } = { columns: 100, rows: 30 }): Promise<Pane> {
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-e2e-'));
  const bin = join(dir, 'bin', 'kubedojo');
  mkdirSync(dirname(bin), { recursive: true });
  symlinkSync(cli, bin);
  const env: Record<string, string> = {
    PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: join(dir, 'home'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    XDG_DATA_HOME: join(dir, 'data'),
    KUBECACHEDIR: join(dir, 'kubecache'),
    TMPDIR: join(dir, 'tmp'),
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    EDITOR: join(dir, 'bin', 'editor'),
  };
  for (const path of [env.HOME!, env.TMPDIR!]) mkdirSync(path, { recursive: true });
  // bash does not take PS1 from the environment here; an rc file of ours sets it.
  const rcfile = join(dir, 'bashrc');
  writeFileSync(rcfile, "PS1='e2e$ '\n");
  const socket = `kubedojo-e2e-${process.pid}-${dir.slice(-6)}`;
  const tmux = (...args: string[]) => execa('tmux', ['-L', socket, '-f', '/dev/null', ...args], { env, extendEnv: false });
  await tmux('new-session', '-d', '-x', String(size.columns), '-y', String(size.rows), `bash --noprofile --rcfile ${rcfile}`);

  const screen = async (): Promise<string> => (await tmux('capture-pane', '-p')).stdout;
  const pane: Pane = {
    dir,
    bin,
    env,
    send: async (...keys) => void (await tmux('send-keys', ...keys)),
    type: async (text) => void (await tmux('send-keys', '-l', text)),
    screen,
    async waitFor(match, timeoutMs = 20_000) {
      const test = typeof match === 'string' ? (s: string) => s.includes(match) : match instanceof RegExp ? (s: string) => match.test(s) : match;
      const deadline = Date.now() + timeoutMs;
      let last = '';
      for (;;) {
        last = await screen();
        if (test(last)) return last;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(match)}; screen:\n${last}`);
        await delay(50);
      }
    },
    pipe: async (command) => void (await tmux('pipe-pane', '-o', command)),
    display: async (format) => (await tmux('display-message', '-p', format)).stdout.trim(),
    async ownPids() {
      return (await tmux('display-message', '-p', '#{pid} #{pane_pid}')).stdout.trim().split(' ').map(Number);
    },
    kill: async () => void (await tmux('kill-server').catch(() => undefined)),
  };
  return pane;
}

/** An $EDITOR for `kubectl edit`: sets the nginx image, or hangs until interrupted when `<dir>/editor-hangs` exists. */
export function writeEditor(pane: Pane): void {
  const path = pane.env.EDITOR!;
  writeFileSync(
    path,
    `#!/bin/sh\nif [ -f '${pane.dir}/editor-hangs' ]; then echo 'editor waiting'; sleep 60; exit 1; fi\nsed -i 's/image: nginx$/image: nginx:1.25/' "$1"\n`,
  );
  chmodSync(path, 0o755);
}

/** Live processes (zombies excluded) whose environment mentions `dir`, other than `except`. */
export function processesOf(dir: string, except: readonly number[]): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || except.includes(pid) || pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').includes(dir)) continue;
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0];
      if (state === 'Z') continue;
      found.push({ pid, command: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** Whether `pid` is a live process (not a zombie). */
export function isAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0] !== 'Z';
  } catch {
    return false;
  }
}
