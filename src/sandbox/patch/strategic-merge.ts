/**
 * Strategic merge patch (`application/strategic-merge-patch+json`) as kube-apiserver applies it:
 * a port of StrategicMergeMapPatchUsingLookupPatchMeta from
 * k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (v0.32) with the server's merge options
 * (MergeParallelList and IgnoreUnmatchedNulls on). Like the Go code it works in place, on copies.
 * See https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md
 */
import { goValue } from './go-format.js';
import { fieldMeta, strategyOf, type StructMeta } from './patch-meta.js';
import { mergeSliceHandler } from './strategic-merge-list.js';
import {
  errBadArgType,
  errBadPatchFormatForPrimitiveList,
  errBadPatchFormatForRetainKeys,
  errBadPatchFormatForSetElementOrderList,
  errBadPatchType,
  errNoMergeKey,
  smpFailure,
  undecodablePatch,
} from './patch-errors.js';
import { type JsonMap, isMap } from './json-value.js';
import {
  DELETE_DIRECTIVE,
  DIRECTIVE_MARKER,
  assertHashable,
  extractToDeleteItems,
  goEquals,
  normalizeElementOrder,
  partitionByPresence,
  sliceElementKind,
} from './strategic-merge-order.js';

const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

/**
 * Applies `patch` to `original` (both consumed: pass copies) using the patch meta of its kind.
 * The body must decode into a map (strategicPatchObject); a null body decodes into a nil map, a no-op.
 */
export function strategicMergePatch(original: JsonMap, patch: unknown, schema: StructMeta): JsonMap {
  if (patch === null) return original;
  if (!isMap(patch)) throw undecodablePatch(patch, 'Go value of type map[string]interface {}');
  return mergeMap(original, patch, schema);
}

function mergeMap(target: JsonMap, patch: JsonMap, schema: StructMeta | undefined): JsonMap {
  if (Object.hasOwn(patch, DIRECTIVE_MARKER)) return handleDirectiveInMergeMap(patch[DIRECTIVE_MARKER], patch);
  applyRetainKeysDirective(target, patch);
  mergePatchIntoOriginal(target, patch, schema);

  for (const [patchKey, patchValue] of Object.entries(patch)) {
    // Go has no such magic key; in JS, assigning it would swap the object's prototype.
    if (patchKey === '__proto__') continue;
    const isDeleteList = patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX);
    // Go keeps the prefixed key when nothing follows the slash.
    const key = (isDeleteList && extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST_PREFIX)) || patchKey;

    if (patchValue === null) {
      delete target[key];
      continue;
    }
    if (!Object.hasOwn(target, key) || !sameGoType(target[key], patchValue)) {
      // Not in the original, or of another type: the patch value replaces it (delete lists are dropped).
      if (!isDeleteList) setWithoutDirectives(target, key, discardNullValues(patchValue));
      continue;
    }
    const meta = fieldMeta(schema, key);
    const current = target[key];
    if (isMap(current)) {
      target[key] = strategyOf(meta) === 'replace' ? patchValue : mergeMap(current, patchValue as JsonMap, meta.of);
    } else if (Array.isArray(current)) {
      target[key] = mergeSliceHandler(current, patchValue as unknown[], meta, isDeleteList, mergeMap);
    } else {
      setWithoutDirectives(target, key, patchValue);
    }
  }
  return target;
}

/** reflect.TypeOf(a) == reflect.TypeOf(b), for decoded JSON. */
function sameGoType(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b);
  if (typeof a === 'number' && typeof b === 'number') return Number.isInteger(a) === Number.isInteger(b);
  return typeof a === typeof b && (a === null) === (b === null);
}

/** `$patch` in a map: `replace` takes the patch as is, `delete` empties the map; nothing else is allowed. */
function handleDirectiveInMergeMap(directive: unknown, patch: JsonMap): JsonMap {
  if (directive === 'replace') {
    delete patch[DIRECTIVE_MARKER];
    return patch;
  }
  if (directive === DELETE_DIRECTIVE) return {};
  throw errBadPatchType(directive, patch);
}

/**
 * `$retainKeys: [...]` (fields tagged retainKeys, e.g. a Deployment's strategy or a volume source):
 * every key of the original not listed is cleared, and the patch may only set listed keys.
 */
function applyRetainKeysDirective(original: JsonMap, patch: JsonMap): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retainKeys = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(retainKeys)) throw errBadPatchFormatForRetainKeys();
  assertHashable(retainKeys);
  const retained = new Set(retainKeys);
  for (const [key, value] of Object.entries(patch)) {
    const isDirective =
      key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || key.startsWith(SET_ELEMENT_ORDER_PREFIX);
    if (value !== null && !isDirective && !retained.has(key)) throw errBadPatchFormatForRetainKeys();
  }
  for (const key of Object.keys(original)) {
    if (!retained.has(key)) delete original[key];
  }
}

/**
 * `$setElementOrder/<list>`: merges that list now, then orders it as the directive says; items the
 * directive does not name (server-only ones) keep their place relative to the live list.
 */
function mergePatchIntoOriginal(original: JsonMap, patch: JsonMap, schema: StructMeta | undefined): void {
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const setElementOrder = patch[directiveKey];
    delete patch[directiveKey];
    if (!Array.isArray(setElementOrder)) throw errBadArgType('[]interface {}', setElementOrder);
    const key = extractKey(directiveKey, SET_ELEMENT_ORDER_PREFIX);

    const foundOriginal = Object.hasOwn(original, key);
    const foundPatch = Object.hasOwn(patch, key);
    const originalList = foundOriginal ? asList(original[key]) : [];
    const patchList = foundPatch ? asList(patch[key]) : [];
    const meta = fieldMeta(schema, key);
    const mergeKey = meta.mergeKey ?? '';
    validatePatchWithSetOrderList(patchList, setElementOrder, mergeKey);

    let merged: unknown[];
    // Go's merge deletes and appends in place in the original list's array, and the order below
    // is taken from what the original list's slice header then sees.
    const serverOrder = [...originalList];
    if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, meta, false, mergeMap, serverOrder);
    else if (foundPatch) merged = removeDirectives(patchList) as unknown[];
    else if (foundOriginal) merged = originalList;
    else continue;

    const [patchItems, serverOnly] = partitionByPresence(merged, setElementOrder, mergeKey);
    const kind = sliceElementKind(serverOrder, patchList);
    original[key] = normalizeElementOrder(patchItems, serverOnly, setElementOrder, serverOrder, mergeKey, kind);
    delete patch[key];
  }
}

function asList(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw errBadArgType('[]interface {}', value);
  return value;
}

/**
 * validatePatchWithSetOrderList: the patch list (deletions and directives aside) must be a
 * subsequence of the `$setElementOrder` list.
 */
function validatePatchWithSetOrderList(patchList: unknown[], setOrderList: unknown[], mergeKey: string): void {
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const items = mergeKey === '' ? patchList : extractToDeleteItems(patchList)[0];
  let patchIndex = 0;
  let orderIndex = 0;
  while (patchIndex < items.length && orderIndex < setOrderList.length) {
    const item = items[patchIndex];
    if (isMap(item) && Object.hasOwn(item, DIRECTIVE_MARKER)) {
      patchIndex++;
      continue;
    }
    if (mergeKeyValueEqual(item, setOrderList[orderIndex], mergeKey)) patchIndex++;
    orderIndex++;
  }
  if (patchIndex < items.length && orderIndex >= setOrderList.length) {
    throw smpFailure(
      `The order in patch list:\n${goValue(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goValue(setOrderList)}\n`,
    );
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (mergeKey === '') return goEquals(left, right);
  if (!isMap(left)) throw errBadArgType('map[string]interface {}', left);
  if (!isMap(right)) throw errBadArgType('map[string]interface {}', right);
  if (!Object.hasOwn(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!Object.hasOwn(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return goEquals(left[mergeKey], right[mergeKey]);
}

/** extractKey: `$setElementOrder/containers` -> `containers`. */
function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw prefix === SET_ELEMENT_ORDER_PREFIX ? errBadPatchFormatForSetElementOrderList() : errBadPatchFormatForPrimitiveList();
  }
  return key.slice(slash + 1);
}

/** removeDirectives: drops every map carrying `$patch` (and list items that are such maps). */
function removeDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => !hasDirective(item)).map(removeDirectives);
  if (isMap(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (hasDirective(child)) delete value[key];
      else value[key] = removeDirectives(child);
    }
  }
  return value;
}

function hasDirective(value: unknown): boolean {
  return isMap(value) && Object.hasOwn(value, DIRECTIVE_MARKER);
}

/** `original[key] = removeDirectives(value)`, or no key at all when the value itself is a directive. */
function setWithoutDirectives(target: JsonMap, key: string, value: unknown): void {
  if (hasDirective(value)) delete target[key];
  else target[key] = removeDirectives(value);
}

/** discardNullValuesFromPatch: a null in a value the original lacks deletes nothing, so it is dropped. */
function discardNullValues(value: unknown): unknown {
  if (Array.isArray(value)) value.forEach(discardNullValues);
  else if (isMap(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (child === null) delete value[key];
      else discardNullValues(child);
    }
  }
  return value;
}
