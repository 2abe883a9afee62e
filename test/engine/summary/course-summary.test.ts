/**
 * The course summary from the progress file: lessons, steps, hints and time from what the
 * session recorded, and the rollouts the meter watched; and what the session records for it
 * (a lesson's finish, a metered rollout from its final timeline).
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../../src/engine/lessons/index.js';
import { completeStep, emptyProgress, markCourseStarted, MAX_METERED_ROLLOUTS, progressSchema, recordRollout, resetLesson, skipStep } from '../../../src/engine/progress/index.js';
import { finishedLesson, meteredRollout } from '../../../src/engine/session/course-record.js';
import { courseSummary, formatElapsed, summaryParts } from '../../../src/engine/summary/course-summary.js';
import type { RolloutTimeline } from '../../../src/engine/meter/timeline.js';
import { finishedProgress, ROLLOUTS } from './finished-progress.js';

const { course } = await loadCourse('lessons');

describe('courseSummary', () => {
  it('sums up a finished course: lessons, skipped steps, hints, time and the metered rollouts', () => {
    const progress = finishedProgress(course);
    // The file round-trips through its schema: the new fields are part of it.
    expect(progressSchema.parse(JSON.parse(JSON.stringify(progress)))).toEqual(progress);
    const summary = courseSummary(course, progress);
    const steps = course.lessons.reduce((sum, lesson) => sum + lesson.steps.length, 0);
    expect(summary).toMatchObject({
      complete: true,
      lessonsTotal: course.lessons.length,
      lessonsDone: course.lessons.length - 1,
      lessonsSkipped: 1,
      stepsTotal: steps,
      stepsDone: steps - 1,
      stepsSkipped: 1,
      hintsUsed: 6,
      startedAt: '2026-12-07T09:00:00.000Z',
      finishedAt: '2026-12-07T12:27:00.000Z',
      elapsedMs: (3 * 60 + 27) * 60_000,
      rollouts: { zeroFailure: 4, requests: 72 + 1948 + 2604 + 2577 + 2611, failed: 22 },
    });
    expect(summary.lessons.find((lesson) => lesson.id === 'a-bad-release')?.status).toBe('skipped');

    const parts = summaryParts(summary, 3);
    expect(parts.headline).toBe(`Course complete: ${course.lessons.length - 1} of ${course.lessons.length} lessons done, 1 finished with skipped steps.`);
    expect(parts.facts).toEqual([
      `Steps: ${steps - 1} of ${steps} passed, 1 skipped; 6 hints used.`,
      'Time: 3 h 27 min, from the first lesson opened to the last one finished.',
      'The downtime meter watched 5 rollouts whole: 4 with zero failed requests; 22 of 9812 requests failed in all.',
    ]);
    expect(parts.earlier).toBe(2);
    expect(parts.rollouts).toEqual([
      { ok: true, text: 'shop, revision 3 in “black-friday”: 0 of 2604 requests failed over 2 min 10 s' },
      { ok: true, text: 'shop, revision 4 in “black-friday”: 0 of 2577 requests failed over 2 min 9 s' },
      { ok: true, text: 'shop, revision 5 in “black-friday”: 0 of 2611 requests failed over 2 min 11 s' },
    ]);
    expect(summaryParts(summary).rollouts[0]).toEqual({ ok: false, text: 'shop, revision 2 in “downtime-you-can-see”: 22 of 72 requests failed over 4 s, the longest gap 3.5 s' });
  });

  it('says how far a learner got when the course is not finished, and that the meter saw nothing yet', () => {
    const first = course.lessons[0]!;
    const progress = completeStep(markCourseStarted(emptyProgress(), '2026-12-07T09:00:00.000Z'), first.id, first.steps[0]!.id);
    const summary = courseSummary(course, progress);
    expect(summary).toMatchObject({ complete: false, lessonsDone: 0, stepsDone: 1, hintsUsed: 0, startedAt: '2026-12-07T09:00:00.000Z' });
    expect(summary.elapsedMs).toBeUndefined();
    const parts = summaryParts(summary);
    expect(parts.headline).toBe(`0 of ${course.lessons.length} lessons finished so far.`);
    expect(parts.facts).toEqual([
      `Steps: 1 of ${summary.stepsTotal} passed; 0 hints used.`,
      'Started 2026-12-07 09:00 UTC.',
      'The downtime meter recorded no whole rollout.',
    ]);
  });

  it('formats durations as a learner reads them', () => {
    expect([formatElapsed(40_000), formatElapsed(130_200), formatElapsed(120_000), formatElapsed(14 * 60_000), formatElapsed(192 * 60_000), formatElapsed(50 * 3_600_000)]).toEqual(['40 s', '2 min 10 s', '2 min', '14 min', '3 h 12 min', '2 days 2 h']);
  });
});

describe('what the session records for the summary', () => {
  const lesson = course.lessons.find((item) => item.id === 'graceful-shutdown')!;
  const at = '2026-12-07T11:55:00.000Z';

  it('stamps a lesson finished once its last step is done or skipped, the first time only, and a reset forgets it', () => {
    let progress = emptyProgress();
    for (const step of lesson.steps.slice(0, -1)) progress = finishedLesson(completeStep(progress, lesson.id, step.id), lesson, at);
    expect(progress.lessons[lesson.id]?.finishedAt).toBeUndefined();
    progress = finishedLesson(skipStep(progress, lesson.id, lesson.steps.at(-1)!.id), lesson, at);
    expect(progress.lessons[lesson.id]?.finishedAt).toBe(at);
    expect(finishedLesson(progress, lesson, '2026-12-07T13:00:00.000Z').lessons[lesson.id]?.finishedAt).toBe(at);
    expect(resetLesson(progress, lesson.id).lessons[lesson.id]).toBeUndefined();
  });

  it('records a rollout from its final timeline, kept across a lesson reset, the last hundred only', () => {
    const timeline: RolloutTimeline = {
      version: 1, deployment: 'shop', service: 'shop', startedAt: 1_000_000, completedAt: 1_097_400, newRevision: 3, oldRevisions: [2],
      pods: [], sliceMs: 1000, slices: [], requests: 1948, failed: 0, longestGapMs: 0, versions: [['nginx/1.27.3', 1000]],
    };
    const progress = meteredRollout(emptyProgress(), lesson.id, timeline, at);
    expect(progress.rollouts).toEqual([{ lessonId: lesson.id, deployment: 'shop', service: 'shop', revision: 3, requests: 1948, failed: 0, longestGapMs: 0, durationMs: 97_400, at }]);
    expect(resetLesson(progress, lesson.id).rollouts).toEqual(progress.rollouts);
    let many = progress;
    for (let i = 0; i < MAX_METERED_ROLLOUTS + 5; i += 1) many = recordRollout(many, { ...ROLLOUTS[0]!, requests: i });
    expect(many.rollouts).toHaveLength(MAX_METERED_ROLLOUTS);
    expect(many.rollouts!.at(-1)!.requests).toBe(MAX_METERED_ROLLOUTS + 4);
  });
});
