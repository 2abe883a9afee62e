/**
 * The parsed course shipped with the build (`dist/course.json`), so that no start parses the
 * shipped lessons, the first one after an install included (issue 9).
 *
 * Why: the course cache (course-cache.ts) is written by the first start, which parses 21 lessons'
 * YAML (~400 ms before the first frame). That parse also stays in the idle app's memory: the YAML
 * parser and the lesson schemas loaded, and V8's optimizing compilers' memory (they compile the
 * parser's hot functions on worker threads, and glibc keeps what those threads' arenas grew):
 * ~8-10 MB of RSS over a start that found the cache (measured on the built app in a pty, connected
 * to a cluster; docs/decisions.md, "App: the course parsed at build time").
 *
 * The file holds the course with every absolute path written relative to the course's root (the
 * package folder at build time is not the one it is installed in), and a key: a hash of every file
 * the load reads, named relative to the root. A start uses it only when that key matches the files
 * it finds, so lessons edited after the build are parsed as before. The parser that wrote it is the
 * one in the same build (the build writes both), so the key needs no program identity.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { CourseLoad } from './load-course.js';

const FORMAT = 1;
/** Stands for the course's root in a shipped path: NUL never occurs in a path or a lesson's text. */
const ROOT = '\u0000root';
/** How JSON.stringify writes the start of a string that begins with {@link ROOT}. */
const MARK_IN_JSON = `"${JSON.stringify(ROOT).slice(1, -1)}`;

interface ShippedCourse {
  format: number;
  key: string;
  course: CourseLoad['course'];
}

/** A hash of every file the course load reads (lessons and assets), named relative to `root`. */
export function courseContentKey(dir: string, root: string, filesUnder: (folder: string) => string[]): string | undefined {
  const hash = createHash('sha256').update(`${FORMAT}\0${portable(relative(root, dir))}\0`);
  try {
    for (const folder of [dir, join(root, 'assets')]) {
      for (const name of filesUnder(folder)) hash.update(portable(relative(root, name))).update('\0').update(readFileSync(name)).update('\0');
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** The shipped course when `file` holds one whose key matches what `dir` holds now, else undefined. */
export function readShippedCourse(file: string, dir: string, root: string, filesUnder: (folder: string) => string[]): CourseLoad | undefined {
  let shipped: ShippedCourse;
  try {
    shipped = JSON.parse(underRoot(readFileSync(file, 'utf8'), root)) as ShippedCourse;
  } catch {
    return undefined;
  }
  if (shipped?.format !== FORMAT || typeof shipped.key !== 'string' || !Array.isArray(shipped.course?.lessons)) return undefined;
  if (shipped.key !== courseContentKey(dir, root, filesUnder)) return undefined;
  return { course: shipped.course, diagnostics: [] };
}

/** Writes a course that loaded without problems to `file`, for {@link readShippedCourse}. */
export function writeShippedCourse(file: string, load: CourseLoad, root: string, filesUnder: (folder: string) => string[]): void {
  if (load.diagnostics.length > 0) throw new Error(`the course has ${load.diagnostics.length} problems (kubedojo lint shows them); it is not shipped parsed`);
  const key = courseContentKey(load.course.dir, root, filesUnder);
  if (key === undefined) throw new Error(`cannot read the course in ${load.course.dir}`);
  const shipped: ShippedCourse = { format: FORMAT, key, course: load.course };
  // Every path under the root (the lessons folder, each lesson's file and root) is written relative to it.
  writeFileSync(file, JSON.stringify(shipped, (_key, item: unknown) =>
    typeof item === 'string' && (item === root || item.startsWith(root + sep)) ? ROOT + (item === root ? '' : `/${portable(relative(root, item))}`) : item,
  ));
}

/**
 * The shipped file's text with its paths put under `root`. Where paths use `/`, by replacing the
 * root's mark in the text (one pass before JSON.parse: a reviver made the parse ~5× slower, ~10 ms
 * before the first frame); elsewhere by a reviver that joins each path's parts.
 */
function underRoot(text: string, root: string): string {
  const rootInJson = `"${JSON.stringify(root).slice(1, -1)}`;
  if (sep === '/') return text.replaceAll(MARK_IN_JSON, () => rootInJson);
  return JSON.stringify(JSON.parse(text, (_key, item: unknown) => (typeof item === 'string' && item.startsWith(ROOT) ? fromPortable(root, item.slice(ROOT.length)) : item)));
}

/** A relative path with `/` between its parts, whatever the OS that wrote it. */
function portable(path: string): string {
  return path.split(sep).join('/');
}

/** `root` followed by a path written as `/a/b` (or nothing), with this OS's separators. */
function fromPortable(root: string, path: string): string {
  return path === '' ? root : join(root, ...path.slice(1).split('/'));
}
