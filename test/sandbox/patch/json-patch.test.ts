/**
 * JSON patch (RFC 6902) as kube-apiserver applies it with evanphx/json-patch v4, quirks included,
 * and the Status it answers a patch that does not decode or does not apply with.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { JSON_PATCH, applyPatch } from '../../../src/sandbox/patch/index.js';
import { failureOf } from './failure.js';
import { deployment } from './fixtures.js';

const jsonPatch = (body: unknown, object: KubeObject = deployment): KubeObject =>
  applyPatch(JSON_PATCH, object, body, object.kind as string);

function changed(change: (copy: KubeObject) => void): KubeObject {
  const copy = structuredClone(deployment);
  change(copy);
  return copy;
}

const ENV = '/spec/template/spec/containers/0/env';

/** What jsonPatcher answers for any operation that does not apply: the reason is dropped. */
const doesNotApply: KubeObject = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'the server rejected our request due to an error in our request',
  reason: 'Invalid',
  code: 422,
  details: {},
};

const undecodable = (message: string): KubeObject => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: `error decoding patch: ${message}`,
  reason: 'BadRequest',
  code: 400,
});

describe('operations that apply', () => {
  it('test then replace', () => {
    const body = [
      { op: 'test', path: '/spec/replicas', value: 3 },
      { op: 'replace', path: '/spec/replicas', value: 5 },
    ];
    expect(jsonPatch(body)).toEqual(changed((d) => (d.spec.replicas = 5)));
  });

  it('replace of a missing object member adds it, unlike RFC 6902', () => {
    expect(jsonPatch([{ op: 'replace', path: '/spec/paused', value: true }])).toEqual(changed((d) => (d.spec.paused = true)));
  });

  it('test of a missing member against null passes', () => {
    expect(jsonPatch([{ op: 'test', path: '/spec/paused', value: null }])).toEqual(deployment);
  });

  it('add with an escaped key, and without a value (which adds null)', () => {
    const body = [
      { op: 'add', path: '/metadata/annotations/example.com~1owner', value: 'team-a' },
      { op: 'add', path: '/spec/template/metadata/annotations' },
    ];
    expect(jsonPatch(body)).toEqual(
      changed((d) => {
        d.metadata.annotations['example.com/owner'] = 'team-a';
        d.spec.template.metadata.annotations = null;
      }),
    );
  });

  it('list indices: "-" appends, an index one past the end appends, negative ones count from the end', () => {
    const body = [
      { op: 'add', path: `${ENV}/-`, value: { name: 'A', value: '1' } },
      { op: 'add', path: `${ENV}/3`, value: { name: 'B', value: '2' } },
      { op: 'remove', path: `${ENV}/-3` },
    ];
    expect(jsonPatch(body)).toEqual(
      changed((d) => {
        d.spec.template.spec.containers[0].env = [
          { name: 'MODE', value: 'blue' },
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ];
      }),
    );
  });

  it('move and copy', () => {
    const body = [
      { op: 'move', from: `${ENV}/1`, path: `${ENV}/0` },
      { op: 'copy', from: '/metadata/labels', path: '/spec/template/metadata/annotations' },
    ];
    expect(jsonPatch(body)).toEqual(
      changed((d) => {
        d.spec.template.spec.containers[0].env = [
          { name: 'DEBUG', value: 'false' },
          { name: 'MODE', value: 'blue' },
        ];
        d.spec.template.metadata.annotations = { app: 'web' };
      }),
    );
  });

  it('an empty list or a null body changes nothing', () => {
    expect(jsonPatch([])).toEqual(deployment);
    expect(jsonPatch(null)).toEqual(deployment);
  });
});

describe('operations that do not apply: 422 without the reason', () => {
  it.each([
    ['a failing test', { op: 'test', path: '/spec/replicas', value: 2 }],
    ['a missing parent', { op: 'add', path: '/spec/missing/x', value: 1 }],
    ['removing a missing member', { op: 'remove', path: '/spec/paused' }],
    ['an index past the end', { op: 'add', path: `${ENV}/3`, value: {} }],
    ['an index that is not a number', { op: 'replace', path: `${ENV}/first`, value: {} }],
    ['an unknown op', { op: 'merge', path: '/spec', value: {} }],
    ['an op without path', { op: 'remove' }],
    ['a path without its leading slash', { op: 'add', path: 'spec', value: {} }],
    ['replacing the whole object by a string', { op: 'replace', path: '', value: 'x' }],
  ])('%s', (_, operation) => {
    expect(failureOf(() => jsonPatch([operation]))).toEqual(doesNotApply);
  });

  it('a failing test undoes the operations before it', () => {
    const body = [
      { op: 'replace', path: '/spec/replicas', value: 5 },
      { op: 'test', path: '/spec/replicas', value: 3 },
    ];
    expect(failureOf(() => jsonPatch(body))).toEqual(doesNotApply);
  });
});

describe('bodies that do not decode: 400', () => {
  it('an object instead of a list', () => {
    expect(failureOf(() => jsonPatch({ op: 'add' }))).toEqual(
      undecodable('json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp'),
    );
  });

  it('an operation that is not an object', () => {
    expect(failureOf(() => jsonPatch(['add']))).toEqual(
      undecodable('json: cannot unmarshal string into Go value of type handlers.jsonPatchOp'),
    );
  });

  it('an op that is not a string', () => {
    expect(failureOf(() => jsonPatch([{ op: 5, path: '/spec' }]))).toEqual(
      undecodable('json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string'),
    );
  });
});

describe('limits and results the apiserver refuses', () => {
  it('more than 10000 operations: 413', () => {
    const body = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'Deployment' }));
    expect(failureOf(() => jsonPatch(body))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
      reason: 'RequestEntityTooLarge',
      code: 413,
    });
  });

  it('replacing the whole object by a list: it no longer decodes', () => {
    const detail =
      'Invalid value: "[1]": couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';
    expect(failureOf(() => jsonPatch([{ op: 'replace', path: '', value: [1] }]))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: ` "" is invalid: patch: ${detail}`,
      reason: 'Invalid',
      code: 422,
      details: { name: '', kind: '', causes: [{ reason: 'FieldValueInvalid', message: detail, field: 'patch' }] },
    });
  });
});
