/**
 * The list bookkeeping of strategic merge patch: element kinds, lookups by merge key, and the
 * ordering rules of merged lists. Ported from k8s.io/apimachinery/pkg/util/strategicpatch/patch.go
 * (normalizeElementOrder, mergeSortedSlice, index, partition*, deduplicateScalars, deleteFromSlice);
 * see https://git.k8s.io/design-proposals-archive/cli/preserve-order-in-strategic-merge-patch.md
 */
import { goTypeName, goValue } from './go-format.js';
import { sliceStable } from './go-sort.js';
import { isMap } from './json-value.js';
import {
  errBadArgType,
  errNoListOfLists,
  errNoMergeKey,
  handlerPanicked,
  smpFailure,
} from './patch-errors.js';

/** What decides how list elements merge: maps by merge key, anything else as scalars. */
export type ElementKind = 'map' | 'scalar';

export const DIRECTIVE_MARKER = '$patch';
export const DELETE_DIRECTIVE = 'delete';

/** Go's `==` on two interface{} values: false across types, a runtime panic for two maps or two slices. */
export function goEquals(a: unknown, b: unknown): boolean {
  const type = goTypeName(a);
  if (type !== goTypeName(b)) return false;
  if (type === 'map[string]interface {}' || type === '[]interface {}') throw handlerPanicked();
  return a === b;
}

/** A Go map keyed by interface{} panics on a map or slice key ("hash of unhashable type"). */
export function assertHashable(values: readonly unknown[]): void {
  if (values.some((value) => typeof value === 'object' && value !== null)) throw handlerPanicked();
}

/** sliceElementType: every element of every list must have the same Go type, and not be a list. */
export function sliceElementKind(...lists: unknown[][]): ElementKind {
  let previous: string | undefined;
  for (const list of lists) {
    for (const element of list) {
      const type = goTypeName(element);
      if (previous === undefined) {
        // Go calls Kind() on reflect.TypeOf(nil) here: a nil-pointer panic.
        if (type === undefined) throw handlerPanicked();
        if (Array.isArray(element)) throw errNoListOfLists();
        previous = type;
      } else if (type !== previous) {
        throw smpFailure(`list element types are not identical: ${goValue(lists)}`);
      }
    }
  }
  if (previous === undefined) throw smpFailure('no elements in any of the given slices');
  return previous === 'map[string]interface {}' ? 'map' : 'scalar';
}

/** The identity of an element: its merge key value for maps (nil when absent), itself otherwise. */
function identity(element: unknown, mergeKey: string, kind: ElementKind): unknown {
  if (kind === 'scalar') return element;
  return isMap(element) ? (element[mergeKey] ?? null) : null;
}

/** index: the position of `element` in `list`, compared by identity, or -1. */
function indexOf(list: readonly unknown[], element: unknown, mergeKey: string, kind: ElementKind): number {
  const wanted = identity(element, mergeKey, kind);
  return list.findIndex((item) => goEquals(identity(item, mergeKey, kind), wanted));
}

/** findMapInSliceBasedOnKeyValue: the first map whose merge key holds `value`. */
export function findByMergeKey(list: readonly unknown[], mergeKey: string, value: unknown): number {
  for (const [position, element] of list.entries()) {
    if (!isMap(element)) throw smpFailure(`value for key ${position} is not a map`);
    if (Object.hasOwn(element, mergeKey) && goEquals(element[mergeKey], value)) return position;
  }
  return -1;
}

/** partitionPrimitivesByPresentInList / partitionMapsByPresentInList: [in `by`, not in `by`]. */
export function partitionByPresence(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const present: unknown[] = [];
  const absent: unknown[] = [];
  if (mergeKey === '') {
    assertHashable(by);
    assertHashable(list);
    const members = new Set(by);
    for (const element of list) (members.has(element) ? present : absent).push(element);
    return [present, absent];
  }
  for (const element of list) {
    if (!isMap(element)) throw errBadArgType('map[string]interface {}', element);
    if (!Object.hasOwn(element, mergeKey)) throw errNoMergeKey(element, mergeKey);
    (findByMergeKey(by, mergeKey, element[mergeKey]) >= 0 ? present : absent).push(element);
  }
  return [present, absent];
}

/** normalizeElementOrder: sort patch items by the patch order, server-only items by the live order, then interleave. */
export function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const patch = normalizeSliceOrder(patchItems, patchOrder, mergeKey, kind);
  const server = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(server, patch, serverOrder, mergeKey, kind);
}

/**
 * normalizeSliceOrder: `toSort` in the order of `order`, `$patch: delete` items last. Items missing
 * from `order` compare as "less" than anything, as in Go.
 */
function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  let kept = toSort;
  let deletions: unknown[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [kept, deletions] = extractToDeleteItems(toSort);
  }
  const sorted = sliceStable(kept, (a, b) => {
    const ia = indexOf(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexOf(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...sorted, ...deletions];
}

function validateMergeKeyInLists(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const element of list) {
      if (!isMap(element)) throw errBadArgType('map[string]interface {}', element);
      if (!Object.hasOwn(element, mergeKey)) throw errNoMergeKey(element, mergeKey);
    }
  }
}

/** extractToDeleteItems: [items to keep, `$patch: delete` items]. */
export function extractToDeleteItems(list: unknown[]): [unknown[], unknown[]] {
  const kept: unknown[] = [];
  const deletions: unknown[] = [];
  for (const element of list) {
    if (!isMap(element)) throw errBadArgType('map[string]interface {}', element);
    (element[DIRECTIVE_MARKER] === DELETE_DIRECTIVE ? deletions : kept).push(element);
  }
  return [kept, deletions];
}

/**
 * mergeSortedSlice: insert each server-only item (`left`) into the patch items (`right`) before the
 * first patch item that comes after it in the live list; both keep their own relative order.
 */
function mergeSortedSlice(
  left: unknown[],
  right: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const merged: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) merged.push(right[j++]);
    else if (j >= right.length) merged.push(left[i++]);
    else {
      const li = indexOf(serverOrder, left[i], mergeKey, kind);
      const ri = indexOf(serverOrder, right[j], mergeKey, kind);
      merged.push(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++]);
    }
  }
  return merged;
}

/**
 * deduplicateScalars, including its order: a duplicate is overwritten by the last element and
 * the list shortened, which the order normalization after it then mostly undoes.
 */
export function deduplicateScalars(list: unknown[]): unknown[] {
  const s = [...list];
  let last = s.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (s[i] === s[j]) {
        s[j] = s[last];
        s.length = last;
        last--;
        j--;
      }
    }
  }
  return s;
}

/** deleteFromSlice: the `$deleteFromPrimitiveList` parallel list removes every occurrence. */
export function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const doomed = new Set(toDelete);
  return current.filter((element) => !doomed.has(element));
}
