/**
 * JSON merge patch (RFC 7386, `application/merge-patch+json`) as kube-apiserver applies it:
 * jsonPatcher.applyJSPatch (k8s.io/apiserver/pkg/endpoints/handlers/patch.go) first decodes the body
 * strictly into a map - fieldValidation defaults to Warn - then gopkg.in/evanphx/json-patch.v4
 * MergePatch merges it (merge.go: mergeDocs, merge, pruneNulls), which this ports.
 */
import { badRequest } from '../api/status.js';
import { undecodablePatch } from './patch-errors.js';
import { type JsonMap, isMap, setMember } from './json-value.js';

/** Merges `patch` into `doc` (both consumed: pass copies). */
export function jsonMergePatch(doc: JsonMap, patch: unknown): JsonMap {
  // null decodes into a nil map, which MergePatch then refuses as ErrBadJSONPatch.
  if (patch === null) throw badRequest('Invalid JSON Patch');
  if (!isMap(patch)) throw undecodablePatch(patch, 'Go value of type map[string]interface {}', 'error decoding patch: ');
  mergeDocs(doc, patch);
  return doc;
}

/** null deletes a key; a key the document lacks (or holds null) takes the patch value, its nulls pruned. */
function mergeDocs(doc: JsonMap, patch: JsonMap): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete doc[key];
    else if (!Object.hasOwn(doc, key) || doc[key] === null) setMember(doc, key, pruneNulls(value));
    else setMember(doc, key, merge(doc[key], value));
  }
}

/**
 * Objects merge recursively; anything else is replaced. evanphx prunes the nulls of the new value
 * only when the current one is not an object: a list replacing an object keeps its nulls.
 */
function merge(current: unknown, patch: unknown): unknown {
  if (!isMap(current)) return pruneNulls(patch);
  if (!isMap(patch)) return patch;
  mergeDocs(current, patch);
  return current;
}

/** pruneNulls: drops null object members at any depth; null list elements stay. */
function pruneNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (const element of value) if (element !== null) pruneNulls(element);
  } else if (isMap(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (child === null) delete value[key];
      else pruneNulls(child);
    }
  }
  return value;
}
