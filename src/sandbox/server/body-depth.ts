/**
 * The nesting bound on decoded request bodies. Go's encoding/json (and sigs.k8s.io/json, which
 * kube-apiserver decodes with) refuses documents nested deeper than 10,000 levels with
 * `invalid character '[' exceeded max depth`. The sandbox's admission, patching and serializing are
 * recursive JavaScript, whose stack ends well before that, so it refuses at a lower depth with the
 * same words, before any recursive code sees the body (issue #7; docs/decisions.md "Sandbox: body depth").
 */
import { badRequest, type ApiError } from '../api/status.js';

/** Levels of objects and lists a body may nest; real manifests stay under 30. */
export const MAX_BODY_DEPTH = 1000;

/**
 * The opening character of the first container found deeper than `max`, or undefined when the
 * value nests no deeper. Iterative, so any depth is safe to measure.
 */
export function tooDeep(value: unknown, max = MAX_BODY_DEPTH): '[' | '{' | undefined {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > max) return Array.isArray(item) ? '[' : '{';
    const children = Array.isArray(item) ? item : Object.values(item);
    for (const child of children) if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
  }
  return undefined;
}

/** Throws the 400 for a body nested too deeply; `prefix` is the decoder's context for the message. */
export function checkBodyDepth(value: unknown, prefix: string): void {
  const opening = tooDeep(value);
  if (opening) throw depthError(prefix, opening);
}

function depthError(prefix: string, opening: string): ApiError {
  return badRequest(`${prefix}invalid character '${opening}' exceeded max depth`);
}
