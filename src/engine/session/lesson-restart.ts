/**
 * Reset and catch-up, which are the same move: build the lesson's start state (start-state.ts),
 * forget the lesson's progress, open its first step. While the start state is built the session
 * is `busy`: commands are refused and checks wait, so nothing half-built counts as done.
 */
import type { CommandEnv, CommandRunner, OutputLine } from '../commands/command-runner.js';
import type { Course } from '../lessons/load-course.js';
import type { Lesson } from '../lessons/schema.js';
import { resetLesson as forgetLesson } from '../progress/progress-reducers.js';
import type { Position } from './course-position.js';
import type { SessionStore } from './session-store.js';
import { buildStartState } from './start-state.js';

export interface LessonRestartDeps {
  course: Course;
  store: SessionStore;
  runner: CommandRunner;
  namespace: string;
  /** The commands' environment, or undefined while not connected. */
  env(): CommandEnv | undefined;
  /** Stops the learner's running command (a `get -w` would otherwise outlive the old state). */
  stopCommand(): void;
  /**
   * Before the old state is torn down: the downtime meter stops and forgets its record. The
   * rebuilt Service is a new object (on the sandbox, a new NodePort), and the teardown's refused
   * requests belong to no lesson.
   */
  beforeRebuild?(): Promise<void>;
  onLine(line: OutputLine): void;
  openStep(position: Position): void;
  /** After a start state was built: the lesson's workspace files start over too. */
  onRebuilt?(lesson: Lesson): Promise<void>;
}

export interface LessonRestart {
  /** Builds `lesson`'s start state, streaming its commands to the output; false (with a notice) on failure. */
  rebuild(lesson: Lesson): Promise<boolean>;
  /** Start state, forgotten progress, first step; `message` becomes a notice when the state was built. */
  restart(lessonIndex: number, message: (lesson: Lesson) => string): Promise<void>;
}

export const caughtUpMessage = (lesson: Lesson): string =>
  `Caught up: built the start state of “${lesson.title}”. The lessons it builds on are not done yet; you can go back to them any time.`;

export const resetMessage = (lesson: Lesson): string => `“${lesson.title}” is back at its start state.`;

export function createLessonRestart(deps: LessonRestartDeps): LessonRestart {
  const { store } = deps;

  async function rebuild(lesson: Lesson): Promise<boolean> {
    const env = deps.env();
    if (env === undefined) {
      store.notify('error', 'Not connected to a cluster yet.');
      return false;
    }
    deps.stopCommand();
    store.update({ busy: `Building the start state of “${lesson.title}”…` });
    await deps.beforeRebuild?.();
    const result = await buildStartState(lesson, { runner: deps.runner, env, namespace: deps.namespace, onLine: deps.onLine });
    store.update({ busy: undefined });
    if (!result.ok) store.notify('error', `Could not build the start state of “${lesson.title}”: ${result.message}`);
    else await deps.onRebuilt?.(lesson);
    return result.ok;
  }

  async function restart(lessonIndex: number, message: (lesson: Lesson) => string): Promise<void> {
    if (store.state.busy !== undefined) return store.notify('warn', 'kubedojo is still building a start state; try again in a moment.');
    const lesson = deps.course.lessons[lessonIndex]!;
    const built = await rebuild(lesson);
    store.persist(forgetLesson(store.state.progress, lesson.id));
    if (built) store.notify('info', message(lesson));
    deps.openStep({ lessonIndex, stepIndex: 0 });
  }

  return { rebuild, restart };
}
