/**
 * The small path language of `field` checks, close to what `kubectl explain` and JSONPath users
 * write, minus the `{.}` noise:
 *   spec.template.spec.containers[0].image
 *   spec.template.spec.containers[name=nginx].image     (list item whose `name` is `nginx`)
 *   metadata.annotations["deployment.kubernetes.io/revision"]   (keys with dots or slashes)
 */

export type PathSegment =
  | { key: string }
  | { index: number }
  | { where: { key: string; value: string } };

export type ParsedPath = { ok: true; segments: PathSegment[] } | { ok: false; message: string };

const NAME = /^[A-Za-z_$][\w$-]*/;

export function parseFieldPath(text: string): ParsedPath {
  const segments: PathSegment[] = [];
  let rest = text;
  const fail = (why: string): ParsedPath => ({ ok: false, message: `"${text}" is not a field path: ${why}` });
  if (rest === '') return fail('it is empty');
  while (rest !== '') {
    if (rest.startsWith('[')) {
      const close = closingBracket(rest);
      if (close === -1) return fail('a [ is never closed');
      const segment = bracketSegment(rest.slice(1, close).trim());
      if (typeof segment === 'string') return fail(segment);
      segments.push(segment);
      rest = rest.slice(close + 1);
    } else {
      if (segments.length > 0) {
        if (!rest.startsWith('.')) return fail(`expected . or [ before "${rest}"`);
        rest = rest.slice(1);
      }
      const name = NAME.exec(rest);
      if (!name) return fail(`expected a field name at "${rest}"`);
      segments.push({ key: name[0] });
      rest = rest.slice(name[0].length);
    }
  }
  return { ok: true, segments };
}

// The `]` that closes the bracket, skipping any inside a quoted key.
function closingBracket(text: string): number {
  let quote: string | undefined;
  for (let i = 1; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === ']') {
      return i;
    }
  }
  return -1;
}

function bracketSegment(inner: string): PathSegment | string {
  if (/^\d+$/.test(inner)) return { index: Number(inner) };
  const quoted = /^(["'])(.*)\1$/.exec(inner);
  if (quoted) return { key: quoted[2]! };
  const where = /^([\w$-]+)\s*=\s*(.+)$/.exec(inner);
  if (where) return { where: { key: where[1]!, value: unquote(where[2]!.trim()) } };
  return `"[${inner}]" should be [0], [name=value] or ["key"]`;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? quoted[2]! : value;
}

export type PathLookup = { found: true; value: unknown } | { found: false; missing: string };

/** Follows `segments` into a JSON object; `missing` is the path up to the first absent step. */
export function readPath(root: unknown, segments: readonly PathSegment[]): PathLookup {
  let current: unknown = root;
  for (let i = 0; i < segments.length; i += 1) {
    const next = step(current, segments[i]!);
    if (next === undefined) return { found: false, missing: formatPath(segments.slice(0, i + 1)) };
    current = next;
  }
  return { found: true, value: current };
}

function step(current: unknown, segment: PathSegment): unknown {
  if ('index' in segment) return Array.isArray(current) ? current[segment.index] : undefined;
  if ('where' in segment) {
    if (!Array.isArray(current)) return undefined;
    const { key, value } = segment.where;
    return current.find((item: unknown) => isRecord(item) && item[key] !== undefined && String(item[key]) === value);
  }
  return isRecord(current) && !Array.isArray(current) ? current[segment.key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function formatPath(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, i) => {
      if ('index' in segment) return `[${segment.index}]`;
      if ('where' in segment) return `[${segment.where.key}=${segment.where.value}]`;
      if (!/^[A-Za-z_$][\w$-]*$/.test(segment.key)) return `["${segment.key}"]`;
      return i === 0 ? segment.key : `.${segment.key}`;
    })
    .join('');
}

/** The last named field (`image` for `...containers[name=nginx].image`): how messages call it. */
export function fieldLabel(segments: readonly PathSegment[]): string {
  for (let i = segments.length - 1; i >= 0; i -= 1) {
    const segment = segments[i]!;
    if ('key' in segment) return segment.key;
  }
  return formatPath(segments);
}
