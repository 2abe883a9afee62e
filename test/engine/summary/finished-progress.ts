/**
 * A progress file as a learner leaves it at the end of the real course: every lesson finished,
 * one step of lesson 22 skipped, hints used, the first lesson opened at 09:00 and the capstone
 * finished at 12:27, and the rollouts the meter watched in chapter 3 (one with failures, from
 * "Downtime you can see"). Shared by the summary's pure, CLI and UI tests.
 */
import type { Course } from '../../../src/engine/lessons/index.js';
import type { MeteredRollout, Progress } from '../../../src/engine/progress/index.js';

export const ROLLOUTS: MeteredRollout[] = [
  { lessonId: 'downtime-you-can-see', deployment: 'shop', service: 'shop', revision: 2, requests: 72, failed: 22, longestGapMs: 3480, durationMs: 3600, at: '2026-12-07T11:20:00.000Z' },
  { lessonId: 'graceful-shutdown', deployment: 'shop', service: 'shop', revision: 3, requests: 1948, failed: 0, longestGapMs: 0, durationMs: 97_400, at: '2026-12-07T11:52:00.000Z' },
  { lessonId: 'black-friday', deployment: 'shop', service: 'shop', revision: 3, requests: 2604, failed: 0, longestGapMs: 0, durationMs: 130_200, at: '2026-12-07T12:31:00.000Z' },
  { lessonId: 'black-friday', deployment: 'shop', service: 'shop', revision: 4, requests: 2577, failed: 0, longestGapMs: 0, durationMs: 128_900, at: '2026-12-07T12:38:00.000Z' },
  { lessonId: 'black-friday', deployment: 'shop', service: 'shop', revision: 5, requests: 2611, failed: 0, longestGapMs: 0, durationMs: 130_600, at: '2026-12-07T12:44:00.000Z' },
];

export function finishedProgress(course: Course): Progress {
  const lessons: Progress['lessons'] = {};
  course.lessons.forEach((lesson, index) => {
    const skip = lesson.id === 'a-bad-release' ? [lesson.steps[1]!.id] : [];
    lessons[lesson.id] = {
      doneSteps: lesson.steps.map((step) => step.id).filter((id) => !skip.includes(id)),
      hintsRevealed: index < 3 ? { [lesson.steps[0]!.id]: 2 } : {},
      remembered: {},
      ...(skip.length > 0 ? { skippedSteps: skip } : {}),
      finishedAt: new Date(Date.parse('2026-12-07T09:05:00.000Z') + index * 10 * 60_000 + (lesson.id === 'black-friday' ? 2 * 60_000 : 0)).toISOString(),
    };
  });
  return { schemaVersion: 1, current: { lessonId: 'black-friday', stepId: null }, lessons, startedAt: '2026-12-07T09:00:00.000Z', rollouts: ROLLOUTS };
}
