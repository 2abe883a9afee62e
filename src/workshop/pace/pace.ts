/**
 * Pacing, pure: the instructor's `upTo` lesson locks every lesson after it. A learner already in a
 * locked lesson (they were ahead when the instructor paced the room) may finish it; they cannot
 * open another locked one, or move into one with `n`.
 */
import type { TutorialData } from '../../ui/model.js';

export interface Pace {
  /** The last open lesson's id; '' or undefined: every lesson is open. */
  upTo?: string;
}

export const PACED_REASON = 'Your instructor opens this lesson later: wait for the room';

/** Ids of the lessons the pace locks, in course order. */
export function lockedLessons(lessonIds: readonly string[], pace: Pace): Set<string> {
  if (!pace.upTo) return new Set();
  const last = lessonIds.indexOf(pace.upTo);
  // A pace naming a lesson this course does not have locks nothing: never a dead end.
  if (last < 0) return new Set();
  return new Set(lessonIds.slice(last + 1));
}

/** The screen's data with the paced lessons shown locked (the current one stays as it is). */
export function pacedData(data: TutorialData, pace: Pace): TutorialData {
  const locked = lockedLessons(data.outline.lessons.map((lesson) => lesson.id), pace);
  if (locked.size === 0) return data;
  const current = data.outline.currentLessonId;
  return {
    ...data,
    outline: {
      ...data.outline,
      lessons: data.outline.lessons.map((lesson) =>
        locked.has(lesson.id) && lesson.id !== current && lesson.status !== 'done' ? { ...lesson, status: 'locked' as const, lockedReason: PACED_REASON } : lesson,
      ),
    },
  };
}

/** May the learner move from `currentLessonId` to `targetLessonId`? */
export function paceAllows(lessonIds: readonly string[], pace: Pace, currentLessonId: string | undefined, targetLessonId: string): boolean {
  return targetLessonId === currentLessonId || !lockedLessons(lessonIds, pace).has(targetLessonId);
}
