/** Where the learner stands in a course, from the progress file alone (no cluster): for `list` and `reset`. */
import type { Course } from '../../engine/lessons/index.js';
import type { Progress } from '../../engine/progress/index.js';

export interface LessonStatus {
  /** 1-based, as `kubedojo start <n>` takes it. */
  number: number;
  id: string;
  title: string;
  status: 'done' | 'open';
  stepsDone: number;
  stepsTotal: number;
  /** The lesson the app opens next. */
  current: boolean;
}

export function courseStatus(course: Course, progress: Progress): LessonStatus[] {
  const rows = course.lessons.map((lesson, index): LessonStatus => {
    const done = new Set(progress.lessons[lesson.id]?.doneSteps ?? []);
    const stepsDone = lesson.steps.filter((step) => done.has(step.id)).length;
    const status = stepsDone === lesson.steps.length ? 'done' : 'open';
    return { number: index + 1, id: lesson.id, title: lesson.title, status, stepsDone, stepsTotal: lesson.steps.length, current: false };
  });
  const current = currentLessonId(course, progress, rows);
  return rows.map((row) => (row.id === current ? { ...row, current: true } : row));
}

/** The saved lesson, else the first lesson not done, else the first one. */
export function currentLessonId(course: Course, progress: Progress, rows = courseStatus(course, progress)): string | undefined {
  const saved = progress.current?.lessonId;
  if (saved !== undefined && course.lessons.some((lesson) => lesson.id === saved)) return saved;
  return (rows.find((row) => row.status === 'open') ?? rows[0])?.id;
}
