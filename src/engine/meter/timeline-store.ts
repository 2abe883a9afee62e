/**
 * The last rollout's timeline, kept under the user's state directory so `kubedojo timeline --svg`
 * can draw it after the app (or `kubedojo meter`) is gone: `$XDG_STATE_HOME/kubedojo/` (default
 * `~/.local/state/kubedojo/`) on Linux, the app data folder elsewhere.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import envPaths from 'env-paths';
import { writeFileAtomic } from '../progress/atomic-write.js';
import type { RolloutTimeline } from './timeline.js';

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'linux') return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'kubedojo');
  return envPaths('kubedojo', { suffix: '' }).data;
}

export function lastTimelinePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'last-rollout.json');
}

export async function saveTimeline(timeline: RolloutTimeline, path = lastTimelinePath()): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, JSON.stringify(timeline) + '\n');
}

export type LoadedTimeline = { ok: true; timeline: RolloutTimeline } | { ok: false; message: string };

export async function loadTimeline(path = lastTimelinePath()): Promise<LoadedTimeline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { ok: false, message: `no rollout timeline yet (${path}): run the meter (kubedojo meter SERVICE, or t in the app) during a rollout` };
    }
    return { ok: false, message: `cannot read ${path}: ${(error as Error).message}` };
  }
  try {
    const data = JSON.parse(text) as Partial<RolloutTimeline>;
    if (data.version !== 1 || typeof data.deployment !== 'string' || !Array.isArray(data.pods) || !Array.isArray(data.slices)) {
      return { ok: false, message: `${path} is not a kubedojo rollout timeline` };
    }
    return { ok: true, timeline: data as RolloutTimeline };
  } catch {
    return { ok: false, message: `${path} is not valid JSON` };
  }
}
