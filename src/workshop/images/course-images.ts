/**
 * Every image the course uses: the `image:` fields of the manifests the lessons apply or hand out
 * (start states, workspace files), the images lessons' kubectl commands name (`--image=`,
 * `set image … c=IMAGE`), and the downtime meter's. An image the sandbox's registry does not have
 * is one a lesson uses to fail on purpose (`nginx:1.277` in "A bad release"): it is listed apart,
 * never pulled.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { scanKubectlArgs } from '../../engine/commands/kubectl-args.js';
import { parseCommandLine } from '../../engine/commands/parse-command-line.js';
import type { Course } from '../../engine/lessons/load-course.js';
import { METER_IMAGE } from '../../engine/meter/pod-meter.js';
import { findImage } from '../../sandbox/node/image-catalog.js';

export interface CourseImage {
  image: string;
  /** Lesson ids that use it (`meter` for the downtime meter). */
  lessons: string[];
}

export interface CourseImages {
  pullable: CourseImage[];
  /** Images that do not exist, on purpose. */
  notPullable: CourseImage[];
}

export async function courseImages(course: Course): Promise<CourseImages> {
  const uses = new Map<string, Set<string>>();
  const use = (image: string, lesson: string): void => void uses.set(image, (uses.get(image) ?? new Set()).add(lesson));
  for (const lesson of course.lessons) {
    const files = [...lesson.start.manifests, ...(lesson.workspace ?? [])];
    for (const file of files) for (const image of await manifestImages(join(lesson.root, file))) use(image, lesson.id);
    const lines = [...lesson.start.commands, ...lesson.steps.flatMap((step) => [...(step.command === undefined ? [] : [step.command]), ...step.solution])];
    for (const line of lines) for (const image of commandImages(line)) use(image, lesson.id);
  }
  use(METER_IMAGE, 'meter');
  const all = [...uses.entries()].map(([image, lessons]) => ({ image, lessons: [...lessons].sort() })).sort((a, b) => a.image.localeCompare(b.image));
  return { pullable: all.filter((entry) => findImage(entry.image) !== undefined), notPullable: all.filter((entry) => findImage(entry.image) === undefined) };
}

/** `image:` of every container (and init container) in a manifest file. */
export async function manifestImages(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const images: string[] = [];
  const visit = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item));
    if (node === null || typeof node !== 'object') return;
    for (const [field, value] of Object.entries(node)) {
      if ((key === 'containers' || key === 'initContainers' || field === 'image') && field === 'image' && typeof value === 'string') images.push(value);
      else visit(value, field);
    }
  };
  for (const document of parseAllDocuments(text)) visit(document.toJS());
  return images;
}

/** Images a kubectl command line names. */
export function commandImages(line: string): string[] {
  const parsed = parseCommandLine(line);
  if (!parsed.ok || parsed.argv[0] !== 'kubectl') return [];
  const args = scanKubectlArgs(parsed.argv.slice(1));
  const images = args.flags.filter((flag) => flag.name === 'image' && flag.value !== undefined).map((flag) => flag.value!);
  if (args.command[0] === 'set' && args.command[1] === 'image') {
    for (const arg of args.args.slice(1)) {
      const eq = arg.indexOf('=');
      if (eq > 0) images.push(arg.slice(eq + 1));
    }
  }
  return images;
}
