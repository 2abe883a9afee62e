/**
 * The slice of the container's data (and of the layout) the key router needs. Built on every
 * render from the latest props, so key handling never reads React state directly.
 */
import { stepPassed, type LessonSummary, type TutorialData } from '../model.js';

export interface KeyContext {
  /** `StepView.id`, '' when there is no step. */
  readonly stepKey: string;
  readonly suggestedCommand?: string;
  readonly hintsTotal: number;
  readonly hasSolution: boolean;
  /** `n` may advance. */
  readonly canAdvance: boolean;
  readonly failingChecks: number;
  /** `answered`: answered right (a wrong answer leaves the quiz open for another choice). */
  readonly quiz?: { readonly choiceCount: number; readonly answered: boolean };
  /** The step is the last of its lesson: `n` shows the lesson's summary first. */
  readonly lastStepOfLesson: boolean;
  /**
   * Set when this step opens a lesson the learner has not started (its first step, nothing done
   * or skipped): its intro card is shown on entering it.
   */
  readonly enterLessonId?: string;
  /** Largest useful scroll offset of the open lesson card. */
  readonly cardMaxScroll: number;
  readonly lessons: readonly LessonSummary[];
  readonly currentLessonIndex: number;
  /** Rows of output on screen (a page for PgUp / PgDn). */
  readonly outputRows: number;
  /** Largest useful step-text scroll offset. */
  readonly stepMaxScroll: number;
  readonly helpMaxScroll: number;
}

export interface LayoutMetrics {
  readonly outputRows: number;
  readonly stepMaxScroll: number;
  readonly helpMaxScroll: number;
  readonly cardMaxScroll?: number;
}

export function buildKeyContext(data: TutorialData, metrics: LayoutMetrics): KeyContext {
  const { step, checks, outline } = data;
  const current = outline.lessons.findIndex((lesson) => lesson.id === (outline.currentLessonId ?? step?.lessonId));
  const lesson = outline.lessons.find((candidate) => candidate.id === step?.lessonId);
  const fresh = step !== undefined && step.index === 0 && lesson !== undefined && lesson.stepsDone === 0 && (lesson.stepsSkipped ?? 0) === 0;
  return {
    stepKey: step?.id ?? '',
    ...(step?.suggestedCommand !== undefined && step.suggestedCommand.trim() !== '' && { suggestedCommand: step.suggestedCommand }),
    hintsTotal: step?.hints.length ?? 0,
    hasSolution: step?.solution !== undefined && step.solution.trim() !== '',
    canAdvance: stepPassed(step, checks),
    failingChecks: checks.filter((check) => !check.ok).length,
    ...(step?.quiz !== undefined && {
      quiz: { choiceCount: step.quiz.choices.length, answered: step.quiz.answer?.correct === true },
    }),
    lastStepOfLesson: step !== undefined && step.index === step.count - 1,
    ...(fresh && { enterLessonId: step.lessonId }),
    lessons: outline.lessons,
    currentLessonIndex: Math.max(0, current),
    ...metrics,
    cardMaxScroll: metrics.cardMaxScroll ?? 0,
  };
}
