/** Minimal session snapshots for the workshop tests: a two-lesson course, the learner on a step. */
import type { TutorialSnapshot } from '../../src/engine/session/snapshot.js';

export interface At {
  lesson?: 0 | 1;
  step?: number;
  done?: boolean;
  failing?: string;
  lastCommand?: { argv: string[]; exitCode: number };
  stepsDone?: [number, number];
}

export function snapshotAt(at: At = {}): TutorialSnapshot {
  const lessons = [
    { id: 'first-deployment', title: 'Your first Deployment', summary: '', stepsDone: at.stepsDone?.[0] ?? 0, stepsTotal: 3, done: false, requires: [], requiresDone: true },
    { id: 'rolling-updates', title: 'Rolling updates', summary: '', stepsDone: at.stepsDone?.[1] ?? 0, stepsTotal: 2, done: false, requires: [], requiresDone: true },
  ];
  const lesson = lessons[at.lesson ?? 0]!;
  const index = at.step ?? 0;
  return {
    lessons,
    currentLessonId: lesson.id,
    step: {
      lessonId: lesson.id,
      lessonTitle: lesson.title,
      id: `step-${index + 1}`,
      index,
      count: lesson.stepsTotal,
      title: `Step ${index + 1}`,
      text: '',
      hints: [],
      hintsRevealed: 0,
      solution: [],
      done: at.done ?? false,
    },
    finished: false,
    checks: at.failing === undefined ? [{ kind: 'exists', label: 'Deployment shop', ok: true, message: 'exists' }] : [{ kind: 'podsReady', label: 'Pods ready', ok: false, message: at.failing }],
    passed: at.done ?? false,
    pods: [],
    cluster: { sandbox: true, namespace: 'kubedojo-ana', connection: { state: 'connected' } },
    notices: [],
    ...(at.lastCommand === undefined ? {} : { lastCommand: at.lastCommand }),
  };
}
