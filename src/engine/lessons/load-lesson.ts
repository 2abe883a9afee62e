/**
 * Reads one lesson file into a typed {@link Lesson}, or into diagnostics that point at lines of
 * the original Markdown file. File-level rules run here too (file name, start-state manifests).
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type * as z from 'zod';
import { PARSE_PARAMS, tidyIssues } from '../checks/schema-helpers.js';
import { atPath, type Diagnostic } from './diagnostic.js';
import { lessonRules } from './lesson-rules.js';
import { checkManifest } from './manifests.js';
import { splitLessonMarkdown, type StepSection } from './markdown.js';
import { LessonMetaSchema, StepBlockSchema, type Lesson, type LessonMeta, type Step, type StepBlock } from './schema.js';
import { parseYamlFragment, type ParsedYaml } from './yaml-source.js';

export interface LoadOptions {
  /** The course root holding assets/; default: the folder above the lesson's folder. */
  root?: string;
}

export interface LessonLoad {
  /** Present only when the file has no problems. */
  lesson?: Lesson;
  diagnostics: Diagnostic[];
}

/** A lesson load that also keeps the line lookup, for course-level rules. */
export interface LocatedLessonLoad extends LessonLoad {
  /** The file line of a data path (`['requires', 0]`, `['steps', 1, 'checks', 0]`). */
  locate(path: readonly PropertyKey[]): number;
}

/** `02-first-deployment.md` → `first-deployment`; undefined when the name is not `NN-slug.md`. */
export function slugOfFileName(file: string): string | undefined {
  return /^\d+-(.+)\.md$/.exec(basename(file))?.[1];
}

export async function loadLesson(file: string, options: LoadOptions = {}): Promise<LessonLoad> {
  const { lesson, diagnostics } = await loadLocatedLesson(file, options);
  return lesson === undefined ? { diagnostics } : { lesson, diagnostics };
}

export async function loadLocatedLesson(file: string, options: LoadOptions = {}): Promise<LocatedLessonLoad> {
  const root = options.root ?? dirname(dirname(file));
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    return { diagnostics: [{ file, line: 0, message: `cannot read: ${(error as Error).message}` }], locate: () => 0 };
  }

  const diagnostics: Diagnostic[] = [];
  const report = (line: number, message: string): void => void diagnostics.push({ file, line, message });
  const markdown = splitLessonMarkdown(source);
  markdown.problems.forEach((problem) => report(problem.line, problem.message));

  const front = markdown.frontMatter === undefined ? undefined : parseYamlFragment(markdown.frontMatter);
  const blocks = markdown.sections.map((section) => (section.block === undefined ? undefined : parseYamlFragment(section.block)));
  const locate = lessonLocator(markdown.sections, front, blocks);
  const reportIssues = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]): void => {
    for (const issue of tidyIssues(issues)) {
      // Point at the unknown key itself, not at the mapping that holds it.
      const key = issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
      const path = [...prefix, ...issue.path, ...key];
      report(locate(path), atPath(path, issue.message));
    }
  };

  let meta: LessonMeta | undefined;
  if (front !== undefined) {
    front.errors.forEach((error) => report(error.line, error.message));
    if (front.errors.length === 0) meta = validate(LessonMetaSchema, front.data, [], reportIssues);
  }
  if (markdown.frontMatter !== undefined && markdown.sections.length === 0) {
    report(markdown.frontMatter.firstLine - 1, 'a lesson needs at least one step: a "## " heading followed by a ```yaml step block');
  }
  const steps = markdown.sections.map((section, s) => readStep(section, blocks[s], s, report, reportIssues));

  if (meta === undefined || diagnostics.length > 0 || steps.some((step) => step === undefined)) return { diagnostics, locate };
  const lesson: Lesson = { ...meta, file, root, intro: markdown.intro, steps: steps as Step[] };

  for (const issue of lessonRules(lesson)) report(locate(issue.path), atPath(issue.path, issue.message));
  const slug = slugOfFileName(file);
  if (slug !== lesson.id) {
    report(locate(['id']), atPath(['id'], `the file of lesson ${lesson.id} must be named NN-${lesson.id}.md, not ${basename(file)}`));
  }
  for (const [m, manifest] of lesson.start.manifests.entries()) {
    const checked = await checkManifest(root, manifest);
    const path = ['start', 'manifests', m];
    if (!checked.exists) report(locate(path), atPath(path, `${manifest} does not exist`));
    else diagnostics.push(...checked.diagnostics);
  }
  for (const [w, file] of lesson.workspace.entries()) {
    const checked = await checkManifest(root, file);
    const path = ['workspace', w];
    if (!checked.exists) report(locate(path), atPath(path, `${file} does not exist`));
    else diagnostics.push(...checked.diagnostics);
  }
  return diagnostics.length > 0 ? { diagnostics, locate } : { lesson, diagnostics, locate };
}

/**
 * Maps a path in the assembled lesson to a file line: `steps[i]...` into step i's block (the
 * step itself, its title and text, to its heading), everything else into the front matter.
 */
function lessonLocator(
  sections: readonly StepSection[],
  front: ParsedYaml | undefined,
  blocks: readonly (ParsedYaml | undefined)[],
): (path: readonly PropertyKey[]) => number {
  return (path) => {
    if (path[0] !== 'steps' || typeof path[1] !== 'number') return front?.lineOf(path) ?? 1;
    const section = sections[path[1]];
    const block = blocks[path[1]];
    if (section === undefined) return 1;
    if (block === undefined || path.length === 2 || path[2] === 'title' || path[2] === 'text') return section.line;
    return block.lineOf(path.slice(2));
  };
}

function validate<S extends z.ZodType>(
  schema: S,
  data: unknown,
  prefix: PropertyKey[],
  reportIssues: (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]) => void,
): z.output<S> | undefined {
  const result = schema.safeParse(data ?? {}, PARSE_PARAMS);
  if (result.success) return result.data;
  reportIssues(result.error.issues, prefix);
  return undefined;
}

// Title and text come from the Markdown; writing them in YAML as well would leave two truths.
const FROM_MARKDOWN: Record<string, string> = {
  title: 'the title is the "## " heading above the block',
  text: 'the text is the Markdown around the block',
};

function readStep(
  section: StepSection,
  block: ParsedYaml | undefined,
  index: number,
  report: (line: number, message: string) => void,
  reportIssues: (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]) => void,
): Step | undefined {
  if (block === undefined) return undefined;
  block.errors.forEach((error) => report(error.line, error.message));
  if (block.errors.length > 0) return undefined;
  let data = block.data;
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const own = { ...(data as Record<string, unknown>) };
    for (const [key, why] of Object.entries(FROM_MARKDOWN)) {
      if (!(key in own)) continue;
      report(block.lineOf([key]), atPath(['steps', index, key], why));
      delete own[key];
    }
    data = own;
  }
  const parsed: StepBlock | undefined = validate(StepBlockSchema, data, ['steps', index], reportIssues);
  return parsed === undefined ? undefined : { ...parsed, title: section.title, text: section.text, line: section.line };
}
