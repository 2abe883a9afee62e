import { mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { defaultProgressPath } from './progress-path.js';
import { emptyProgress, progressSchema, PROGRESS_SCHEMA_VERSION, type Progress } from './progress-schema.js';

export interface ProgressLoad {
  progress: Progress;
  /** A sentence for the UI when the file could not be used; undefined when all went well. */
  notice: string | undefined;
}

/** Reads and writes the learner's progress. The app holds one; tests point it at a temp dir. */
export interface ProgressStore {
  readonly path: string;
  /** Never throws: a missing, unreadable or foreign file yields fresh progress and a notice. */
  load(): Promise<ProgressLoad>;
  /** Writes atomically; saves are applied in call order. Rejects with {@link ProgressSaveError}. */
  save(progress: Progress): Promise<void>;
}

export class ProgressSaveError extends Error {
  override readonly name = 'ProgressSaveError';
}

export interface ProgressStoreOptions {
  /** Default {@link defaultProgressPath}. */
  path?: string;
  /** Clock for the `.corrupt-<timestamp>` name. */
  now?: () => Date;
}

/**
 * A progress file holds a few ids per lesson: a few KB for any course. Anything over 1 MiB was not
 * written by kubedojo and is set aside like a corrupt file, unread.
 */
export const MAX_PROGRESS_BYTES = 1 << 20;

export function createProgressStore(options: ProgressStoreOptions = {}): ProgressStore {
  const path = options.path ?? defaultProgressPath();
  const now = options.now ?? (() => new Date());
  // Saves run one after another so an older snapshot never lands after a newer one.
  let saving: Promise<unknown> = Promise.resolve();

  async function load(): Promise<ProgressLoad> {
    let text: string;
    try {
      const handle = await open(path, 'r');
      try {
        // Size first, from the open file: a 27 MB file took 16 s and 3.7 GB to parse (issue #7).
        const { size } = await handle.stat();
        if (size > MAX_PROGRESS_BYTES) return await setAside(`implausibly large (${(size / 2 ** 20).toFixed(1)} MB; a real one is a few KB)`);
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { progress: emptyProgress(), notice: undefined };
      return {
        progress: emptyProgress(),
        notice: `Your progress file ${path} could not be read (${describe(error)}); starting fresh.`,
      };
    }

    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return setAside('unreadable');
    }
    const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === 'number' && version > PROGRESS_SCHEMA_VERSION) return setAside(`written by a newer kubedojo (format ${version})`);
    const parsed = progressSchema.safeParse(data);
    if (!parsed.success) return setAside('unreadable');
    return { progress: parsed.data, notice: undefined };
  }

  /** Moves the bad file out of the way so the learner can still recover it by hand. */
  async function setAside(why: string): Promise<ProgressLoad> {
    const aside = `${path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(path, aside);
      return { progress: emptyProgress(), notice: `Your progress file was ${why}; it was saved as ${aside}; starting fresh.` };
    } catch (error) {
      return {
        progress: emptyProgress(),
        notice: `Your progress file ${path} was ${why} and could not be set aside (${describe(error)}); starting fresh.`,
      };
    }
  }

  /*
   * The file format (progress.json, UTF-8 JSON, pretty-printed):
   *
   *   {
   *     "schemaVersion": 1,                      // PROGRESS_SCHEMA_VERSION; other values are set aside
   *     "current": { "lessonId": "03-rollouts",  // null before the first lesson
   *                  "stepId": "scale-up" },     // null = the lesson's first step
   *     "lessons": {
   *       "03-rollouts": {                       // lesson id from the lesson file
   *         "doneSteps": ["create", "scale-up"], // step ids, in completion order
   *         "hintsRevealed": { "rollback": 2 },  // step id -> hints shown
   *         "remembered": { "oldPod": "web-7d9c-x2" }, // key -> value a lesson asked to keep
   *         "rememberedOn": "5f0c…",             // optional: uid of the tutorial namespace the
   *                                              //   values were taken on (other clusters re-capture)
   *         "skippedSteps": ["rollback"]         // optional: steps skipped with `n` (not done)
   *       }
   *     }
   *   }
   *
   * Written atomically (see writeFileAtomic), mode 0600. Unknown keys are dropped on read.
   */
  async function write(progress: Progress): Promise<void> {
    const valid = progressSchema.parse(progress);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
    } catch (error) {
      throw new ProgressSaveError(`Could not save your progress to ${path} (${describe(error)}).`, { cause: error });
    }
  }

  function save(progress: Progress): Promise<void> {
    const next = saving.then(() => write(progress));
    saving = next.catch(() => undefined);
    return next;
  }

  return { path, load, save };
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function describe(error: unknown): string {
  return errorCode(error) ?? (error instanceof Error ? error.message : String(error));
}
