/**
 * Loads every lesson of a course folder (files named `NN-slug.md`, in number order) and applies
 * the rules that span lessons: unique ids, `requires` that exist and form no cycle.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { atPath, sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { loadLocatedLesson, slugOfFileName, type LocatedLessonLoad } from './load-lesson.js';
import type { Lesson } from './schema.js';

export interface Course {
  /** The lessons folder. */
  dir: string;
  /** The lessons that loaded without problems, in file-name order. */
  lessons: Lesson[];
}

export interface CourseLoad {
  course: Course;
  /** Every problem found; a course with any should not be run. */
  diagnostics: Diagnostic[];
}

const LESSON_FILE = /^(\d+)-.+\.md$/;

export async function loadCourse(dir: string, options: { root?: string } = {}): Promise<CourseLoad> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const message = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : `cannot read: ${(error as Error).message}`;
    return { course: { dir, lessons: [] }, diagnostics: [{ file: dir, line: 0, message }] };
  }
  const files = names
    .filter((name) => LESSON_FILE.test(name))
    .sort((a, b) => Number(LESSON_FILE.exec(a)![1]) - Number(LESSON_FILE.exec(b)![1]) || a.localeCompare(b))
    .map((name) => join(dir, name));
  if (files.length === 0) {
    return { course: { dir, lessons: [] }, diagnostics: [{ file: dir, line: 0, message: 'no lesson files (named like 01-your-cluster.md)' }] };
  }

  const root = options.root ?? dirname(dir);
  const loads = await Promise.all(files.map((file) => loadLocatedLesson(file, { root })));
  const diagnostics = loads.flatMap((load) => load.diagnostics);
  diagnostics.push(...courseRules(files, loads));
  const lessons = loads.flatMap((load) => (load.lesson === undefined ? [] : [load.lesson]));
  return { course: { dir, lessons }, diagnostics: dedupe(diagnostics) };
}

function courseRules(files: readonly string[], loads: readonly LocatedLessonLoad[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (load: LocatedLessonLoad, file: string, path: PropertyKey[], message: string): void =>
    void diagnostics.push({ file, line: load.locate(path), message: atPath(path, message) });

  // Lessons that failed to load still count as existing: their id is their file's slug.
  const known = new Map<string, string>();
  files.forEach((file, i) => {
    const id = loads[i]!.lesson?.id ?? slugOfFileName(file);
    if (id === undefined) return;
    const other = known.get(id);
    if (other !== undefined && loads[i]!.lesson !== undefined) report(loads[i]!, file, ['id'], `lesson id "${id}" is already used by ${other}`);
    else if (other === undefined) known.set(id, file);
  });

  const byId = new Map<string, Lesson>();
  for (const load of loads) if (load.lesson !== undefined && !byId.has(load.lesson.id)) byId.set(load.lesson.id, load.lesson);
  loads.forEach((load, i) => {
    const lesson = load.lesson;
    if (lesson === undefined) return;
    lesson.requires.forEach((required, r) => {
      const path = ['requires', r];
      if (!known.has(required)) report(load, files[i]!, path, `no lesson has the id "${required}"`);
      else if (required === lesson.id) report(load, files[i]!, path, 'a lesson cannot require itself');
      else {
        const cycle = cycleThrough(lesson.id, required, byId);
        if (cycle !== undefined) report(load, files[i]!, path, `requires form a cycle: ${cycle.join(' → ')}`);
      }
    });
  });
  return diagnostics;
}

/** The path `from → required → ... → from` when `required` leads back to `from`. */
function cycleThrough(from: string, required: string, byId: ReadonlyMap<string, Lesson>): string[] | undefined {
  const seen = new Set<string>();
  const walk = (id: string, trail: string[]): string[] | undefined => {
    if (id === from) return trail;
    if (seen.has(id)) return undefined;
    seen.add(id);
    for (const next of byId.get(id)?.requires ?? []) {
      const found = walk(next, [...trail, next]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(required, [from, required]);
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return sortDiagnostics(diagnostics).filter((diagnostic) => {
    const key = `${diagnostic.file}\0${diagnostic.line}\0${diagnostic.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
