/**
 * Cuts a lesson file into its parts without a Markdown library: YAML front matter, the intro
 * prose, and one section per `## ` heading, each holding prose and one ```yaml step block.
 * Only what the format needs is recognised (front matter, `##` headings, fenced blocks, so that
 * a `## ` or a step fence inside another code block stays text, and lines holding only an HTML
 * comment, which are author notes and left out of the text); line numbers are kept so lint can
 * point at the original file.
 */

export interface YamlFragment {
  text: string;
  /** 1-based line of the fragment's first line in the lesson file. */
  firstLine: number;
}

export interface StepSection {
  title: string;
  /** Line of the `## ` heading. */
  line: number;
  /** The section's Markdown with the step block taken out. */
  text: string;
  block?: YamlFragment;
}

export interface MarkdownProblem {
  line: number;
  message: string;
}

export interface LessonMarkdown {
  frontMatter?: YamlFragment;
  intro: string;
  sections: StepSection[];
  problems: MarkdownProblem[];
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const COMMENT_START = /^ {0,3}<!--/;
/** A comment that ends the line it closes on (nothing after `-->`). */
const COMMENT_LINE = /-->[ \t]*$/;
const STEP_HEADING = /^##(?:[ \t]+(.*?))?[ \t]*$/;

interface OpenFence {
  marker: string;
  line: number;
  /** Collects YAML when this is a step block; undefined for ordinary code blocks. */
  yaml?: string[];
}

export function splitLessonMarkdown(source: string): LessonMarkdown {
  const lines = source.split(/\r?\n/);
  const result: LessonMarkdown = { intro: '', sections: [], problems: [] };
  const problem = (line: number, message: string): void => void result.problems.push({ line, message });

  const bodyStart = readFrontMatter(lines, result, problem);
  const introLines: string[] = [];
  let section: (StepSection & { lines: string[] }) | undefined;
  let fence: OpenFence | undefined;
  // Inside an author's note `<!-- ... -->` that spans lines.
  let inComment = false;
  const text = (line: string): void => void (section?.lines ?? introLines).push(line);

  for (let i = bodyStart; i < lines.length; i += 1) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (fence !== undefined) {
      if (closesFence(line, fence.marker)) {
        if (fence.yaml !== undefined) addBlock(section, { text: fence.yaml.join('\n'), firstLine: fence.line + 1 }, fence.line, problem);
        else text(line);
        fence = undefined;
      } else if (fence.yaml !== undefined) {
        fence.yaml.push(line);
      } else {
        text(line);
      }
      continue;
    }
    // Author notes (`<!-- fact: [deploy §Max Surge] -->`, COURSE-FACTS.md's citation habit) are for
    // reviewers: a line that is only a comment never reaches the learner's pane.
    if (inComment || COMMENT_START.test(line)) {
      inComment = !line.includes('-->');
      if (!inComment && !COMMENT_LINE.test(line)) text(line.slice(line.indexOf('-->') + 3));
      continue;
    }
    const opening = FENCE_OPEN.exec(line);
    if (opening) {
      const isStep = /^yaml\s+step\b/.test(opening[2]!.trim());
      fence = { marker: opening[1]!, line: lineNo, ...(isStep ? { yaml: [] } : {}) };
      if (!isStep) text(line);
      else if (section === undefined) problem(lineNo, 'a yaml step block must follow a "## " step heading');
      continue;
    }
    const heading = STEP_HEADING.exec(line);
    if (heading) {
      if (section !== undefined) result.sections.push(finish(section));
      // A closing run of #s is decoration (`## Title ##`), as in CommonMark.
      const title = (heading[1] ?? '').replace(/(^|[ \t]+)#+$/, '').trim();
      section = { title, line: lineNo, text: '', lines: [] };
      if (section.title === '') problem(lineNo, 'a step heading needs a title');
      continue;
    }
    text(line);
  }
  if (fence?.yaml !== undefined) problem(fence.line, 'this yaml step block is never closed');
  if (section !== undefined) result.sections.push(finish(section));
  result.intro = trimBlankLines(introLines);
  for (const step of result.sections) {
    if (step.block === undefined) problem(step.line, `step "${step.title}" has no \`\`\`yaml step block`);
  }
  return result;
}

/** Reads `---` ... `---` at the top; returns the index of the first body line. */
function readFrontMatter(lines: string[], result: LessonMarkdown, problem: (line: number, message: string) => void): number {
  if (lines[0]?.trimEnd() !== '---') {
    problem(1, 'a lesson starts with YAML front matter between two --- lines');
    return 0;
  }
  const end = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'));
  if (end === -1) {
    problem(1, 'the front matter is never closed: end it with a --- line');
    return lines.length;
  }
  result.frontMatter = { text: lines.slice(1, end).join('\n'), firstLine: 2 };
  return end + 1;
}

function closesFence(line: string, marker: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return match !== null && match[1]![0] === marker[0] && match[1]!.length >= marker.length;
}

function addBlock(
  section: StepSection | undefined,
  block: YamlFragment,
  fenceLine: number,
  problem: (line: number, message: string) => void,
): void {
  if (section === undefined) return; // already reported where the block opened
  if (section.block !== undefined) {
    problem(fenceLine, `step "${section.title}" already has a yaml step block: start a new "## " section for another step`);
    return;
  }
  section.block = block;
}

function finish(section: StepSection & { lines: string[] }): StepSection {
  const { lines, ...rest } = section;
  return { ...rest, text: trimBlankLines(lines) };
}

function trimBlankLines(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start += 1;
  while (end > start && lines[end - 1]!.trim() === '') end -= 1;
  return lines.slice(start, end).join('\n');
}
