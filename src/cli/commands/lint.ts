/** `kubedojo lint [dir]`: every problem in a course folder as `file:line: message`; exit 1 if any. */
import { resolve } from 'node:path';
import { formatDiagnostics, loadCourse } from '../../engine/lessons/index.js';

export async function runLintCommand(dir: string, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const { course, diagnostics } = await loadCourse(resolve(dir));
  if (diagnostics.length > 0) {
    err.write(formatDiagnostics(diagnostics, { cwd: process.cwd() }) + '\n');
    err.write(`${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} in ${dir}\n`);
    return 1;
  }
  const steps = course.lessons.reduce((n, lesson) => n + lesson.steps.length, 0);
  out.write(`${dir}: ${course.lessons.length} lessons, ${steps} steps, no problems\n`);
  return 0;
}
