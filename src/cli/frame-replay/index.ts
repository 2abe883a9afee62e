/**
 * The app's replayed first frame (frame-replay.ts): `replayFirstFrame` at the very start of
 * `dist/cli.js`, `takeOverFirstFrame` just before Ink renders. One instance per process, shared by
 * both through this module.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import envPaths from 'env-paths';
import { defaultProgressPath } from '../../engine/progress/progress-path.js';
import { frameKey } from './frame-key.js';
import { FrameReplay, type FrameTakeover } from './frame-replay.js';
import { fileFrameStore, processPorts } from './process-ports.js';

export { FrameReplay, UNDO_REPLAY, type FrameStore, type FrameTakeover, type ReplayPorts } from './frame-replay.js';
export { frameKey, type FrameInputs } from './frame-key.js';
export { fileFrameStore } from './process-ports.js';

let replay: FrameReplay | undefined;

const NEVER_THE_APP = new Set(['--help', '-h', '--version', '-V', 'help']);

/** The file that keeps the last first frame: next to the compile and course caches. */
export function frameStorePath(): string {
  return join(envPaths('kubedojo', { suffix: '' }).cache, 'last-frame.json');
}

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function programId(entry: string): string {
  try {
    const stat = statSync(entry);
    return `${entry}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return entry;
  }
}

/**
 * Whether this run draws frames worth keeping: a terminal on both ends, not turned off, and not
 * help or the version, which never draw the app (they skip reading and hashing its inputs, ~2 ms).
 */
function replayApplies(): boolean {
  const args = process.argv.slice(2);
  return process.stdout.isTTY && isatty(0) && !process.env.KUBEDOJO_NO_FRAME_REPLAY && !args.some((arg) => NEVER_THE_APP.has(arg));
}

/** The key of this run's first frame as things stand now (the progress file is read again). */
function currentKey(): string | undefined {
  if (!replayApplies()) return undefined;
  const { stdout, env } = process;
  return frameKey({
    program: programId(process.argv[1] ?? ''),
    args: process.argv.slice(2),
    cwd: process.cwd(),
    columns: stdout.columns,
    rows: stdout.rows,
    env,
    progress: readOr(defaultProgressPath(), ''),
  });
}

/**
 * Writes the frame the app drew last time with the same inputs, when there is one. Only on a
 * terminal (stdin and stdout), and not when KUBEDOJO_NO_FRAME_REPLAY is set.
 */
export function replayFirstFrame(): void {
  if (replay !== undefined) return;
  replay = new FrameReplay(processPorts(), fileFrameStore(frameStorePath()));
  replay.start(currentKey());
}

/** Just before Ink's first render; `finish()` once it is flushed. A no-op when nothing was started. */
export function takeOverFirstFrame(): FrameTakeover {
  return replay?.takeOver() ?? { finish: () => undefined };
}

/**
 * Whether the app should keep a frame for its next start: it was started through `dist/cli.js`
 * (the replay is on) on a terminal.
 */
export function keepsFrames(): boolean {
  return replay !== undefined && replayApplies();
}

/**
 * Keeps `frame`, the first frame the next start will draw, under the key that start will compute:
 * called as the app quits, once the progress is saved, so a learner who made progress finds it
 * on screen at once next time.
 */
export function keepFrameForNextStart(frame: string): void {
  const key = currentKey();
  if (replay === undefined || key === undefined || frame === '') return;
  fileFrameStore(frameStorePath()).write(key, frame);
}
