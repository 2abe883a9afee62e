/**
 * What the first frame shows, before the session (and client-node, which takes longer to load
 * than the whole screen takes to draw) is there: the course outline with the saved progress, and
 * "connecting".
 */
import type { Course } from '../engine/lessons/index.js';
import type { Progress } from '../engine/progress/index.js';
import type { TutorialData } from '../ui/index.js';

export const CONNECTING_MESSAGE = 'Connecting to a cluster…';

export function loadingData(course: Course, progress: Progress, namespace: string): TutorialData {
  return {
    outline: {
      lessons: course.lessons.map((lesson) => {
        const done = new Set(progress.lessons[lesson.id]?.doneSteps ?? []);
        const skipped = new Set(progress.lessons[lesson.id]?.skippedSteps ?? []);
        const stepsDone = lesson.steps.filter((step) => done.has(step.id)).length;
        const stepsSkipped = lesson.steps.filter((step) => skipped.has(step.id) && !done.has(step.id)).length;
        const status = stepsDone === lesson.steps.length ? 'done' : stepsDone + stepsSkipped === lesson.steps.length ? 'skipped' : 'open';
        return {
          id: lesson.id,
          title: lesson.title,
          status,
          stepsDone,
          stepsTotal: lesson.steps.length,
          ...(stepsSkipped > 0 && { stepsSkipped }),
          ...(lesson.minutes !== undefined && { minutes: lesson.minutes }),
        };
      }),
      ...(progress.current === null ? {} : { currentLessonId: progress.current.lessonId }),
    },
    emptyMessage: CONNECTING_MESSAGE,
    checks: [],
    pods: [],
    cluster: { context: '', sandbox: false, namespace, connection: { state: 'connecting' } },
  };
}
