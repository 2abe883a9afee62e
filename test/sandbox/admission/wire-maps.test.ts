/** toWire's maps and canonical quantities, after they stopped being rebuilt from entries and reparsed per write. */
import { describe, expect, it } from 'vitest';
import { canonicalQuantity, toWire } from '../../../src/sandbox/admission/index.js';

describe('toWire maps', () => {
  it('sorts keys as Go marshals a map, keeps a __proto__ key as data, and encodes null values as the zero value', () => {
    const data = JSON.parse('{"b":"2","a":"1","__proto__":"p","10":"ten","2":"two","A":"upper","e":null}') as Record<string, unknown>;
    const wire = toWire('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm', labels: { z: 'last', a: 'first' } }, data });
    // Integer-like keys come first on any JS object; the text order of the rest is Go's.
    expect(Object.keys(wire.data)).toEqual(['2', '10', 'A', '__proto__', 'a', 'b', 'e']);
    expect(Object.getOwnPropertyDescriptor(wire.data, '__proto__')?.value).toBe('p');
    expect(Object.getPrototypeOf(wire.data)).toBe(Object.prototype);
    expect(wire.data.e).toBe('');
    expect(Object.keys(wire.metadata.labels)).toEqual(['a', 'z']);
    expect(JSON.stringify(wire.data)).toBe('{"2":"two","10":"ten","A":"upper","__proto__":"p","a":"1","b":"2","e":""}');
  });

  it('builds new maps: the input and the output share no map', () => {
    const labels = { a: '1', b: '2' };
    const wire = toWire('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm', labels }, data: { k: 'v' } });
    expect(wire.metadata.labels).toEqual(labels);
    expect(wire.metadata.labels).not.toBe(labels);
    wire.metadata.labels.c = '3';
    expect(labels).toEqual({ a: '1', b: '2' });
    // Encoding twice changes nothing.
    expect(toWire('ConfigMap', wire)).toEqual(wire);
  });

  it('quantities are canonical whether or not they were seen before, per kind of field', () => {
    for (let round = 0; round < 2; round++) {
      expect(canonicalQuantity('1000')).toBe('1k');
      expect(canonicalQuantity('0.5')).toBe('500m');
      expect(canonicalQuantity('100.5m', true)).toBe('101m');
      expect(canonicalQuantity('100.5m')).toBe('100500u');
      expect(canonicalQuantity('nonsense')).toBeUndefined();
      expect(canonicalQuantity(2)).toBe('2');
    }
    // Many distinct strings (hostile input) still answer right past the memo's size.
    for (let i = 0; i < 5000; i++) expect(canonicalQuantity(`${2 * i + 1}000u`)).toBe(`${2 * i + 1}m`);
  });
});
