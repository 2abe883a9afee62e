import * as z from 'zod';

/** Bump when the file's meaning changes; older files are then moved aside (no migrations yet). */
export const PROGRESS_SCHEMA_VERSION = 1;

const lessonProgressSchema = z.object({
  /** Ids of the steps the learner has completed, in the order they were completed. */
  doneSteps: z.array(z.string()),
  /** How many hints the learner has revealed, per step id. */
  hintsRevealed: z.record(z.string(), z.number().int().nonnegative()),
  /** Values a lesson asked to remember (a Pod name before a rollout, ...), by key. */
  remembered: z.record(z.string(), z.string()),
  /**
   * Steps the learner skipped (`n` on a failing step ran the solution): finished, but not done.
   * Optional so files written before it still load.
   */
  skippedSteps: z.array(z.string()).optional(),
  /**
   * The cluster `remembered` belongs to (the tutorial namespace's uid): a Pod name means nothing
   * on another cluster, so values remembered elsewhere are captured again (issue #8, item 4).
   */
  rememberedOn: z.string().optional(),
  /** When the lesson's last step was finished (ISO 8601, wall clock); for the course summary. */
  finishedAt: z.string().optional(),
});

/**
 * A rollout the downtime meter watched from its template change to its completion, as the
 * course summary lists it. Kept beside the lessons, not in them: a lesson reset does not undo a
 * release the learner really made. Durations are on the meter's time line (simulated time on the
 * sandbox, so they read as on a real cluster).
 */
const meteredRolloutSchema = z.object({
  lessonId: z.string(),
  deployment: z.string(),
  service: z.string().optional(),
  revision: z.number().int().optional(),
  requests: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  longestGapMs: z.number().nonnegative(),
  durationMs: z.number().nonnegative(),
  /** When it completed (ISO 8601, wall clock). */
  at: z.string(),
});

export const progressSchema = z.object({
  schemaVersion: z.literal(PROGRESS_SCHEMA_VERSION),
  /** Where the learner is; null before the first lesson is opened. */
  current: z.object({ lessonId: z.string(), stepId: z.string().nullable() }).nullable(),
  /** Per lesson id. A lesson never opened has no entry. */
  lessons: z.record(z.string(), lessonProgressSchema),
  /** When the learner first opened a lesson (ISO 8601); optional so older files still load. */
  startedAt: z.string().optional(),
  /** The metered rollouts, oldest first (the last {@link MAX_METERED_ROLLOUTS}). */
  rollouts: z.array(meteredRolloutSchema).optional(),
});

export const MAX_METERED_ROLLOUTS = 100;

export type LessonProgress = z.infer<typeof lessonProgressSchema>;
export type Progress = z.infer<typeof progressSchema>;
export type MeteredRollout = z.infer<typeof meteredRolloutSchema>;
export type CurrentPosition = NonNullable<Progress['current']>;

export function emptyProgress(): Progress {
  return { schemaVersion: PROGRESS_SCHEMA_VERSION, current: null, lessons: {} };
}

export function emptyLessonProgress(): LessonProgress {
  return { doneSteps: [], hintsRevealed: {}, remembered: {} };
}
