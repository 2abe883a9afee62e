/**
 * The parsed course, cached between runs. Parsing 21 lessons' YAML with source positions (for
 * `file:line` diagnostics) costs ~400 ms, most of the time before the app's first frame, and the
 * shipped lessons do not change between two launches. So a course that loaded without a problem
 * is written to the cache folder, keyed by a hash of everything the load read (every lesson file
 * and every file under assets/) and of the program that parsed it (its version and the running
 * entry file's size and mtime, so a rebuild never reads a cache an older parser wrote). Any
 * difference, or an unreadable cache, parses again. The cache is an optimisation only: failing
 * to read or write it is silent. `kubedojo lint` always parses.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';
import type { CourseLoad } from './load-course.js';
import { readShippedCourse } from './shipped-course.js';

const FORMAT = 1;

export interface CourseCacheOptions {
  /** The folder of the cache file; default the OS cache folder (`~/.cache/kubedojo` on Linux). */
  cacheDir?: string;
  /** What identifies the parser: default the running entry file's path, size and mtime. */
  programId?: string;
  /** The lessons' project root (assets/ lives there); default the lessons folder's parent. */
  root?: string;
  /**
   * The course parsed at build time (shipped-course.ts); default `course.json` in the folder above
   * the bundle's chunk that runs this (dist/), which does not exist when running from the sources.
   */
  shippedFile?: string;
}

/** dist/course.json when this code runs from the bundle (dist/chunks/*.js); the build checks it is there. */
const SHIPPED_FILE = fileURLToPath(new URL('../course.json', import.meta.url));

/** {@link loadCourse}, from the cache when nothing it depends on changed. */
export async function loadCourseCached(dir: string, options: CourseCacheOptions = {}): Promise<CourseLoad> {
  const root = options.root ?? dirname(dir);
  // The course the build parsed, when the lessons are still the ones it parsed: no start parses them.
  const shipped = readShippedCourse(options.shippedFile ?? SHIPPED_FILE, dir, root, filesUnder);
  if (shipped !== undefined) return shipped;
  const key = courseKey(dir, root, options.programId ?? runningProgramId());
  const file = join(options.cacheDir ?? envPaths('kubedojo', { suffix: '' }).cache, 'course-cache.json');
  if (key !== undefined) {
    const cached = readCache(file, key);
    if (cached !== undefined) return cached;
  }
  // The parser (yaml, the lesson schemas) loads only on a miss: a hit keeps it out of the app's
  // first frame (issue 9).
  const { loadCourse } = await import('./load-course.js');
  const load = await loadCourse(dir, { root });
  if (key !== undefined && load.diagnostics.length === 0) writeCache(file, key, load);
  return load;
}

/** A hash of the parser and of every file the load reads, or undefined when one cannot be read. */
export function courseKey(dir: string, root: string, programId: string): string | undefined {
  const hash = createHash('sha256').update(`${FORMAT}\0${programId}\0${dir}\0${root}\0`);
  try {
    for (const folder of [dir, join(root, 'assets')]) {
      for (const name of filesUnder(folder)) hash.update(name).update('\0').update(readFileSync(name)).update('\0');
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** Every file under `folder`, in name order (a missing assets/ is empty). */
export function filesUnder(folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    // A course without assets/ is fine; a lessons folder that cannot be read is not cached.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && folder.endsWith('assets')) return [];
    throw error;
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(folder, entry.name)) : entry.isFile() ? [join(folder, entry.name)] : []));
}

function runningProgramId(): string {
  const entry = process.argv[1] ?? '';
  try {
    const stat = statSync(entry);
    return `${entry}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return entry;
  }
}

function readCache(file: string, key: string): CourseLoad | undefined {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; course?: CourseLoad['course'] };
    if (cached.key !== key || cached.course === undefined || !Array.isArray(cached.course.lessons)) return undefined;
    return { course: cached.course, diagnostics: [] };
  } catch {
    return undefined;
  }
}

function writeCache(file: string, key: string, load: CourseLoad): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ key, course: load.course }), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A read-only cache folder only costs the next start its parse.
  }
}
