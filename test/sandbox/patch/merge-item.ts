/**
 * The patch meta of the MergeItem and RetainKeysMergeItem test structs of
 * k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go, on which its test vectors run.
 */
import type { FieldMeta, StructMeta } from '../../../src/sandbox/patch/patch-meta.js';

const item: Record<string, FieldMeta> = {};

const retainKeysItem: StructMeta = {
  mergingIntList: { strategy: 'merge' },
  mergingList: { strategy: 'merge', mergeKey: 'name', of: item },
};

// The struct refers to itself, so its fields are filled in after it exists.
Object.assign(item, {
  mergingList: { strategy: 'merge', mergeKey: 'name', of: item },
  mergingIntList: { strategy: 'merge' },
  mergeItemPtr: { strategy: 'merge', mergeKey: 'name', of: item },
  replacingItem: { strategy: 'replace' },
  retainKeysMap: { strategy: 'retainKeys', of: retainKeysItem },
  retainKeysMergingList: { strategy: 'merge,retainKeys', mergeKey: 'name', of: item },
} satisfies StructMeta);

/** `nonMergingList`, `nonMergingIntList` and `simpleMap` carry no tags, so they are absent here. */
export const mergeItem: StructMeta = item;

/** One upstream vector: `patch` applied to `original` gives exactly `result`. */
export interface Vector {
  description: string;
  original: Record<string, unknown>;
  patch: Record<string, unknown>;
  result: Record<string, unknown>;
}
