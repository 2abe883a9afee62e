/**
 * Where the learner is in the course, derived from progress: pure functions over the loaded
 * course, so navigation rules are tested without a cluster.
 */
import type { Course } from '../lessons/load-course.js';
import type { Lesson, Step } from '../lessons/schema.js';
import type { CurrentPosition, Progress } from '../progress/progress-schema.js';

export interface Position {
  lessonIndex: number;
  stepIndex: number;
}

export function lessonAt(course: Course, position: Position): Lesson {
  return course.lessons[position.lessonIndex]!;
}

export function stepAt(course: Course, position: Position): Step {
  return lessonAt(course, position).steps[position.stepIndex]!;
}

export function doneSteps(progress: Progress, lesson: Lesson): Set<string> {
  return new Set(progress.lessons[lesson.id]?.doneSteps ?? []);
}

/** Steps the learner is past: done, or skipped (which is not done). */
export function finishedSteps(progress: Progress, lesson: Lesson): Set<string> {
  const entry = progress.lessons[lesson.id];
  return new Set([...(entry?.doneSteps ?? []), ...(entry?.skippedSteps ?? [])]);
}

/** Every step is done or skipped: the lesson no longer holds the learner back. */
export function isLessonDone(progress: Progress, lesson: Lesson): boolean {
  const finished = finishedSteps(progress, lesson);
  return lesson.steps.every((step) => finished.has(step.id));
}

/** Every lesson `lesson` requires is done (a required id the course lacks counts as not done). */
export function requiresDone(course: Course, progress: Progress, lesson: Lesson): boolean {
  return lesson.requires.every((id) => {
    const required = course.lessons.find((candidate) => candidate.id === id);
    return required !== undefined && isLessonDone(progress, required);
  });
}

/** The first step of the lesson that is not done yet; the first step when all are. */
export function firstOpenStep(progress: Progress, lesson: Lesson): number {
  const done = finishedSteps(progress, lesson);
  const index = lesson.steps.findIndex((step) => !done.has(step.id));
  return index === -1 ? 0 : index;
}

/**
 * The position progress points at: its current lesson and step when they still exist, the
 * lesson's first open step when the step is not named (or was renamed), and otherwise the first
 * lesson that is not done. Undefined only for a course without steps.
 */
export function positionFromProgress(course: Course, progress: Progress): Position | undefined {
  const current = progress.current;
  const lessonIndex = current === null ? -1 : course.lessons.findIndex((lesson) => lesson.id === current.lessonId);
  if (current !== null && lessonIndex !== -1) {
    const lesson = course.lessons[lessonIndex]!;
    const stepIndex = current.stepId === null ? -1 : lesson.steps.findIndex((step) => step.id === current.stepId);
    if (lesson.steps.length > 0) return { lessonIndex, stepIndex: stepIndex === -1 ? firstOpenStep(progress, lesson) : stepIndex };
  }
  const open = course.lessons.findIndex((lesson) => lesson.steps.length > 0 && !isLessonDone(progress, lesson));
  const fallback = open !== -1 ? open : course.lessons.findIndex((lesson) => lesson.steps.length > 0);
  if (fallback === -1) return undefined;
  return { lessonIndex: fallback, stepIndex: firstOpenStep(progress, course.lessons[fallback]!) };
}

/** The step after `position`, into the next lesson with steps; undefined after the last one. */
export function nextPosition(course: Course, position: Position): Position | undefined {
  if (position.stepIndex + 1 < lessonAt(course, position).steps.length) {
    return { lessonIndex: position.lessonIndex, stepIndex: position.stepIndex + 1 };
  }
  for (let lessonIndex = position.lessonIndex + 1; lessonIndex < course.lessons.length; lessonIndex += 1) {
    if (course.lessons[lessonIndex]!.steps.length > 0) return { lessonIndex, stepIndex: 0 };
  }
  return undefined;
}

export function toCurrent(course: Course, position: Position): CurrentPosition {
  return { lessonId: lessonAt(course, position).id, stepId: stepAt(course, position).id };
}
