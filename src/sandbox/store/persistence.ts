/**
 * The sandbox's data directory, as etcd keeps its data dir (issue #8, item 13): every stored object
 * and the resourceVersion counter in one JSON file, `state.json`, so the next start has the same
 * objects with the same uids and resourceVersions.
 *
 * Written atomically (a new file beside it, fsync'd, renamed over the old one), debounced (a
 * burst of changes — a rollout — is one write), mode 0600 in a 0700 directory, and never through a
 * symlink (the directory and the file are checked with lstat; the temp file is created with
 * O_EXCL, which fails on a symlink; reads open with O_NOFOLLOW). A file that cannot be read as a
 * state — truncated, edited, from a future version — is set aside beside it as
 * `state.json.corrupt-<time>` with a notice, and the sandbox starts empty: never a crash.
 * A lock file (`state.lock`, the owner's pid) keeps two apps from writing one state.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, lstat, mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import type { KubeObject } from '../api/status.js';
import { RESOURCE_TYPES, typeKey } from '../api/resources.js';
import type { ObjectStore, StoreDump } from './object-store.js';

export const STATE_FILE = 'state.json';
const LOCK_FILE = 'state.lock';
const FORMAT = 'kubedojo-sandbox-state';
const VERSION = 1;
/** A sandbox with a thousand Pods is a few MB; anything far larger is not ours. */
const MAX_STATE_BYTES = 256 * 1024 * 1024;

const KNOWN_TYPES = new Set(RESOURCE_TYPES.map((type) => typeKey(type)));
const NAMESPACED = new Set(RESOURCE_TYPES.filter((type) => type.namespaced).map((type) => typeKey(type)));

const stateSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  savedAt: z.string(),
  revision: z.number().int().positive(),
  objects: z.array(
    z.object({
      type: z.string().refine((key) => KNOWN_TYPES.has(key), 'unknown resource type'),
      object: z.looseObject({
        metadata: z.looseObject({ name: z.string().min(1), uid: z.string().min(1), resourceVersion: z.string().regex(/^\d+$/) }),
      }),
    }),
  ),
});

export type StateLoad =
  | { kind: 'none' }
  | { kind: 'loaded'; dump: StoreDump; savedAt: string }
  | { kind: 'corrupt'; reason: string; setAsideTo: string | undefined };

/** Creates `dir` (0700) if needed and refuses one that is a symlink or not ours. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stats = await lstat(dir);
  if (stats.isSymbolicLink() || !stats.isDirectory()) throw new Error(`${dir} is not a directory (a symlink is not followed)`);
  if (typeof process.getuid === 'function' && stats.uid !== process.getuid()) throw new Error(`${dir} belongs to another user`);
  if ((stats.mode & 0o777) !== 0o700) await chmod(dir, 0o700);
}

/** Reads the saved state in `dir`; a file that is not a valid state is set aside. */
export async function readState(dir: string): Promise<StateLoad> {
  const path = join(dir, STATE_FILE);
  let text: string;
  try {
    const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return setAside(path, 'not a regular file');
      if (stats.size > MAX_STATE_BYTES) return setAside(path, `larger than ${MAX_STATE_BYTES / 1024 / 1024} MB`);
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'none' };
    // ELOOP: O_NOFOLLOW met a symlink.
    if (code === 'ELOOP') return setAside(path, 'a symlink (not followed)');
    return { kind: 'corrupt', reason: (error as Error).message, setAsideTo: undefined };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return setAside(path, `not JSON (${(error as Error).message})`);
  }
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return setAside(path, `not a sandbox state (${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'})`);
  }
  const { revision, objects, savedAt } = parsed.data;
  for (const { type, object } of objects) {
    const namespace: unknown = object.metadata.namespace;
    const scoped = typeof namespace === 'string' && namespace !== '';
    if (NAMESPACED.has(type) !== scoped) return setAside(path, `${type} ${object.metadata.name}: ${scoped ? 'a namespace on a cluster-scoped object' : 'no namespace'}`);
  }
  const newest = Math.max(0, ...objects.map((entry) => Number(entry.object.metadata.resourceVersion)));
  if (newest > revision) return setAside(path, `an object is newer (${newest}) than the state's revision (${revision})`);
  return { kind: 'loaded', savedAt, dump: { revision, objects: objects.map((entry) => ({ type: entry.type, object: entry.object as KubeObject })) } };
}

async function setAside(path: string, reason: string): Promise<StateLoad> {
  const target = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(path, target);
    return { kind: 'corrupt', reason, setAsideTo: target };
  } catch {
    return { kind: 'corrupt', reason, setAsideTo: undefined };
  }
}

/** Removes the saved state (`--fresh`). */
export async function clearState(dir: string): Promise<void> {
  await rm(join(dir, STATE_FILE), { force: true });
}

/** Writes `dump` to `dir/state.json` atomically, 0600, never through a symlink. */
export async function writeState(dir: string, dump: StoreDump): Promise<void> {
  const body = JSON.stringify({ format: FORMAT, version: VERSION, savedAt: new Date().toISOString(), revision: dump.revision, objects: dump.objects });
  const temp = join(dir, `.${STATE_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  // 'wx': O_CREAT | O_EXCL, which fails on anything already there, a symlink included.
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(body, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  // rename replaces the directory entry itself: a symlink planted at state.json is replaced, not followed.
  await rename(temp, join(dir, STATE_FILE));
}

export type LockResult = { kind: 'acquired'; release(): Promise<void> } | { kind: 'held'; pid: number };

/** Lock files this process holds (two sandboxes in one process — tests — are two owners too). */
const heldHere = new Set<string>();

/** Takes `dir/state.lock` for this process, or says which live process holds it. */
export async function lockState(dir: string): Promise<LockResult> {
  const path = join(dir, LOCK_FILE);
  if (heldHere.has(path)) return { kind: 'held', pid: process.pid };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx', mode: 0o600 });
      heldHere.add(path);
      return {
        kind: 'acquired',
        release: async () => {
          heldHere.delete(path);
          await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) return { kind: 'held', pid };
      // Left by a process that is gone: take it over.
      await rm(path, { force: true });
    }
  }
  throw new Error(`could not lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface StoreWriterOptions {
  /** Quiet time after a change before writing. Default 500 ms. */
  debounceMs?: number;
  /** Longest a change waits while changes keep coming (a rollout). Default 3000 ms. */
  maxDelayMs?: number;
  /** A write failed (disk full, permissions): reported, and tried again on the next change. */
  onError?(error: Error): void;
}

export interface StoreWriter {
  /** Writes now if anything changed since the last write; resolves once written. */
  flush(): Promise<void>;
  /** Final flush; no writes after it. */
  stop(): Promise<void>;
}

/** Saves `store` to `dir` after every burst of changes. */
export function startStoreWriter(store: ObjectStore, dir: string, options: StoreWriterOptions = {}): StoreWriter {
  const debounceMs = options.debounceMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 3000;
  let dirty = false;
  let firstChangeAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let stopped = false;

  const write = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return writing;
    dirty = false;
    const dump = store.dump();
    writing = writing.then(() =>
      writeState(dir, dump).catch((error: unknown) => {
        dirty = true;
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
      }),
    );
    return writing;
  };

  const unsubscribe = store.subscribe(() => {
    if (stopped) return;
    const now = Date.now();
    if (!dirty) firstChangeAt = now;
    dirty = true;
    if (timer !== undefined) clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstChangeAt + maxDelayMs - now));
    timer = setTimeout(() => void write(), wait);
    timer.unref?.();
  });

  return {
    flush: write,
    async stop() {
      if (stopped) return writing;
      stopped = true;
      unsubscribe();
      await write();
    },
  };
}
