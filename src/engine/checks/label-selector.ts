/**
 * Label selectors as the API defines them (metav1.LabelSelector), matched the way the apiserver
 * does: every `matchLabels` pair and every `matchExpressions` requirement must hold, and an empty
 * selector matches everything. Also parses kubectl's `-l` syntax (`app=web,tier!=db,env in (a,b)`)
 * so lessons can write selectors the way learners type them.
 */

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: SelectorRequirement[];
}

export type Labels = Record<string, string> | undefined;

/** Does an object with `labels` match `selector`? (k8s.io/apimachinery labels.Selector semantics) */
export function matchesSelector(labels: Labels, selector: LabelSelector): boolean {
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (have[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((requirement) => meets(have, requirement));
}

function meets(labels: Record<string, string>, { key, operator, values = [] }: SelectorRequirement): boolean {
  const present = Object.hasOwn(labels, key);
  switch (operator) {
    case 'In':
      return present && values.includes(labels[key]!);
    case 'NotIn':
      // An absent label is "not in" any set, as in the apiserver.
      return !present || !values.includes(labels[key]!);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
  }
}

export type ParsedSelector = { ok: true; selector: LabelSelector } | { ok: false; message: string };

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

/** Parses kubectl's `-l` syntax into a LabelSelector. */
export function parseSelector(text: string): ParsedSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: SelectorRequirement[] = [];
  const parts = splitRequirements(text);
  if (parts.length === 0) return { ok: false, message: 'empty label selector' };
  for (const part of parts) {
    const requirement = parseRequirement(part);
    if (typeof requirement === 'string') return { ok: false, message: requirement };
    if (requirement.operator === 'In' && requirement.values?.length === 1 && /=/.test(part) && !(requirement.key in matchLabels)) {
      matchLabels[requirement.key] = requirement.values[0]!;
    } else {
      matchExpressions.push(requirement);
    }
  }
  const selector: LabelSelector = {};
  if (Object.keys(matchLabels).length > 0) selector.matchLabels = matchLabels;
  if (matchExpressions.length > 0) selector.matchExpressions = matchExpressions;
  return { ok: true, selector };
}

// Commas separate requirements, except inside `in (a,b)`.
function splitRequirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim() !== '' || parts.length > 0) parts.push(current.trim());
  return parts;
}

function parseRequirement(part: string): SelectorRequirement | string {
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
  if (set) {
    const values = set[3]!.split(',').map((value) => value.trim());
    return checked(set[1]!, set[2] === 'in' ? 'In' : 'NotIn', values, part);
  }
  const equality = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
  if (equality) return checked(equality[1]!, equality[2] === '!=' ? 'NotIn' : 'In', [equality[3]!], part);
  if (part.startsWith('!')) return checked(part.slice(1).trim(), 'DoesNotExist', undefined, part);
  return checked(part, 'Exists', undefined, part);
}

function checked(key: string, operator: SelectorOperator, values: string[] | undefined, part: string): SelectorRequirement | string {
  if (!KEY.test(key)) return `"${part}" is not a label selector requirement (want key=value, key!=value, key in (a,b), key or !key)`;
  const bad = values?.find((value) => !VALUE.test(value));
  if (bad !== undefined) return `"${bad}" is not a valid label value`;
  return values === undefined ? { key, operator } : { key, operator, values };
}

/** `app=web,tier!=db`: a selector written back in kubectl's syntax, for messages. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    if (operator === 'Exists') parts.push(key);
    else if (operator === 'DoesNotExist') parts.push(`!${key}`);
    else if (operator === 'NotIn' && values.length === 1) parts.push(`${key}!=${values[0]}`);
    else parts.push(`${key} ${operator === 'In' ? 'in' : 'notin'} (${values.join(',')})`);
  }
  return parts.join(',');
}
