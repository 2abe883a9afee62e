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
  readonly quiz?: { readonly choiceCount: number; readonly answered: boolean };
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
}

export function buildKeyContext(data: TutorialData, metrics: LayoutMetrics): KeyContext {
  const { step, checks, outline } = data;
  const current = outline.lessons.findIndex((lesson) => lesson.id === (outline.currentLessonId ?? step?.lessonId));
  return {
    stepKey: step?.id ?? '',
    ...(step?.suggestedCommand !== undefined && step.suggestedCommand.trim() !== '' && { suggestedCommand: step.suggestedCommand }),
    hintsTotal: step?.hints.length ?? 0,
    hasSolution: step?.solution !== undefined && step.solution.trim() !== '',
    canAdvance: stepPassed(step, checks),
    failingChecks: checks.filter((check) => !check.ok).length,
    ...(step?.quiz !== undefined && {
      quiz: { choiceCount: step.quiz.choices.length, answered: step.quiz.answer !== undefined },
    }),
    lessons: outline.lessons,
    currentLessonIndex: Math.max(0, current),
    ...metrics,
  };
}
