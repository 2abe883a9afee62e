/**
 * zod plumbing shared by the check and lesson schemas, for error messages a workshop author can
 * act on: "expected a string", "required", "unknown key, did you mean "command"?" instead of
 * zod's "Invalid input". Messages never repeat the path: the lint prefixes it.
 */
import * as z from 'zod';
import { typoDistance } from '../commands/typo-distance.js';

type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  null: 'null',
};

/** The parse-level error map: a message for every issue that its schema did not word itself. */
export function issueMessage(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      // The classic YAML trap: `- Set it to image: nginx` is a mapping, not a sentence.
      if (issue.expected === 'string' && isMapping(issue.input)) return 'expected a string (quote text that contains ": ")';
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return sizeMessage('at least', issue.origin, issue.minimum, issue.inclusive);
    case 'too_big':
      return sizeMessage('at most', issue.origin, issue.maximum, issue.inclusive);
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? 'unknown key' : `unknown keys: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    case 'invalid_key':
      return issue.issues[0]?.message ?? 'is not a valid key';
    default:
      return 'is not valid';
  }
}

function sizeMessage(bound: string, origin: string, limit: number | bigint, inclusive = true): string {
  const n = Number(limit) + (inclusive ? 0 : bound === 'at least' ? 1 : -1);
  if (origin === 'array') return n === 1 ? `expected ${bound} one item` : `expected ${bound} ${n} items`;
  if (origin === 'string') return n === 1 && bound === 'at least' ? 'must not be empty' : `expected ${bound} ${n} characters`;
  return `expected ${bound} ${n}`;
}

/** Options for every `safeParse` of lesson data, so nested parses word issues the same way. */
export const PARSE_PARAMS = { error: issueMessage, reportInput: true } as const;

/** The closest of `candidates` to `word` when it looks like a typo of it (≤ 2 edits). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = typoDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function unknownKeys(keys: readonly string[], known: readonly string[]): string {
  if (keys.length > 1) return `unknown keys: ${keys.join(', ')} (allowed: ${known.join(', ')})`;
  const guess = closest(keys[0] ?? '', known);
  return guess === undefined ? `unknown key (allowed: ${known.join(', ')})` : `unknown key, did you mean "${guess}"?`;
}

/** `z.strictObject` whose unknown keys get "did you mean" / "allowed:" messages. */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeys(issue.keys, known) : undefined),
  });
}

/** Why `oneOf` found no schema for an input, and where (relative to the input) to say so. */
export interface Refusal {
  refuse: string;
  path?: PropertyKey[];
}

/**
 * A union that picks its member by looking at the input (a check's kind key, string vs mapping)
 * and then reports that member's issues only: zod's own union reports every member's issues,
 * which for nine check kinds is noise.
 */
export function oneOf<S extends z.ZodType>(choose: (input: unknown) => S | Refusal) {
  return z.unknown().transform((input, ctx): z.output<S> => {
    const chosen = choose(input);
    if ('refuse' in chosen) {
      ctx.issues.push({ code: 'custom', message: chosen.refuse, input, path: chosen.path ?? [] });
      return z.NEVER;
    }
    const result = chosen.safeParse(input, PARSE_PARAMS);
    if (result.success) return result.data as z.output<S>;
    // Already worded, and relative to this input: zod prefixes the outer path.
    for (const issue of result.error.issues) ctx.issues.push(issue as unknown as RawIssue);
    return z.NEVER;
  });
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Drops "X: required" when the same mapping has an unknown key that is a typo of X: the
 * "did you mean X?" on the typo already says everything.
 */
export function tidyIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const typos = issues.filter((issue) => issue.code === 'unrecognized_keys');
  return issues.filter((issue) => {
    if (issue.code !== 'invalid_type' || issue.input !== undefined || issue.path.length === 0) return true;
    const parent = issue.path.slice(0, -1).join('\0');
    const missing = String(issue.path.at(-1));
    return !typos.some(
      (typo) => typo.path.join('\0') === parent && typo.code === 'unrecognized_keys' && typo.keys.some((key) => closest(key, [missing]) !== undefined),
    );
  });
}
