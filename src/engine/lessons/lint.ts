/** `kubedojo lint [dir]`: every problem in a course folder, as `file:line: message` lines. */
import { loadCourse } from './load-course.js';
import type { Diagnostic } from './diagnostic.js';

/** Lints the lessons in `dir` (default `lessons`); an empty result means the course is clean. */
export async function lintCourse(dir = 'lessons', options: { root?: string } = {}): Promise<Diagnostic[]> {
  return (await loadCourse(dir, options)).diagnostics;
}
