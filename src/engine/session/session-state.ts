/**
 * The session's domain state, kept in one place, and the pure function that turns it into the
 * published snapshot. Only tutorial-session.ts changes the state.
 */
import { courseSummary } from '../summary/course-summary.js';
import type { LastCommand } from '../checks/result.js';
import type { CommandMode } from '../commands/command-mode.js';
import type { Course } from '../lessons/load-course.js';
import type { Lesson, Step } from '../lessons/schema.js';
import type { Progress } from '../progress/progress-schema.js';
import { doneSteps, finishedSteps, isLessonDone, lessonAt, requiresDone, stepAt, type Position } from './course-position.js';
import type { PodRow } from './pod-rows.js';
import type { TrafficSnapshot } from './session-meter.js';
import type { CheckSnapshot, ClusterSnapshot, LessonSnapshot, NoticeSnapshot, StepSnapshot, TutorialSnapshot } from './snapshot.js';

export interface SessionState {
  progress: Progress;
  /** Undefined before the course is loaded into a position, and when finished. */
  position: Position | undefined;
  finished: boolean;
  checks: CheckSnapshot[];
  /**
   * The checks passed in this step: they stay as they were when it passed, whatever the learner
   * runs or changes afterwards (a passed step never turns red, issue #8 item 3).
   */
  checksFrozen: boolean;
  lastCommand: LastCommand | undefined;
  /** The quiz choice picked in this step (0-based). */
  quizChoice: number | undefined;
  running: { argv: string[]; mode: CommandMode } | undefined;
  busy: string | undefined;
  cluster: ClusterSnapshot;
  pods: PodRow[];
  notices: NoticeSnapshot[];
  /** The downtime meter's numbers while it runs (and the last rollout's timeline). */
  traffic?: TrafficSnapshot | undefined;
}

export function initialState(progress: Progress, namespace: string): SessionState {
  return {
    progress,
    position: undefined,
    finished: false,
    checks: [],
    checksFrozen: false,
    lastCommand: undefined,
    quizChoice: undefined,
    running: undefined,
    busy: undefined,
    cluster: { sandbox: false, namespace, connection: { state: 'disconnected' } },
    pods: [],
    notices: [],
  };
}

/** The quiz of a step, if it has one (lessons allow one per step). */
export function quizOf(step: Step) {
  for (const check of step.checks) if ('quiz' in check) return check.quiz;
  return undefined;
}

export function buildSnapshot(course: Course, state: SessionState): TutorialSnapshot {
  const step = state.position === undefined || state.finished ? undefined : stepSnapshot(course, state, state.position);
  const passed = step !== undefined && (step.done || step.skipped || (state.checks.length > 0 && state.checks.every((check) => check.ok)));
  const snapshot: TutorialSnapshot = {
    lessons: course.lessons.map((lesson) => lessonSnapshot(course, state.progress, lesson)),
    finished: state.finished,
    checks: step === undefined ? [] : state.checks.map((check) => ({ ...check })),
    passed,
    pods: state.pods.map((pod) => ({ ...pod })),
    cluster: { ...state.cluster, connection: { ...state.cluster.connection } },
    notices: state.notices.map((notice) => ({ ...notice })),
  };
  if (state.position !== undefined) snapshot.currentLessonId = lessonAt(course, state.position).id;
  if (step !== undefined) snapshot.step = step;
  if (state.running !== undefined) snapshot.running = { argv: [...state.running.argv], mode: state.running.mode };
  if (state.lastCommand !== undefined) snapshot.lastCommand = { argv: [...state.lastCommand.argv], exitCode: state.lastCommand.exitCode };
  if (state.busy !== undefined) snapshot.busy = state.busy;
  if (state.traffic !== undefined) snapshot.traffic = state.traffic;
  if (state.finished) snapshot.summary = courseSummary(course, state.progress);
  return snapshot;
}

function lessonSnapshot(course: Course, progress: Progress, lesson: Lesson): LessonSnapshot {
  const done = doneSteps(progress, lesson);
  const finished = finishedSteps(progress, lesson);
  const snapshot: LessonSnapshot = {
    id: lesson.id,
    title: lesson.title,
    summary: lesson.summary,
    intro: lesson.intro,
    objectives: [...lesson.objectives],
    stepTitles: lesson.steps.map((step) => step.title),
    stepsDone: lesson.steps.filter((step) => done.has(step.id)).length,
    stepsSkipped: lesson.steps.filter((step) => finished.has(step.id) && !done.has(step.id)).length,
    stepsTotal: lesson.steps.length,
    done: isLessonDone(progress, lesson),
    requires: [...lesson.requires],
    requiresDone: requiresDone(course, progress, lesson),
  };
  if (lesson.minutes !== undefined) snapshot.minutes = lesson.minutes;
  return snapshot;
}

function stepSnapshot(course: Course, state: SessionState, position: Position): StepSnapshot {
  const lesson = lessonAt(course, position);
  const step = stepAt(course, position);
  const lessonProgress = state.progress.lessons[lesson.id];
  const snapshot: StepSnapshot = {
    lessonId: lesson.id,
    lessonTitle: lesson.title,
    id: step.id,
    index: position.stepIndex,
    count: lesson.steps.length,
    title: step.title,
    text: step.text,
    hints: [...step.hints],
    hintsRevealed: lessonProgress?.hintsRevealed[step.id] ?? 0,
    solution: [...step.solution],
    done: lessonProgress?.doneSteps.includes(step.id) ?? false,
    skipped: lessonProgress?.skippedSteps?.includes(step.id) ?? false,
  };
  if (step.command !== undefined) snapshot.command = step.command;
  const quiz = quizOf(step);
  if (quiz !== undefined) {
    snapshot.quiz = { question: quiz.question, choices: [...quiz.choices] };
    const choice = state.quizChoice;
    if (choice !== undefined) {
      const picked = quiz.choices[choice] ?? '';
      const correct = picked === quiz.answer;
      const reason = quiz.reasons[picked];
      // A wrong answer says why it is wrong, never which one is right; the learner picks again.
      snapshot.quiz.answer = correct
        ? { choice, correct, ...(quiz.explain !== undefined && { explain: quiz.explain }) }
        : { choice, correct, ...(reason !== undefined && { reason }) };
    }
  }
  return snapshot;
}
