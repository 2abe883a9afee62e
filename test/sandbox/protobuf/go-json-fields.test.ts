/** The hand-maintained Go JSON tables must name real fields of the right shape. */
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { INLINE_FIELDS, RENAMED_FIELDS, ZERO_KEPT_FIELDS } from '../../../src/sandbox/protobuf/go-json-fields.js';
import { messageType } from '../../../src/sandbox/protobuf/schema.js';

function fieldNamed(qualifiedField: string): protobuf.Field {
  const dot = qualifiedField.lastIndexOf('.');
  const field = messageType(qualifiedField.slice(0, dot)).fields[qualifiedField.slice(dot + 1)];
  if (!field) throw new Error(`no field ${qualifiedField}`);
  return field.resolve();
}

describe('go-json-fields', () => {
  it.each([...INLINE_FIELDS])('inlines %s, a message field', (name) => {
    const field = fieldNamed(name);
    expect(field.resolvedType).toBeInstanceOf(protobuf.Type);
    expect(field.repeated || field.map).toBe(false);
  });

  it.each([...ZERO_KEPT_FIELDS])('keeps zeros of %s, a single scalar', (name) => {
    const field = fieldNamed(name);
    expect(field.resolvedType).toBeNull();
    expect(field.repeated || field.map).toBe(false);
  });

  it.each([...RENAMED_FIELDS.keys()])('renames %s, a real field', (name) => {
    expect(fieldNamed(name)).toBeDefined();
  });
});
