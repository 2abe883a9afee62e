/**
 * PATCH bodies applied the way kube-apiserver applies them (k8s.io/apiserver/pkg/endpoints/handlers/patch.go):
 * the entry point of src/sandbox/patch/. What comes after the merge in the real server - decoding
 * into the Go type (dropping unknown fields), defaulting, validation, name checks - is not done here.
 */
import type { KubeObject } from '../api/status.js';
import { jsonMergePatch } from './json-merge-patch.js';
import { jsonPatch } from './json-patch.js';
import { patchMetaFor } from './patch-meta.js';
import { unsupportedPatchType } from './patch-errors.js';
import { strategicMergePatch } from './strategic-merge.js';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
/** Server-side apply: the real server consumes it, so its 415s list it; it is not applied here. */
const APPLY_PATCH = 'application/apply-patch+yaml';

/** The patch types a built-in kind's endpoint consumes (endpoints/installer.go). */
const BUILT_IN_PATCH_TYPES = [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH] as const;
/** A custom resource's endpoint consumes no strategic merge patch (apiextensions-apiserver crdHandler). */
const CUSTOM_RESOURCE_PATCH_TYPES = [JSON_PATCH, MERGE_PATCH, APPLY_PATCH] as const;

/** The patch type of a Content-Type header: like PatchResource, drop parameters such as `; charset=utf-8`. */
function patchTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return semicolon > 0 ? contentType.slice(0, semicolon) : contentType;
}

/** Whether `applyPatch` applies this Content-Type to an object of `kind`. */
export function isSupportedPatchType(contentType: string, kind: string): boolean {
  const type = patchTypeOf(contentType);
  if (type === STRATEGIC_MERGE_PATCH) return patchMetaFor(kind) !== undefined;
  return type === JSON_PATCH || type === MERGE_PATCH;
}

/**
 * Applies a PATCH body (already parsed from JSON) of the given Content-Type to `current`, an object
 * of `kind` (`Scale` for a /scale subresource), and returns the patched object. Pure: neither
 * input is modified, and the result shares nothing with them.
 * Throws the ApiError kube-apiserver answers for a body that does not apply, and 415 for a
 * Content-Type the endpoint does not consume (strategic merge patch of a custom resource included).
 */
export function applyPatch(contentType: string, current: KubeObject, patchBody: unknown, kind: string): KubeObject {
  const type = patchTypeOf(contentType);
  const schema = patchMetaFor(kind);
  const doc = structuredClone(current);
  const patch = structuredClone(patchBody);
  if (type === JSON_PATCH) return jsonPatch(doc, patch);
  if (type === MERGE_PATCH) return jsonMergePatch(doc, patch);
  if (type === STRATEGIC_MERGE_PATCH && schema) return strategicMergePatch(doc, patch, schema);
  throw unsupportedPatchType(schema ? BUILT_IN_PATCH_TYPES : CUSTOM_RESOURCE_PATCH_TYPES);
}
