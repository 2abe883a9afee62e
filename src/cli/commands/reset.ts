/**
 * `kubedojo reset [lesson]`: empties the tutorial namespace, builds the lesson's start state and
 * clears the lesson's progress (default: the current lesson). Asks first unless `--yes`. While
 * the app runs, its own `r` key does this; two writers of one progress file would undo each other.
 */
import { createInterface } from 'node:readline/promises';
import { findRunningApp } from '../../app/running-app.js';
import { createExecaRunner } from '../../engine/commands/index.js';
import { createExitRegistry } from '../../engine/lifecycle/index.js';
import { createProgressStore, type ProgressStore } from '../../engine/progress/index.js';
import { clusterFlagsSchema, findLesson, loadCourseOrFail, NAMESPACE, validate, type ClusterFlags } from '../cli-options.js';
import { styleFor } from '../terminal-style.js';
import { UsageError } from '../usage-error.js';
import { currentLessonId } from './course-status.js';

export interface ResetOptions extends ClusterFlags {
  lessons?: string;
  yes?: boolean;
}

export interface ResetIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export async function runResetCommand(options: ResetOptions, lessonName: string | undefined, io: ResetIo = process): Promise<number> {
  const { lessons, yes, ...raw } = options;
  const flags = validate(clusterFlagsSchema, raw);
  const course = await loadCourseOrFail(lessons);
  const store = createProgressStore();
  const loaded = await store.load();
  const lesson = findLesson(course, lessonName ?? currentLessonId(course, loaded.progress) ?? '1');
  const number = course.lessons.indexOf(lesson) + 1;
  if (flags.context === undefined && !flags.sandbox) {
    const app = await findRunningApp();
    if (app !== undefined) throw new UsageError(`kubedojo is running (pid ${app.pid}): press r there to reset “${lesson.title}”`);
  }
  const style = styleFor(io.stdout);
  if (!yes) {
    if (!io.stdin.isTTY) throw new UsageError('reset asks before it deletes anything; pass --yes to reset without asking');
    const question = `Reset lesson ${number} “${lesson.title}”? This deletes everything in the namespace ${NAMESPACE}, builds the lesson's start state and clears its progress. [y/N] `;
    if (!(await confirm(question, io))) {
      io.stdout.write('Nothing was changed.\n');
      return 1;
    }
  }

  const { createTutorialSession } = await import('../../engine/session/index.js');
  const registry = createExitRegistry();
  const uninstall = registry.install();
  const runner = createExecaRunner();
  // The progress just read is the one the session starts from.
  const progressStore: ProgressStore = { path: store.path, load: async () => loaded, save: (progress) => store.save(progress) };
  const session = createTutorialSession({ course, progressStore, runner, namespace: NAMESPACE });
  registry.register('close the session', () => session.close());
  session.onOutput((line) => io.stdout.write(style.dim(`  ${line.text}`) + '\n'));
  try {
    await session.connect({ flags });
    const before = session.snapshot().notices;
    for (const notice of before) io.stderr.write(style.dim(`kubedojo: ${notice.text}`) + '\n');
    const seen = new Set(before.map((notice) => notice.id));
    await session.resetLesson(lesson.id);
    const after = session.snapshot();
    const errors = after.notices.filter((notice) => notice.level === 'error' && !seen.has(notice.id));
    if (errors.length > 0) {
      for (const notice of errors) io.stderr.write(`kubedojo reset: ${notice.text}\n`);
      return 1;
    }
    io.stdout.write(`${style.green(style.ok)} “${lesson.title}” is back at its start state on ${after.cluster.context ?? 'the cluster'}; its progress is cleared.\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`kubedojo reset: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await session.close();
    uninstall();
  }
}

async function confirm(question: string, io: ResetIo): Promise<boolean> {
  const readline = createInterface({ input: io.stdin, output: io.stdout });
  try {
    return /^y(es)?$/i.test((await readline.question(question)).trim());
  } finally {
    readline.close();
  }
}
