/**
 * Label and field selectors in their URL string forms (`app=web,tier!=db,env in (a,b),!canary`),
 * parsed like k8s.io/apimachinery/pkg/labels/selector.go and fields/selector.go.
 */
import { badRequest, type KubeObject } from '../api/status.js';

type Requirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

export type LabelSelector = (labels: Record<string, string> | undefined) => boolean;

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

/** Splits on commas that are not inside `( … )`, as the real lexer does for set-based terms. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

function parseRequirement(term: string, source: string): Requirement {
  let m = /^!\s*(\S+)$/.exec(term);
  if (m) return { key: checkKey(m[1]!, source), op: 'notexists' };
  m = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (m) {
    const values = m[3]!.split(',').map((v) => v.trim()).filter((v) => v !== '');
    return { key: checkKey(m[1]!, source), op: m[2] as 'in' | 'notin', values };
  }
  m = /^([^=!<>\s]+)\s*(==|=|!=|<|>)\s*(\S*)$/.exec(term);
  if (m) {
    const key = checkKey(m[1]!, source);
    const value = m[3]!;
    if (m[2] === '!=') return { key, op: 'notin', values: [value] };
    if (m[2] === '<' || m[2] === '>') {
      const n = Number(value);
      if (!Number.isInteger(n)) throw badRequest(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
      return { key, op: m[2] === '<' ? 'lt' : 'gt', value: n };
    }
    return { key, op: 'in', values: [value] };
  }
  if (/^\S+$/.test(term)) return { key: checkKey(term, source), op: 'exists' };
  throw badRequest(`unable to parse requirement: found '${term}', expected: identifier`);
}

function checkKey(key: string, _source: string): string {
  if (!KEY.test(key) || key.length > 316) {
    throw badRequest(`unable to parse requirement: values[0][${key}]: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  }
  return key;
}

function matches(req: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  switch (req.op) {
    case 'exists':
      return has;
    case 'notexists':
      return !has;
    case 'in':
      return has && req.values.includes(value!);
    case 'notin':
      return !has || !req.values.includes(value!);
    case 'gt':
      return has && Number(value) > req.value;
    case 'lt':
      return has && Number(value) < req.value;
  }
}

export function parseLabelSelector(text: string | undefined | null): LabelSelector {
  if (!text || !text.trim()) return () => true;
  const reqs = splitTerms(text).map((t) => parseRequirement(t, text));
  return (labels) => reqs.every((r) => matches(r, labels ?? {}));
}

/** A `metav1.LabelSelector` object (matchLabels + matchExpressions), as Deployments and Services carry. */
export function labelSelectorFromObject(selector: KubeObject | undefined): LabelSelector {
  if (!selector) return () => false;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries<string>(selector.matchLabels ?? {})) reqs.push({ key, op: 'in', values: [value] });
  for (const expr of selector.matchExpressions ?? []) {
    const op = String(expr.operator).toLowerCase();
    if (op === 'in' || op === 'notin') reqs.push({ key: expr.key, op, values: expr.values ?? [] });
    else if (op === 'exists') reqs.push({ key: expr.key, op: 'exists' });
    else if (op === 'doesnotexist') reqs.push({ key: expr.key, op: 'notexists' });
  }
  // An empty LabelSelector matches everything; a nil one nothing (metav1.LabelSelectorAsSelector).
  return (labels) => reqs.every((r) => matches(r, labels ?? {}));
}

/** A Service's plain `spec.selector` map. */
export function labelSelectorFromMap(selector: Record<string, string> | undefined): LabelSelector {
  if (!selector || Object.keys(selector).length === 0) return () => false;
  return labelSelectorFromObject({ matchLabels: selector });
}

export type FieldSelector = (object: KubeObject) => boolean;

function fieldValue(object: KubeObject, path: string): string {
  let node: unknown = object;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return '';
    node = (node as Record<string, unknown>)[part];
  }
  if (node === undefined || node === null) return '';
  return String(node);
}

/** Field selectors support `=`, `==` and `!=` on dotted paths (fields/selector.go). */
export function parseFieldSelector(text: string | undefined | null): FieldSelector {
  if (!text || !text.trim()) return () => true;
  const terms = text.split(',').map((term) => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term.trim());
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    return { path: m[1]!.trim(), negate: m[2] === '!=', value: m[3]!.trim() };
  });
  return (object) => terms.every((t) => (fieldValue(object, t.path) === t.value) !== t.negate);
}
