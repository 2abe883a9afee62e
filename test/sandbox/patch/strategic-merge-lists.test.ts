/**
 * Strategic merge of lists: test vectors ported from k8s.io/apimachinery/pkg/util/strategicpatch/
 * patch_test.go (v0.32) - customStrategicMergePatchTestCaseData, customStrategicMergePatchRawTestCases
 * and strategicMergePatchRawTestCases, named as there. "(two-way)" applies the TwoWay patch to
 * Original and expects TwoWayResult (else Modified); "(three-way)" applies the ThreeWay patch to
 * Current and expects Result: the patches kubectl computes, applied as the server does.
 */
import { describe, expect, it } from 'vitest';
import { strategicMergePatch } from '../../../src/sandbox/patch/strategic-merge.js';
import { mergeItem, type Vector } from './merge-item.js';

const vectors: Vector[] = [
  {
    description: 'unique scalars when merging lists',
    original: { mergingIntList: [1, 2] },
    patch: { mergingIntList: [2, 3] },
    result: { mergingIntList: [1, 2, 3] },
  },
  {
    description: 'delete all items from merging list',
    original: { mergingList: [{ name: 1 }, { name: 2 }] },
    patch: { mergingList: [{ $patch: 'replace' }] },
    result: { mergingList: [] },
  },
  {
    description: 'delete all duplicate entries in a merging list',
    original: {
      mergingList: [{ name: 1 }, { name: 1 }, { name: 2, value: 'a' }, { name: 3 }, { name: 3 }],
    },
    patch: { mergingList: [{ name: 1, $patch: 'delete' }, { name: 3, $patch: 'delete' }] },
    result: { mergingList: [{ name: 2, value: 'a' }] },
  },
  {
    description: 'preserve the order from the patch in a merging list 2',
    original: { mergingList: [{ name: 1 }, { name: 2, value: 'b' }, { name: 3 }] },
    patch: { mergingList: [{ name: 3, value: 'c' }, { name: 1, value: 'a' }] },
    result: {
      mergingList: [{ name: 2, value: 'b' }, { name: 3, value: 'c' }, { name: 1, value: 'a' }],
    },
  },
  {
    description: 'nested patch merge with empty list (two-way)',
    original: { name: 'hi' },
    patch: { mergingList: [{ name: 'hello' }, { $patch: 'delete', name: 'doesntexist' }] },
    result: { name: 'hi', mergingList: [{ name: 'hello' }] },
  },
  {
    description: 'nested patch merge with empty list (three-way)',
    original: { name: 'hi', mergingList: [{ name: 'hello2' }] },
    patch: {
      '$setElementOrder/mergingList': [{ name: 'hello' }, { name: 'doesntexist' }],
      mergingList: [{ name: 'hello' }],
    },
    result: { name: 'hi', mergingList: [{ name: 'hello' }, { name: 'hello2' }] },
  },
  {
    description: 'add and delete items in lists of scalars (two-way)',
    original: { mergingIntList: [1, 2, 3] },
    patch: {
      '$setElementOrder/mergingIntList': [1, 2, 4],
      '$deleteFromPrimitiveList/mergingIntList': [3],
      mergingIntList: [4],
    },
    result: { mergingIntList: [1, 2, 4] },
  },
  {
    description: 'add and delete items in lists of scalars (three-way)',
    original: { mergingIntList: [1, 2, 3, 4] },
    patch: {
      '$setElementOrder/mergingIntList': [1, 2, 4],
      '$deleteFromPrimitiveList/mergingIntList': [3],
    },
    result: { mergingIntList: [1, 2, 4] },
  },
  {
    description: 'merge lists of maps (three-way)',
    original: { mergingList: [{ name: 1, other: 'a' }, { name: 2, value: 2, other: 'b' }] },
    patch: {
      '$setElementOrder/mergingList': [{ name: 4 }, { name: 1 }, { name: 2 }, { name: 3 }],
      mergingList: [{ name: 4, value: 4 }, { name: 3, value: 3 }],
    },
    result: {
      mergingList: [
        { name: 4, value: 4 },
        { name: 1, other: 'a' },
        { name: 2, value: 2, other: 'b' },
        { name: 3, value: 3 },
      ],
    },
  },
  {
    description: 'add map and delete map from merging list (three-way)',
    original: { mergingList: [{ name: 1 }, { name: 2, other: 'b' }, { name: 4, other: 'c' }] },
    patch: {
      '$setElementOrder/mergingList': [{ name: 2 }, { name: 3 }],
      mergingList: [{ name: 3 }, { name: 1, $patch: 'delete' }],
    },
    result: { mergingList: [{ name: 2, other: 'b' }, { name: 4, other: 'c' }, { name: 3 }] },
  },
  {
    description: 'delete missing map from merging list (three-way)',
    original: { mergingList: [{ name: 2, other: 'b' }] },
    patch: {
      '$setElementOrder/mergingList': [{ name: 2 }],
      mergingList: [{ name: 1, $patch: 'delete' }],
    },
    result: { mergingList: [{ name: 2, other: 'b' }] },
  },
  {
    description: 'delete field from map in merging list (three-way)',
    original: { mergingList: [{ name: 1, value: 1, other: 'a' }, { name: 2, value: 2, other: 'b' }] },
    patch: {
      '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }],
      mergingList: [{ name: 1, value: null }],
    },
    result: { mergingList: [{ name: 1, other: 'a' }, { name: 2, value: 2, other: 'b' }] },
  },
  {
    description: 'replace non merging list nested in merging list (three-way)',
    original: {
      mergingList: [
        { name: 1, other: 'a', nonMergingList: [{ name: 1 }, { name: 2, value: 2 }] },
        { name: 2, other: 'b' },
      ],
    },
    patch: {
      '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }],
      mergingList: [{ name: 1, nonMergingList: [{ name: 1, value: 1 }] }],
    },
    result: {
      mergingList: [
        { name: 1, other: 'a', nonMergingList: [{ name: 1, value: 1 }] },
        { name: 2, other: 'b' },
      ],
    },
  },
  {
    description: 'add field to map in merging list nested in merging list (three-way)',
    original: {
      mergingList: [
        { name: 1, other: 'a', mergingList: [{ name: 1 }, { name: 2, value: 2 }] },
        { name: 2, other: 'b' },
      ],
    },
    patch: {
      '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }],
      mergingList: [
        {
          '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }],
          name: 1,
          mergingList: [{ name: 1, value: 1 }],
        },
      ],
    },
    result: {
      mergingList: [
        { name: 1, other: 'a', mergingList: [{ name: 1, value: 1 }, { name: 2, value: 2 }] },
        { name: 2, other: 'b' },
      ],
    },
  },
  {
    description: 'add an item in a list of primitives and preserve order (three-way)',
    original: { mergingIntList: [1, 4, 2] },
    patch: { '$setElementOrder/mergingIntList': [3, 1, 2], mergingIntList: [3] },
    result: { mergingIntList: [3, 1, 4, 2] },
  },
  {
    description: 'add and delete an item in a list and preserve order (two-way)',
    original: { mergingList: [{ name: 1 }, { name: 3, value: 3 }, { name: 2, value: 2 }] },
    patch: {
      '$setElementOrder/mergingList': [{ name: 4 }, { name: 2 }, { name: 1 }],
      mergingList: [{ name: 4, value: 4 }, { name: 3, $patch: 'delete' }],
    },
    result: { mergingList: [{ name: 4, value: 4 }, { name: 2, value: 2 }, { name: 1 }] },
  },
  {
    description: 'add and delete an item in a list and preserve order (three-way)',
    original: {
      mergingList: [{ name: 1, other: 'a' }, { name: 2, value: 2, other: 'b' }, { name: 3, value: 3 }],
    },
    patch: {
      '$setElementOrder/mergingList': [{ name: 4 }, { name: 2 }, { name: 1 }],
      mergingList: [{ name: 4, value: 4 }, { name: 3, $patch: 'delete' }],
    },
    result: {
      mergingList: [{ name: 4, value: 4 }, { name: 2, value: 2, other: 'b' }, { name: 1, other: 'a' }],
    },
  },
  {
    description: 'set elements order in a list with server-only items (three-way)',
    original: {
      mergingList: [
        { name: 1, other: 'a' },
        { name: 3, value: 3 },
        { name: 4, value: 4 },
        { name: 2, value: 2 },
        { name: 9 },
      ],
    },
    patch: { '$setElementOrder/mergingList': [{ name: 4 }, { name: 2 }, { name: 3 }, { name: 1 }] },
    result: {
      mergingList: [
        { name: 4, value: 4 },
        { name: 2, value: 2 },
        { name: 3, value: 3 },
        { name: 1, other: 'a' },
        { name: 9 },
      ],
    },
  },
  {
    description: 'set elements order in a list with server-only items 3 (three-way)',
    original: {
      mergingList: [
        { name: 1, other: 'a' },
        { name: 2, value: 2 },
        { name: 7 },
        { name: 9 },
        { name: 8 },
        { name: 3, value: 3 },
        { name: 4, value: 4 },
      ],
    },
    patch: { '$setElementOrder/mergingList': [{ name: 2 }, { name: 1 }, { name: 4 }, { name: 3 }] },
    result: {
      mergingList: [
        { name: 2, value: 2 },
        { name: 1, other: 'a' },
        { name: 7 },
        { name: 9 },
        { name: 8 },
        { name: 4, value: 4 },
        { name: 3, value: 3 },
      ],
    },
  },
  {
    description: 'set elements order in a int list with server-only items 2 (three-way)',
    original: { mergingIntList: [1, 2, 9, 3, 4] },
    patch: { '$setElementOrder/mergingIntList': [2, 1, 4, 3] },
    result: { mergingIntList: [2, 1, 9, 4, 3] },
  },
  {
    description: 'behavior of set element order for a merging list with duplicate (three-way)',
    original: {
      mergingList: [
        { name: 1 },
        { name: 2, value: 'dup1' },
        { name: 3 },
        { name: 2, value: 'dup2' },
        { name: 4 },
      ],
    },
    patch: {
      '$setElementOrder/mergingList': [{ name: 2 }, { name: 1 }, { name: 4 }, { name: 3 }, { name: 2 }],
    },
    result: {
      mergingList: [
        { name: 2, value: 'dup1' },
        { name: 2, value: 'dup2' },
        { name: 1 },
        { name: 4 },
        { name: 3 },
      ],
    },
  },
  {
    description: 'behavior of set element order for a merging int list with duplicate (three-way)',
    original: { mergingIntList: [1, 2, 3, 2, 4] },
    patch: { '$setElementOrder/mergingIntList': [2, 1, 4, 3, 2] },
    result: { mergingIntList: [2, 2, 1, 4, 3] },
  },
  {
    description: 'delete and reorder in one list, reorder in another (three-way)',
    original: {
      mergingList: [{ name: 'a', value: 'a' }, { name: 'b', value: 'b' }],
      mergeItemPtr: [{ name: 'c', value: 'c' }, { name: 'd', value: 'd' }],
    },
    patch: {
      '$setElementOrder/mergingList': [{ name: 'b' }],
      '$setElementOrder/mergeItemPtr': [{ name: 'd' }, { name: 'c' }],
      mergingList: [{ $patch: 'delete', name: 'a' }],
    },
    result: {
      mergingList: [{ name: 'b', value: 'b' }],
      mergeItemPtr: [{ name: 'd', value: 'd' }, { name: 'c', value: 'c' }],
    },
  },
  {
    description: '$setElementOrder contains item that is not present in the list to be merged',
    original: { mergingList: [{ name: 1 }, { name: 3 }] },
    patch: {
      '$setElementOrder/mergingList': [{ name: 3 }, { name: 2 }, { name: 1 }],
      mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }],
    },
    result: { mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }] },
  },
];

describe('strategic merge of lists (apimachinery vectors)', () => {
  it.each(vectors)('$description', ({ original, patch, result }) => {
    expect(strategicMergePatch(structuredClone(original), structuredClone(patch), mergeItem)).toEqual(result);
  });
});
