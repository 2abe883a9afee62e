/**
 * What every pty test of the BUILT app shares: `npm run build` once per file, a tmux pane per test
 * (killed after it), and the learner's two gestures at the keyboard: a command typed at the prompt,
 * and Esc on the lesson card.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { execa } from 'execa';
import { afterEach, beforeAll } from 'vitest';
import { REPO } from '../../cli/support/cli.js';
import { startPane, type Pane } from './tmux.js';

export const CLI = join(REPO, 'dist', 'cli.js');
export const NODE = process.execPath;

export interface BuiltApp {
  /** A fresh pane (see {@link startPane}) for this test; killed after it. */
  pane(size?: { columns: number; rows: number }): Promise<Pane>;
}

/**
 * Call at a test file's top level: builds dist/ before its tests and kills their panes after each
 * (`beforeKill` first, e.g. Ctrl+C to an editor still open).
 */
export function useBuiltApp(options: { beforeKill?: (pane: Pane) => Promise<void> } = {}): BuiltApp {
  const panes: Pane[] = [];
  beforeAll(ensureBuilt, 240_000);
  afterEach(async () => {
    for (const pane of panes.splice(0)) {
      await options.beforeKill?.(pane);
      await pane.kill();
    }
  });
  return {
    async pane(size) {
      const pane = await startPane(CLI, size);
      panes.push(pane);
      return pane;
    },
  };
}

// Next to dist/, not in node_modules (a worktree may share another checkout's node_modules).
const LOCK = join(REPO, '.e2e-build.lock');
const SOURCES = ['src', 'lessons', 'assets', 'scripts', 'package.json'];

/**
 * Builds dist/ when it is older than its sources. Test files run in parallel workers, and a build
 * empties dist/ first: an app another file has just started would then lose its lazily loaded
 * chunks. So one build at a time (a lock directory, made atomically), and none when dist/ is current.
 */
export async function ensureBuilt(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a killed run is old: builds take well under five minutes.
      if (Date.now() - (mtimeOf(LOCK) ?? Date.now()) > 300_000) rmSync(LOCK, { recursive: true, force: true });
      await delay(200);
    }
  }
  try {
    const built = mtimeOf(join(REPO, 'dist', 'cli.js'));
    if (built === undefined || SOURCES.some((path) => newestUnder(join(REPO, path)) > built)) {
      await execa('npm', ['run', 'build'], { cwd: REPO });
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function mtimeOf(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function newestUnder(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestUnder(join(path, name))), stat.mtimeMs);
}

/**
 * Focuses the prompt (`:`), types `command` key by key, and runs it once it is on screen. Keys
 * that reach the app in one read are a paste, so each step waits for the screen first. A command
 * longer than the prompt scrolls: its last 40 characters are what stays in view.
 */
export async function runAtPrompt(pane: Pane, command: string): Promise<void> {
  await pane.send(':');
  await pane.waitFor('Esc leave prompt');
  await pane.type(command);
  await pane.waitFor(command.length > 40 ? command.slice(-40) : `❯ ${command}`);
  await pane.send('Enter');
}

/** Esc closes the lesson card; wait until it is gone (an Esc and the next key in one read would be Alt+key). */
export async function closeCard(pane: Pane): Promise<void> {
  await pane.waitFor('New lesson');
  await pane.send('Escape');
  await pane.waitFor((s) => !s.includes('New lesson'));
}
