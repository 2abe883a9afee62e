/**
 * The record of a running app, for a second terminal: while `kubedojo` runs it keeps a copy of
 * its pinned kubeconfig at a stable path and a small `app.json` beside it, so `kubedojo env`
 * prints `export KUBECONFIG=<that path>` and `kubedojo check` finds the app's cluster (also the
 * sandbox, which lives inside the app's process). See docs/decisions.md, "App: the second
 * terminal's kubeconfig".
 *
 * Linux: `~/.cache/kubedojo/app/` (honours XDG_CACHE_HOME); macOS `~/Library/Caches/kubedojo/app/`;
 * Windows `%LOCALAPPDATA%\kubedojo\Cache\app\`. Both files are removed when the app exits.
 */
import { readFile, rm } from 'node:fs/promises';
import { ensurePrivateDir } from '../engine/fs/private-dir.js';
import { join } from 'node:path';
import envPaths from 'env-paths';
import { writeFileAtomic } from '../engine/progress/index.js';

export interface RunningApp {
  pid: number;
  /** The context practised on; `kubedojo-sandbox` for the built-in sandbox. */
  context: string;
  sandbox: boolean;
  /** The app was started with `--allow-remote`: its context may not be local. */
  remote: boolean;
  namespace: string;
  /** The API server's URL, e.g. `https://127.0.0.1:41234`. */
  server: string | undefined;
  /** The stable copy of the pinned kubeconfig (one context, the tutorial namespace). */
  kubeconfig: string;
  /** ISO time the app connected (for the sandbox: when it was started). */
  startedAt: string;
}

/** The folder of the two files; read from the environment at every call (tests set XDG_CACHE_HOME). */
export function runningAppDir(): string {
  return join(envPaths('kubedojo', { suffix: '' }).cache, 'app');
}

const recordPath = (): string => join(runningAppDir(), 'app.json');

/** The API server URL in a kubeconfig file written by kubedojo (one cluster), if it can be read. */
export async function serverOf(kubeconfigPath: string): Promise<string | undefined> {
  try {
    // yaml loads here, once connected, not with the app's first frame. Through `default` (its
    // CommonJS exports): a bundled dynamic import has no named exports for a CommonJS module.
    const { parse } = (await import('yaml')).default;
    const config = parse(await readFile(kubeconfigPath, 'utf8')) as { clusters?: { cluster?: { server?: unknown } }[] } | null;
    const server = config?.clusters?.[0]?.cluster?.server;
    return typeof server === 'string' ? server : undefined;
  } catch {
    return undefined;
  }
}

/** Copies the pinned kubeconfig to the stable path and records the app; returns the record. */
export async function publishRunningApp(pinnedKubeconfig: string, info: Omit<RunningApp, 'kubeconfig' | 'server' | 'pid'>): Promise<RunningApp> {
  const dir = runningAppDir();
  await ensurePrivateDir(dir);
  const kubeconfig = join(dir, 'kubeconfig');
  // The copy can carry the same credentials as the learner's own kubeconfig: owner only, and
  // never written through a link planted at that path (copyFile would follow one).
  await writeFileAtomic(kubeconfig, await readFile(pinnedKubeconfig, 'utf8'), { mode: 0o600 });
  const record: RunningApp = { pid: process.pid, ...info, server: await serverOf(kubeconfig), kubeconfig };
  await writeFileAtomic(recordPath(), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  return record;
}

/**
 * The context a second terminal's kubectl meets once the app has quit. Without a file kubectl would
 * fall back to localhost:8080 ("connection refused", no hint why); with this one it says
 * `context was not found for specified context: kubedojo-is-not-running--start-kubedojo-again`,
 * and the next run rewrites the file, so the same KUBECONFIG works again (issue #8, item 13).
 */
export const NOT_RUNNING_CONTEXT = 'kubedojo-is-not-running--start-kubedojo-again';

const NOT_RUNNING_KUBECONFIG = `# kubedojo is not running: start it again and this file points at its cluster again.
apiVersion: v1
kind: Config
current-context: ${NOT_RUNNING_CONTEXT}
clusters: []
contexts: []
users: []
`;

/**
 * Removes the record and replaces the kubeconfig copy by one without a cluster or credentials that
 * says kubedojo is not running — only when they are this process's (a second app may have
 * replaced them).
 */
export async function withdrawRunningApp(pid: number = process.pid): Promise<void> {
  const record = await readRecord();
  if (record === undefined || record.pid !== pid) return;
  await rm(recordPath(), { force: true });
  await writeFileAtomic(record.kubeconfig, NOT_RUNNING_KUBECONFIG, { mode: 0o600 });
}

/** The running app, or undefined when none runs (a record left by a killed app is ignored). */
export async function findRunningApp(): Promise<RunningApp | undefined> {
  const record = await readRecord();
  return record !== undefined && isAlive(record.pid) ? record : undefined;
}

async function readRecord(): Promise<RunningApp | undefined> {
  try {
    const data = JSON.parse(await readFile(recordPath(), 'utf8')) as Partial<RunningApp>;
    if (typeof data.pid !== 'number' || typeof data.kubeconfig !== 'string' || typeof data.context !== 'string') return undefined;
    return data as RunningApp;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
