/**
 * A learner's progress mirror driven by a rehearsal instead of the app's session: each rehearse
 * event becomes the snapshot the app's session would show at that moment (the step opened, a
 * command ran, the step passed), fed to the real mirror (src/workshop/mirror) with the real
 * ConfigMap sink, so the writes, their debounce and their credentials are the app's.
 */
import type { Course } from '../src/engine/lessons/load-course.js';
import type { RehearseEvent } from '../src/engine/rehearse/index.js';
import type { TutorialSnapshot } from '../src/engine/session/snapshot.js';
import type { ProgressMirror } from '../src/workshop/mirror/progress-mirror.js';

export interface RehearsalMirror {
  /** Pass rehearse's events here (after recording a pass's time). */
  onEvent(event: RehearseEvent): void;
}

export function rehearsalMirror(course: Course, namespace: string, mirror: ProgressMirror): RehearsalMirror {
  const done = new Map<string, number>();
  let at: { lessonId: string; stepId: string } | undefined;
  let lastCommand: { argv: string[]; exitCode: number } | undefined;
  let passed = false;

  const snapshot = (): TutorialSnapshot => {
    const lessons = course.lessons.map((lesson) => ({
      id: lesson.id,
      title: lesson.title,
      summary: lesson.summary,
      stepsDone: done.get(lesson.id) ?? 0,
      stepsTotal: lesson.steps.length,
      done: (done.get(lesson.id) ?? 0) === lesson.steps.length,
      requires: lesson.requires,
      requiresDone: true,
    }));
    const lesson = course.lessons.find((l) => l.id === at?.lessonId);
    const index = lesson?.steps.findIndex((s) => s.id === at?.stepId) ?? -1;
    const step = lesson?.steps[index];
    return {
      lessons,
      ...(lesson === undefined ? {} : { currentLessonId: lesson.id }),
      ...(lesson === undefined || step === undefined
        ? {}
        : {
            step: { lessonId: lesson.id, lessonTitle: lesson.title, id: step.id, index, count: lesson.steps.length, title: step.title, text: '', hints: [], hintsRevealed: 0, solution: [], done: passed },
          }),
      finished: false,
      checks: passed ? [] : [{ kind: 'exists', label: 'step checks', ok: false, message: 'not yet' }],
      passed,
      pods: [],
      cluster: { sandbox: true, namespace, connection: { state: 'connected' } },
      notices: [],
      ...(lastCommand === undefined ? {} : { lastCommand }),
    };
  };

  return {
    onEvent(event) {
      switch (event.type) {
        case 'step':
          at = { lessonId: event.lessonId, stepId: event.stepId };
          lastCommand = undefined;
          passed = false;
          break;
        case 'command':
          // A new object per command: the mirror tells commands apart by identity, as the session's are.
          lastCommand = { argv: event.command.split(' '), exitCode: event.exitCode };
          break;
        case 'pass':
          passed = true;
          done.set(event.lessonId, (done.get(event.lessonId) ?? 0) + 1);
          break;
        default:
          return;
      }
      mirror.observe(snapshot());
    },
  };
}
