/**
 * How strategic merge patch merges lists: ported from mergeSliceHandler, mergeSlice,
 * mergeSliceWithSpecialElements and mergeSliceWithoutSpecialElements in
 * k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (v0.32).
 */
import type { JsonMap } from './json-value.js';
import { strategyOf, type FieldMeta, type StructMeta } from './patch-meta.js';
import { errBadPatchType, errNoMergeKey, smpFailure } from './patch-errors.js';
import {
  DELETE_DIRECTIVE,
  DIRECTIVE_MARKER,
  deduplicateScalars,
  deleteFromSlice,
  findByMergeKey,
  normalizeElementOrder,
  partitionByPresence,
  sliceElementKind,
} from './strategic-merge-order.js';

/** Merges two maps of list elements (strategic-merge.ts mergeMap, passed in to keep imports one-way). */
export type MergeMap = (original: JsonMap, patch: JsonMap, schema: StructMeta | undefined) => JsonMap;

/**
 * Lists tagged `merge` (and `$deleteFromPrimitiveList` lists) merge; all others are replaced.
 * `serverOrder`, when given, is a copy of `original` that receives the in-place edits Go's merge
 * makes to the original list's array (see GoSlice).
 */
export function mergeSliceHandler(
  original: unknown[],
  patch: unknown[],
  meta: FieldMeta,
  isDeleteList: boolean,
  mergeMap: MergeMap,
  serverOrder?: unknown[],
): unknown[] {
  if (strategyOf(meta) !== 'merge' && !isDeleteList) return patch;
  const mergeKey = meta.mergeKey ?? '';
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: unknown[];
  let remaining = original;
  let plainPatch = patch;
  if (kind === 'scalar') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    // Go names the element type's kind here; every mergeable list of maps holds structs.
    if (mergeKey === '') throw smpFailure('cannot merge lists without merge key for struct');
    const list = new GoSlice(original, serverOrder);
    plainPatch = applySpecialElements(list, patch, mergeKey);
    remaining = [...list.items];
    for (const element of plainPatch as JsonMap[]) mergeElement(list, element, mergeKey, meta.of, mergeMap);
    merged = list.items;
  }
  const [patchItems, serverOnly] = partitionByPresence(merged, plainPatch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, plainPatch, remaining, mergeKey, kind);
}

/**
 * A Go slice over the original list. Deleting shifts the rest of its array left in place (the last
 * slot keeps its old element) and appending reuses the freed slots - and a caller still holding
 * the original slice header sees all of it, in `view`.
 */
class GoSlice {
  items: unknown[];

  constructor(
    items: readonly unknown[],
    private view?: unknown[],
  ) {
    this.items = [...items];
  }

  removeAt(position: number): void {
    this.view?.copyWithin(position, position + 1, this.items.length);
    this.items.splice(position, 1);
  }

  append(element: unknown): void {
    if (this.view && this.items.length < this.view.length) this.view[this.items.length] = element;
    this.items.push(element);
  }

  /** The list is now another array: edits no longer show through the original header. */
  replaceWith(items: unknown[]): void {
    this.items = items;
    this.view = undefined;
  }
}

/**
 * mergeSliceWithSpecialElements: `$patch: delete` removes every element with that merge key,
 * `$patch: replace` makes the other patch elements the whole list, `merge` is refused.
 * Returns the patch elements left to merge.
 */
function applySpecialElements(list: GoSlice, patch: unknown[], mergeKey: string): unknown[] {
  const plain: unknown[] = [];
  let replace = false;
  for (const element of patch as JsonMap[]) {
    if (!Object.hasOwn(element, DIRECTIVE_MARKER)) {
      plain.push(element);
      continue;
    }
    const directive = element[DIRECTIVE_MARKER];
    if (directive === DELETE_DIRECTIVE) {
      if (!Object.hasOwn(element, mergeKey)) throw errNoMergeKey(element, mergeKey);
      let at: number;
      while ((at = findByMergeKey(list.items, mergeKey, element[mergeKey])) >= 0) list.removeAt(at);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw smpFailure('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, element);
    }
  }
  if (!replace) return plain;
  list.replaceWith(plain);
  return [];
}

/** mergeSliceWithoutSpecialElements, one element: merged into the element with its merge key, or appended. */
function mergeElement(list: GoSlice, element: JsonMap, mergeKey: string, schema: StructMeta | undefined, mergeMap: MergeMap): void {
  if (!Object.hasOwn(element, mergeKey)) throw errNoMergeKey(element, mergeKey);
  const position = findByMergeKey(list.items, mergeKey, element[mergeKey]);
  if (position >= 0) list.items[position] = mergeMap(list.items[position] as JsonMap, element, schema);
  else list.append(element);
}
