/**
 * Parses one YAML fragment of a lesson file and maps data paths back to lines of the ORIGINAL
 * Markdown file, via the yaml library's node ranges and a LineCounter.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { MarkdownProblem, YamlFragment } from './markdown.js';

export interface ParsedYaml {
  data: unknown;
  /** Syntax errors, already on file lines. */
  errors: MarkdownProblem[];
  /**
   * The file line of the node at `path` (`['checks', 0, 'equals']`): the line of its key when it
   * sits in a mapping, of its item in a list; for a path that does not exist, the line of its
   * deepest existing parent.
   */
  lineOf(path: readonly PropertyKey[]): number;
}

export function parseYamlFragment(fragment: YamlFragment): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(fragment.text, { lineCounter, keepSourceTokens: true });
  const lineAt = (offset: number): number => fragment.firstLine - 1 + Math.max(1, lineCounter.linePos(offset).line);
  const errors = doc.errors.map((error) => ({
    line: lineAt(error.pos[0]),
    message: `YAML: ${firstLine(error.message)}`,
  }));

  const lineOf = (path: readonly PropertyKey[]): number => {
    let node: unknown = doc.contents;
    let line = startOf(node) === undefined ? fragment.firstLine : lineAt(startOf(node)!);
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
        if (pair === undefined) return line;
        line = lineAt(startOf(pair.key) ?? 0);
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
        node = node.items[key];
        line = lineAt(startOf(node) ?? 0);
      } else {
        return line;
      }
    }
    return line;
  };

  if (errors.length > 0) return { data: undefined, errors, lineOf };
  const converted = toPlainData(doc, fragment.firstLine);
  return { data: converted.data, errors: converted.errors, lineOf };
}

// The yaml library's own default (100), written out: an alias bomb (`b: [*a, *a, …]` nested a few
// levels) would otherwise expand into gigabytes. Lesson files never need more (issue #7).
export const MAX_ALIAS_COUNT = 100;

/**
 * `doc.toJS()` throws on an alias bomb ("Excessive alias count") and on other documents it cannot
 * turn into data; every such problem becomes a diagnostic on the fragment's first line.
 */
export function toPlainData(doc: { toJS(options: { maxAliasCount: number }): unknown }, line: number): { data: unknown; errors: MarkdownProblem[] } {
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), errors: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = /alias/i.test(message)
      ? `YAML: too many aliases (more than ${MAX_ALIAS_COUNT} uses of an anchor): lesson files do not need them`
      : `YAML: ${firstLine(message)}`;
    return { data: undefined, errors: [{ line, message: reason }] };
  }
}

function startOf(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

// The library appends " at line 3, column 1:" and a code excerpt; the lint line says where.
function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
