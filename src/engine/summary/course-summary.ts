/**
 * The course's closing summary, from the progress file alone: the lessons done (and those
 * finished with skipped steps), the hints used, the time from the first lesson opened to the last
 * one finished, and the rollouts the downtime meter watched whole, zero-failure ones first among
 * equals. Pure: the app shows it when the course is complete, `kubedojo summary` prints it.
 */
import type { Course } from '../lessons/load-course.js';
import type { MeteredRollout, Progress } from '../progress/progress-schema.js';

export interface LessonSummary {
  id: string;
  title: string;
  /** `skipped`: every step finished, some by skipping (their solution ran). */
  status: 'done' | 'skipped' | 'open';
  stepsDone: number;
  stepsTotal: number;
  finishedAt?: string;
}

export interface CourseSummary {
  /** Every lesson finished (done or with skipped steps). */
  complete: boolean;
  lessons: LessonSummary[];
  lessonsDone: number;
  lessonsSkipped: number;
  lessonsTotal: number;
  stepsDone: number;
  stepsSkipped: number;
  stepsTotal: number;
  hintsUsed: number;
  startedAt?: string;
  /** The latest lesson finish. */
  finishedAt?: string;
  /** From `startedAt` to `finishedAt`, when both are known. */
  elapsedMs?: number;
  rollouts: {
    all: MeteredRollout[];
    zeroFailure: number;
    /** Requests sent during metered rollouts, and how many of them failed. */
    requests: number;
    failed: number;
  };
}

export function courseSummary(course: Course, progress: Progress): CourseSummary {
  const lessons = course.lessons.map((lesson): LessonSummary => {
    const saved = progress.lessons[lesson.id];
    const done = new Set(saved?.doneSteps ?? []);
    const skipped = new Set(saved?.skippedSteps ?? []);
    const stepsDone = lesson.steps.filter((step) => done.has(step.id)).length;
    const finished = lesson.steps.every((step) => done.has(step.id) || skipped.has(step.id));
    const status = !finished ? 'open' : stepsDone === lesson.steps.length ? 'done' : 'skipped';
    return { id: lesson.id, title: lesson.title, status, stepsDone, stepsTotal: lesson.steps.length, ...(saved?.finishedAt === undefined ? {} : { finishedAt: saved.finishedAt }) };
  });
  const known = new Set(course.lessons.map((lesson) => lesson.id));
  const hintsUsed = Object.entries(progress.lessons)
    .filter(([id]) => known.has(id))
    .reduce((sum, [, lesson]) => sum + Object.values(lesson.hintsRevealed).reduce((a, b) => a + b, 0), 0);
  const stepsSkipped = course.lessons.reduce((sum, lesson) => {
    const saved = progress.lessons[lesson.id];
    const done = new Set(saved?.doneSteps ?? []);
    return sum + lesson.steps.filter((step) => !done.has(step.id) && (saved?.skippedSteps ?? []).includes(step.id)).length;
  }, 0);
  const finishes = lessons.flatMap((lesson) => (lesson.finishedAt === undefined ? [] : [lesson.finishedAt])).sort();
  const finishedAt = finishes.at(-1);
  const startedAt = progress.startedAt;
  const elapsed = startedAt !== undefined && finishedAt !== undefined ? Date.parse(finishedAt) - Date.parse(startedAt) : Number.NaN;
  const all = progress.rollouts ?? [];
  return {
    complete: lessons.length > 0 && lessons.every((lesson) => lesson.status !== 'open'),
    lessons,
    lessonsDone: lessons.filter((lesson) => lesson.status === 'done').length,
    lessonsSkipped: lessons.filter((lesson) => lesson.status === 'skipped').length,
    lessonsTotal: lessons.length,
    stepsDone: lessons.reduce((sum, lesson) => sum + lesson.stepsDone, 0),
    stepsSkipped,
    stepsTotal: lessons.reduce((sum, lesson) => sum + lesson.stepsTotal, 0),
    hintsUsed,
    ...(startedAt === undefined ? {} : { startedAt }),
    ...(finishedAt === undefined ? {} : { finishedAt }),
    ...(Number.isFinite(elapsed) && elapsed >= 0 ? { elapsedMs: elapsed } : {}),
    rollouts: {
      all,
      zeroFailure: all.filter((rollout) => rollout.failed === 0).length,
      requests: all.reduce((sum, rollout) => sum + rollout.requests, 0),
      failed: all.reduce((sum, rollout) => sum + rollout.failed, 0),
    },
  };
}

/** `3 h 12 min`, `14 min`, `2 min 10 s`, `40 s`. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 600) return `${Math.floor(seconds / 60)} min${seconds % 60 === 0 ? '' : ` ${seconds % 60} s`}`;
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 0 ? `${minutes} min` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ${hours % 24} h`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line per metered rollout: `shop (graceful-shutdown), rev 3: 0 of 2140 requests failed over 1 min 52 s`. */
export function rolloutLine(rollout: MeteredRollout): string {
  const revision = rollout.revision === undefined ? '' : `, revision ${rollout.revision}`;
  const gap = rollout.failed === 0 ? '' : `, the longest gap ${(rollout.longestGapMs / 1000).toFixed(1)} s`;
  return `${rollout.deployment}${revision} in “${rollout.lessonId}”: ${rollout.failed} of ${rollout.requests} requests failed over ${formatElapsed(rollout.durationMs)}${gap}`;
}

export interface SummaryParts {
  headline: string;
  /** Steps and hints, time, the meter's totals. */
  facts: string[];
  /** Rollouts not listed (only the last `maxRollouts` are). */
  earlier: number;
  /** The metered rollouts, oldest first; `ok` when not one request failed. */
  rollouts: { ok: boolean; text: string }[];
}

/** The summary in words, shared by the app's closing panel and `kubedojo summary`. */
export function summaryParts(summary: CourseSummary, maxRollouts = Number.POSITIVE_INFINITY): SummaryParts {
  const headline = summary.complete
    ? `Course complete: ${summary.lessonsDone} of ${summary.lessonsTotal} lessons done${summary.lessonsSkipped > 0 ? `, ${summary.lessonsSkipped} finished with skipped steps` : ''}.`
    : `${summary.lessonsDone + summary.lessonsSkipped} of ${summary.lessonsTotal} lessons finished so far.`;
  const facts = [`Steps: ${summary.stepsDone} of ${summary.stepsTotal} passed${summary.stepsSkipped > 0 ? `, ${summary.stepsSkipped} skipped` : ''}; ${plural(summary.hintsUsed, 'hint')} used.`];
  if (summary.elapsedMs !== undefined) facts.push(`Time: ${formatElapsed(summary.elapsedMs)}, from the first lesson opened to the last one finished.`);
  else if (summary.startedAt !== undefined) facts.push(`Started ${summary.startedAt.slice(0, 16).replace('T', ' ')} UTC.`);
  const { rollouts } = summary;
  facts.push(
    rollouts.all.length === 0
      ? 'The downtime meter recorded no whole rollout.'
      : `The downtime meter watched ${plural(rollouts.all.length, 'rollout')} whole: ${rollouts.zeroFailure} with zero failed requests; ${rollouts.failed} of ${rollouts.requests} requests failed in all.`,
  );
  const shown = rollouts.all.slice(Math.max(0, rollouts.all.length - maxRollouts));
  return { headline, facts, earlier: rollouts.all.length - shown.length, rollouts: shown.map((rollout) => ({ ok: rollout.failed === 0, text: rolloutLine(rollout) })) };
}
