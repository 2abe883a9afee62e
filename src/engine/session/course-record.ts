/**
 * What the session writes into the progress file for the course summary (src/engine/summary):
 * when a lesson was finished, and each rollout the downtime meter watched whole. Pure.
 */
import type { Lesson } from '../lessons/schema.js';
import type { RolloutTimeline } from '../meter/timeline.js';
import { markLessonFinished, recordRollout } from '../progress/progress-reducers.js';
import type { Progress } from '../progress/progress-schema.js';

/** Stamps the lesson finished once every step is done or skipped. */
export function finishedLesson(progress: Progress, lesson: Pick<Lesson, 'id' | 'steps'>, at: string): Progress {
  const saved = progress.lessons[lesson.id];
  if (saved === undefined) return progress;
  const finished = new Set([...saved.doneSteps, ...(saved.skippedSteps ?? [])]);
  return lesson.steps.every((step) => finished.has(step.id)) ? markLessonFinished(progress, lesson.id, at) : progress;
}

/** Records a metered rollout (its final timeline) under the lesson it happened in. */
export function meteredRollout(progress: Progress, lessonId: string, timeline: RolloutTimeline, at: string): Progress {
  return recordRollout(progress, {
    lessonId,
    deployment: timeline.deployment,
    ...(timeline.service === undefined ? {} : { service: timeline.service }),
    ...(timeline.newRevision === undefined ? {} : { revision: timeline.newRevision }),
    requests: timeline.requests,
    failed: timeline.failed,
    longestGapMs: timeline.longestGapMs,
    durationMs: Math.max(0, timeline.completedAt - timeline.startedAt),
    at,
  });
}
