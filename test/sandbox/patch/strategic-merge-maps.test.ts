/**
 * Strategic merge of maps, `$retainKeys` and `$deleteFromPrimitiveList`: test vectors ported from
 * k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go (v0.32), named as there (see
 * strategic-merge-lists.test.ts for "two-way" and "three-way"), and its vectors that must fail.
 */
import { describe, expect, it } from 'vitest';
import { strategicMergePatch } from '../../../src/sandbox/patch/strategic-merge.js';
import { failureOf, unknownFailure } from './failure.js';
import { mergeItem, type Vector } from './merge-item.js';

const vectors: Vector[] = [
  {
    description: 'delete map from nested map',
    original: { simpleMap: { key1: 1, key2: 1 } },
    patch: { simpleMap: { $patch: 'delete' } },
    result: { simpleMap: {} },
  },
  {
    description: 'delete all keys from map',
    original: { name: 1, value: 1 },
    patch: { $patch: 'replace' },
    result: {},
  },
  {
    description: 'add key and delete all keys from map',
    original: { name: 1, value: 1 },
    patch: { other: 'a', $patch: 'replace' },
    result: { other: 'a' },
  },
  {
    description: 'retainKeys map can delete a field when no retainKeys directive present',
    original: { retainKeysMap: { name: 'foo', value: 'a' } },
    patch: { retainKeysMap: { value: null } },
    result: { retainKeysMap: { name: 'foo' } },
  },
  {
    description: 'retainKeys map should clear defaulted field (three-way)',
    original: { retainKeysMap: { value: 'foo' } },
    patch: { retainKeysMap: { $retainKeys: ['other'], other: 'bar' } },
    result: { retainKeysMap: { other: 'bar' } },
  },
  {
    description: 'retainKeys map should clear defaulted field with conflict (discriminated union) (three-way)',
    original: { retainKeysMap: { name: 'type1', value: 'foo' } },
    patch: { retainKeysMap: { $retainKeys: ['name', 'other'], name: 'type2', other: 'bar' } },
    result: { retainKeysMap: { name: 'type2', other: 'bar' } },
  },
  {
    description: 'retainKeys map adds a field and clear a field (three-way)',
    original: { retainKeysMap: { name: 'foo', other: 'a' } },
    patch: { retainKeysMap: { $retainKeys: ['name', 'value'], value: 'bar' } },
    result: { retainKeysMap: { name: 'foo', value: 'bar' } },
  },
  {
    description: 'retainKeys map deletes a field and clears a field (three-way)',
    original: { retainKeysMap: { name: 'foo', value: 'bar', other: 'a' } },
    patch: { retainKeysMap: { $retainKeys: ['name'], value: null } },
    result: { retainKeysMap: { name: 'foo' } },
  },
  {
    description: 'retainKeys map replaces non-merging list (three-way)',
    original: {
      retainKeysMap: { name: 'foo', value: 'bar', nonMergingList: [{ name: 'a' }, { name: 'b' }] },
    },
    patch: {
      retainKeysMap: {
        $retainKeys: ['name', 'nonMergingList', 'value'],
        nonMergingList: [{ name: 'a' }, { name: 'c' }, { name: 'b' }],
      },
    },
    result: {
      retainKeysMap: {
        name: 'foo',
        value: 'bar',
        nonMergingList: [{ name: 'a' }, { name: 'c' }, { name: 'b' }],
      },
    },
  },
  {
    description: 'retainKeys map adds an item and deletes an item in nested merging int list (three-way)',
    original: { retainKeysMap: { name: 'foo', mergingIntList: [1, 2, 3, 4] } },
    patch: {
      retainKeysMap: {
        $retainKeys: ['mergingIntList', 'name'],
        mergingIntList: [5],
        '$deleteFromPrimitiveList/mergingIntList': [2],
        '$setElementOrder/mergingIntList': [1, 3, 5],
      },
    },
    result: { retainKeysMap: { name: 'foo', mergingIntList: [1, 3, 5, 4] } },
  },
  {
    description: 'retainKeys map deletes an item in nested merging list (three-way)',
    original: {
      retainKeysMap: { name: 'foo', mergingList: [{ name: 'a' }, { name: 'b' }, { name: 'x' }] },
    },
    patch: {
      retainKeysMap: {
        $retainKeys: ['mergingList', 'name'],
        '$setElementOrder/mergingList': [{ name: 'a' }],
        mergingList: [{ name: 'b', $patch: 'delete' }],
      },
    },
    result: { retainKeysMap: { name: 'foo', mergingList: [{ name: 'a' }, { name: 'x' }] } },
  },
  {
    description: 'retainKeys list of maps clears a field (three-way)',
    original: { retainKeysMergingList: [{ name: 'bar' }, { name: 'foo', value: 'a', other: 'x' }] },
    patch: {
      '$setElementOrder/retainKeysMergingList': [{ name: 'bar' }, { name: 'foo' }],
      retainKeysMergingList: [{ $retainKeys: ['name', 'value'], name: 'foo' }],
    },
    result: { retainKeysMergingList: [{ name: 'bar' }, { name: 'foo', value: 'a' }] },
  },
  {
    description: 'retainKeys list of maps changes a field and clear a field (three-way)',
    original: { retainKeysMergingList: [{ name: 'bar' }, { name: 'foo', value: 'old', other: 'x' }] },
    patch: {
      '$setElementOrder/retainKeysMergingList': [{ name: 'bar' }, { name: 'foo' }],
      retainKeysMergingList: [{ $retainKeys: ['name', 'value'], name: 'foo', value: 'new' }],
    },
    result: { retainKeysMergingList: [{ name: 'bar' }, { name: 'foo', value: 'new' }] },
  },
  {
    description: 'retainKeys list of maps deletes a field and clear a field (three-way)',
    original: { retainKeysMergingList: [{ name: 'bar' }, { name: 'foo', value: 'a', other: 'x' }] },
    patch: {
      '$setElementOrder/retainKeysMergingList': [{ name: 'bar' }, { name: 'foo' }],
      retainKeysMergingList: [{ $retainKeys: ['name'], name: 'foo', value: null }],
    },
    result: { retainKeysMergingList: [{ name: 'bar' }, { name: 'foo' }] },
  },
  {
    description: '$deleteFromPrimitiveList of nonexistent item in primitive list should not add the item to the list',
    original: { mergingIntList: [1, 2] },
    patch: { '$deleteFromPrimitiveList/mergingIntList': [3] },
    result: { mergingIntList: [1, 2] },
  },
  {
    description: '$deleteFromPrimitiveList on empty primitive list should not add the item to the list',
    original: { mergingIntList: null },
    patch: { '$deleteFromPrimitiveList/mergingIntList': [3] },
    result: { mergingIntList: null },
  },
  {
    description: '$deleteFromPrimitiveList on nonexistent primitive list should not add the primitive list',
    original: { foo: ['bar'] },
    patch: { '$deleteFromPrimitiveList/mergingIntList': [3] },
    result: { foo: ['bar'] },
  },
  {
    description: '$deleteFromPrimitiveList should delete item from a list with merge patch strategy',
    original: { mergingIntList: [1, 2, 3] },
    patch: { '$deleteFromPrimitiveList/mergingIntList': [2] },
    result: { mergingIntList: [1, 3] },
  },
  {
    description: '$deleteFromPrimitiveList should delete item from a list without merge patch strategy',
    original: { nonMergingIntList: [1, 2, 3] },
    patch: { '$deleteFromPrimitiveList/nonMergingIntList': [2] },
    result: { nonMergingIntList: [1, 3] },
  },
];

describe('strategic merge of maps and directives (apimachinery vectors)', () => {
  it.each(vectors)('$description', ({ original, patch, result }) => {
    expect(strategicMergePatch(structuredClone(original), structuredClone(patch), mergeItem)).toEqual(result);
  });
});

describe('apimachinery vectors that must fail, with the real error text', () => {
  it('should check if order in $setElementOrder and patch list match', () => {
    const original = { mergingList: [{ name: 1 }, { name: 3 }, { name: 2 }] };
    const patch = {
      '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }, { name: 3 }],
      mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }],
    };
    expect(failureOf(() => strategicMergePatch(original, patch, mergeItem))).toEqual(
      unknownFailure(
        'The order in patch list:\n[map[name:3 value:3] map[name:1 value:1]]\n doesn\'t match $setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]\n',
      ),
    );
  });

  it('$setElementOrder contains item that is not present in the int list to be merged', () => {
    const original = { mergingIntList: [1, 3, 2] };
    const patch = { '$setElementOrder/mergingIntList': [1, 2, 3], mergingIntList: [3, 1] };
    expect(failureOf(() => strategicMergePatch(original, patch, mergeItem))).toEqual(
      unknownFailure('The order in patch list:\n[3 1]\n doesn\'t match $setElementOrder list:\n[1 2 3]\n'),
    );
  });

  it('missing merge key should error out', () => {
    const original = { mergingList: [{ name: 1, value: 'a' }] };
    const patch = { mergingList: [{ value: 'b' }] };
    expect(failureOf(() => strategicMergePatch(original, patch, mergeItem))).toEqual(
      unknownFailure('map: map[value:b] does not contain declared merge key: name'),
    );
  });
});
