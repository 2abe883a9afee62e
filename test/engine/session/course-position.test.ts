/** Navigation over the real course: where progress points, what comes next, what is required. */
import { describe, expect, it } from 'vitest';
import { completeStep, emptyProgress, setCurrent, type Progress } from '../../../src/engine/progress/index.js';
import { firstOpenStep, nextPosition, positionFromProgress, requiresDone } from '../../../src/engine/session/course-position.js';
import { COURSE } from './support.js';

const lesson = (id: string) => COURSE.lessons.find((item) => item.id === id)!;

function doneLesson(progress: Progress, id: string): Progress {
  return lesson(id).steps.reduce((next, step) => completeStep(next, id, step.id), progress);
}

describe('course position', () => {
  it('starts at the first step of the first lesson', () => {
    expect(positionFromProgress(COURSE, emptyProgress())).toEqual({ lessonIndex: 0, stepIndex: 0 });
  });

  it('follows progress.current, and the first open step when the step is not named or renamed', () => {
    let progress = setCurrent(emptyProgress(), { lessonId: 'first-deployment', stepId: 'get-pod' });
    expect(positionFromProgress(COURSE, progress)).toEqual({ lessonIndex: 1, stepIndex: 3 });
    progress = completeStep(setCurrent(progress, { lessonId: 'first-deployment', stepId: 'renamed' }), 'first-deployment', 'create');
    expect(positionFromProgress(COURSE, progress)).toEqual({ lessonIndex: 1, stepIndex: 1 });
    progress = setCurrent(progress, { lessonId: 'first-deployment', stepId: null });
    expect(firstOpenStep(progress, lesson('first-deployment'))).toBe(1);
    expect(positionFromProgress(COURSE, progress)).toEqual({ lessonIndex: 1, stepIndex: 1 });
  });

  it('falls back to the first lesson not done when the current lesson is gone', () => {
    const progress = setCurrent(doneLesson(emptyProgress(), 'your-cluster'), { lessonId: 'deleted-lesson', stepId: null });
    expect(positionFromProgress(COURSE, progress)).toEqual({ lessonIndex: 1, stepIndex: 0 });
  });

  it('moves to the next step, into the next lesson, and ends after the last', () => {
    expect(nextPosition(COURSE, { lessonIndex: 0, stepIndex: 0 })).toEqual({ lessonIndex: 0, stepIndex: 1 });
    expect(nextPosition(COURSE, { lessonIndex: 0, stepIndex: 5 })).toEqual({ lessonIndex: 1, stepIndex: 0 });
    const last = COURSE.lessons.length - 1;
    expect(nextPosition(COURSE, { lessonIndex: last, stepIndex: COURSE.lessons[last]!.steps.length - 1 })).toBeUndefined();
  });

  it('knows when a lesson\'s requires are done', () => {
    expect(requiresDone(COURSE, emptyProgress(), lesson('your-cluster'))).toBe(true);
    expect(requiresDone(COURSE, emptyProgress(), lesson('first-deployment'))).toBe(false);
    expect(requiresDone(COURSE, doneLesson(emptyProgress(), 'your-cluster'), lesson('first-deployment'))).toBe(true);
  });
});
