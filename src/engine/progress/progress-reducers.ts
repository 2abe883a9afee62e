import { emptyLessonProgress, MAX_METERED_ROLLOUTS, type CurrentPosition, type LessonProgress, type MeteredRollout, type Progress } from './progress-schema.js';

/*
 * Pure updates: each returns a new Progress and leaves its input untouched, so the UI can keep
 * the previous value for undo/diff and tests need no file system.
 */

function updateLesson(progress: Progress, lessonId: string, update: (lesson: LessonProgress) => LessonProgress): Progress {
  const lesson = progress.lessons[lessonId] ?? emptyLessonProgress();
  return { ...progress, lessons: { ...progress.lessons, [lessonId]: update(lesson) } };
}

/** Marks a step done (no longer skipped); completing it again changes nothing. */
export function completeStep(progress: Progress, lessonId: string, stepId: string): Progress {
  if (progress.lessons[lessonId]?.doneSteps.includes(stepId)) return progress;
  return updateLesson(progress, lessonId, (lesson) => {
    const { skippedSteps, ...rest } = lesson;
    const stillSkipped = (skippedSteps ?? []).filter((id) => id !== stepId);
    return { ...rest, doneSteps: [...lesson.doneSteps, stepId], ...(stillSkipped.length > 0 && { skippedSteps: stillSkipped }) };
  });
}

/** Marks a step skipped: the learner moved on without passing it. A done step stays done. */
export function skipStep(progress: Progress, lessonId: string, stepId: string): Progress {
  const lesson = progress.lessons[lessonId];
  if (lesson?.doneSteps.includes(stepId) || lesson?.skippedSteps?.includes(stepId)) return progress;
  return updateLesson(progress, lessonId, (current) => ({ ...current, skippedSteps: [...(current.skippedSteps ?? []), stepId] }));
}

export function isStepSkipped(progress: Progress, lessonId: string, stepId: string): boolean {
  return progress.lessons[lessonId]?.skippedSteps?.includes(stepId) ?? false;
}

/**
 * Reveals one more hint of a step. With `hintCount` (how many hints the step has) the count
 * stops there, so pressing "hint" again on the last one is harmless.
 */
export function revealHint(progress: Progress, lessonId: string, stepId: string, hintCount?: number): Progress {
  const shown = progress.lessons[lessonId]?.hintsRevealed[stepId] ?? 0;
  if (hintCount !== undefined && shown >= hintCount) return progress;
  return updateLesson(progress, lessonId, (lesson) => ({
    ...lesson,
    hintsRevealed: { ...lesson.hintsRevealed, [stepId]: shown + 1 },
  }));
}

/**
 * Stores a value a later step or check needs (e.g. the Pod that existed before a rollout), on
 * the cluster `clusterId` names (see {@link bindRemembered}).
 */
export function rememberValue(progress: Progress, lessonId: string, key: string, value: string, clusterId?: string): Progress {
  return updateLesson(progress, lessonId, (lesson) => ({
    ...lesson,
    remembered: { ...lesson.remembered, [key]: value },
    ...(clusterId !== undefined && { rememberedOn: clusterId }),
  }));
}

/**
 * The lesson's remembered values as they hold on cluster `clusterId`: those recorded on another
 * cluster (or before kubedojo recorded clusters) are dropped, so they are captured again there.
 * A Pod name from yesterday's sandbox must not pass today's `replaced` check.
 */
export function bindRemembered(progress: Progress, lessonId: string, clusterId: string): Progress {
  const lesson = progress.lessons[lessonId];
  if (lesson === undefined || lesson.rememberedOn === clusterId) return progress;
  if (Object.keys(lesson.remembered).length === 0 && lesson.rememberedOn === undefined) return progress;
  return updateLesson(progress, lessonId, (current) => ({ ...current, remembered: {}, rememberedOn: clusterId }));
}

/**
 * Forgets everything about one lesson: done steps, hints and remembered values. If the learner
 * is in that lesson, they go back to its start (stepId null: the lesson decides its first step).
 */
export function resetLesson(progress: Progress, lessonId: string): Progress {
  const { [lessonId]: _forgotten, ...others } = progress.lessons;
  const current = progress.current?.lessonId === lessonId ? { lessonId, stepId: null } : progress.current;
  return { ...progress, current, lessons: others };
}

/** Moves the learner to a lesson (and step); null clears the position. */
export function setCurrent(progress: Progress, position: CurrentPosition | null): Progress {
  if (progress.current?.lessonId === position?.lessonId && progress.current?.stepId === position?.stepId) return progress;
  return { ...progress, current: position === null ? null : { ...position } };
}

export function isStepDone(progress: Progress, lessonId: string, stepId: string): boolean {
  return progress.lessons[lessonId]?.doneSteps.includes(stepId) ?? false;
}

/** Records when the learner began the course (the first lesson opened); later calls change nothing. */
export function markCourseStarted(progress: Progress, at: string): Progress {
  return progress.startedAt === undefined ? { ...progress, startedAt: at } : progress;
}

/** Records when a lesson's last step was finished; the first time counts, a reset forgets it. */
export function markLessonFinished(progress: Progress, lessonId: string, at: string): Progress {
  if (progress.lessons[lessonId]?.finishedAt !== undefined) return progress;
  return updateLesson(progress, lessonId, (lesson) => ({ ...lesson, finishedAt: at }));
}

/** Appends a rollout the meter watched whole, keeping the last {@link MAX_METERED_ROLLOUTS}. */
export function recordRollout(progress: Progress, rollout: MeteredRollout): Progress {
  return { ...progress, rollouts: [...(progress.rollouts ?? []), rollout].slice(-MAX_METERED_ROLLOUTS) };
}
