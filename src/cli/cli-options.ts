/**
 * The flags of the commands that pick a cluster or a course, validated (zod) before anything
 * renders or connects. Commander parses; these schemas say what may go together.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
// Not the lessons barrel: the app's first frame needs the cache, not the parser (course-cache.ts).
import { loadCourseCached } from '../engine/lessons/course-cache.js';
import { formatDiagnostics } from '../engine/lessons/diagnostic.js';
import type { Course } from '../engine/lessons/load-course.js';
import { LESSONS_DIR } from './paths.js';
import { UsageError } from './usage-error.js';

/** The tutorial namespace: fixed, so a learner never works outside it (PRODUCT.md, safety rules). */
export const NAMESPACE = 'kubedojo';

const contextName = z.string().trim().min(1, '--context needs a context name');

/** `--context NAME --allow-remote`: the learner's own cluster. */
export const contextFlagsSchema = z
  .object({ context: contextName.optional(), allowRemote: z.boolean().optional() })
  .refine((flags) => !flags.allowRemote || flags.context !== undefined, '--allow-remote needs --context NAME, naming the one cluster you allow');

/** The cluster flags of the app, `start`, `check` and `reset`. */
export const clusterFlagsSchema = z
  .object({
    context: contextName.optional(),
    allowRemote: z.boolean().optional(),
    sandbox: z.boolean().optional(),
    speed: z.number().positive('--speed must be a positive number').finite().optional(),
    fresh: z.boolean().optional(),
  })
  .refine((flags) => !flags.allowRemote || flags.context !== undefined, '--allow-remote needs --context NAME, naming the one cluster you allow')
  .refine((flags) => !(flags.sandbox && flags.context !== undefined), '--sandbox and --context name two different clusters; pass one of them');

export type ClusterFlags = z.infer<typeof clusterFlagsSchema>;

/** Parses `value` with `schema`; the first problem becomes a UsageError. */
export function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new UsageError(parsed.error.issues[0]?.message ?? 'invalid flags');
}

/**
 * The course in `dir` (default: the lessons shipped with kubedojo). A course with problems is not
 * run: they are printed as `file:line: message` and the command exits 1.
 */
export async function loadCourseOrFail(dir: string | undefined): Promise<Course> {
  const path = dir === undefined ? LESSONS_DIR : resolve(dir);
  if (dir !== undefined && (!existsSync(path) || !statSync(path).isDirectory())) throw new UsageError(`--lessons ${dir}: no such folder`);
  // From the cache when no lesson, asset or the program changed (course-cache.ts): the first frame comes sooner.
  const { course, diagnostics } = await loadCourseCached(path);
  if (diagnostics.length > 0) {
    const listing = formatDiagnostics(diagnostics, { cwd: process.cwd() });
    throw new UsageError(`${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} in ${dir ?? path} (kubedojo lint shows them):\n${listing}`);
  }
  if (course.lessons.length === 0) throw new UsageError(`${dir ?? path} has no lessons`);
  return course;
}

/** A lesson named by id (`first-deployment`) or by number (`2`). */
export function findLesson(course: Course, name: string): Course['lessons'][number] {
  const byNumber = /^\d+$/.test(name) ? course.lessons[Number(name) - 1] : undefined;
  const lesson = byNumber ?? course.lessons.find((candidate) => candidate.id === name);
  if (lesson === undefined) {
    throw new UsageError(`there is no lesson “${name}”; lessons: ${course.lessons.map((l, i) => `${i + 1} ${l.id}`).join(', ')}`);
  }
  return lesson;
}
