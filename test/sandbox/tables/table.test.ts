import { describe, expect, it } from 'vitest';
import { ApiError, type KubeObject } from '../../../src/sandbox/api/status.js';
import { parseIncludeObject, toTable } from '../../../src/sandbox/tables/table.js';
import { doc } from './swagger-docs.js';

const now = new Date('2025-03-10T12:00:00Z');
const configMaps = { group: '', version: 'v1', kind: 'ConfigMap' };

function configMap(name: string, resourceVersion: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      creationTimestamp: '2025-03-10T11:58:00Z',
      name,
      namespace: 'default',
      resourceVersion,
      uid: `uid-${name}`,
      managedFields: [{ apiVersion: 'v1', fieldsType: 'FieldsV1', manager: 'kubectl-create', operation: 'Update', time: '2025-03-10T11:58:00Z' }],
    },
    data: { key: 'value' },
  };
}

describe('toTable: the Table envelope (handlers/response.go asTable)', () => {
  it('wraps the full metadata in a PartialObjectMetadata by default (kubectl)', () => {
    const table = toTable(configMaps, [configMap('a', '7')], { now, includeObject: 'Metadata' });
    expect(table.rows![0]!.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: configMap('a', '7').metadata });
  });

  it('carries the whole object for includeObject=Object and null for None', () => {
    expect(toTable(configMaps, [configMap('a', '7')], { now, includeObject: 'Object' }).rows![0]!.object).toEqual(configMap('a', '7'));
    // Stored list items have no TypeMeta; the converted row object does.
    const { kind: _kind, apiVersion: _apiVersion, ...item } = configMap('b', '8');
    const deployments = { group: 'apps', version: 'v1', kind: 'Deployment' };
    expect(toTable(deployments, [item], { now, includeObject: 'Object' }).rows![0]!.object).toEqual({ kind: 'Deployment', apiVersion: 'apps/v1', ...item });
    const none = toTable(configMaps, [configMap('a', '7')], { now, includeObject: 'None' }).rows![0]!;
    expect(none).toEqual({ cells: ['a', 1, '2m'], object: null });
    expect(JSON.stringify(none)).toBe('{"cells":["a",1,"2m"],"object":null}');
  });

  it('answers in meta.k8s.io/v1beta1 when that is the version asked for', () => {
    const table = toTable(configMaps, [configMap('a', '7')], { now, includeObject: 'Metadata', version: 'v1beta1' });
    expect(table.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(table.rows![0]!.object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1beta1' });
  });

  it('copies the list metadata of a list, with its continue token and remaining count', () => {
    const table = toTable(configMaps, [configMap('a', '7'), configMap('b', '8')], {
      now,
      includeObject: 'None',
      listMeta: { resourceVersion: '42', continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ', remainingItemCount: 3 },
    });
    expect(table.metadata).toEqual({ resourceVersion: '42', continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ', remainingItemCount: 3 });
    expect(table.rows!.map((r) => r.cells[0])).toEqual(['a', 'b']);
  });

  it('takes the object resourceVersion for a single object', () => {
    expect(toTable(configMaps, [configMap('a', '7')], { now, includeObject: 'None' }).metadata).toEqual({ resourceVersion: '7' });
  });

  it('sends an empty list of a printed kind as rows: []', () => {
    expect(toTable(configMaps, [], { now, includeObject: 'Metadata', listMeta: { resourceVersion: '42' } })).toEqual({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '42' },
      columnDefinitions: [
        { name: 'Name', type: 'string', format: 'name', description: doc('metav1.ObjectMeta.name'), priority: 0 },
        { name: 'Data', type: 'string', format: '', description: doc('corev1.ConfigMap.data'), priority: 0 },
        { name: 'Age', type: 'string', format: '', description: doc('metav1.ObjectMeta.creationTimestamp'), priority: 0 },
      ],
      rows: [],
    });
  });

  it('omits the column definitions for watch events after the first (noHeaders)', () => {
    const watchEvents = [configMap('a', '7'), configMap('a', '9')].map((obj, i) =>
      toTable(configMaps, [obj], { now, includeObject: 'Metadata', noHeaders: i > 0 }),
    );
    expect(watchEvents.map((t) => t.columnDefinitions?.length ?? null)).toEqual([3, null]);
    expect(watchEvents[1]).toMatchObject({ kind: 'Table', metadata: { resourceVersion: '9' }, columnDefinitions: null, rows: [{ cells: ['a', 1, '2m'] }] });
  });
});

describe('toTable: resources without a printer (rest.defaultTableConvertor)', () => {
  const roles = { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role' };

  it('prints Name and Created At as an RFC3339 date', () => {
    const role: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { creationTimestamp: '2025-03-10T11:30:00Z', name: 'pod-reader', namespace: 'default', resourceVersion: '800' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list'] }],
    };
    expect(toTable(roles, [role], { now, includeObject: 'Metadata' })).toEqual({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '800' },
      columnDefinitions: [
        { name: 'Name', type: 'string', format: 'name', description: doc('metav1.ObjectMeta.name'), priority: 0 },
        { name: 'Created At', type: 'date', format: '', description: doc('metav1.ObjectMeta.creationTimestamp'), priority: 0 },
      ],
      rows: [
        {
          cells: ['pod-reader', '2025-03-10T11:30:00Z'],
          object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: role.metadata },
        },
      ],
    });
  });

  it('formats in UTC at second precision and prints Go zero time when unset', () => {
    const table = toTable(
      roles,
      [{ metadata: { name: 'offset', creationTimestamp: '2025-03-10T13:30:00.250+02:00' } }, { metadata: { name: 'unset' } }],
      { now, includeObject: 'None', listMeta: { resourceVersion: '1' } },
    );
    expect(table.rows!.map((r) => r.cells)).toEqual([
      ['offset', '2025-03-10T11:30:00Z'],
      ['unset', '0001-01-01T00:00:00Z'],
    ]);
  });

  it('sends an empty list as rows: null (it appends to a nil slice)', () => {
    expect(toTable(roles, [], { now, includeObject: 'Metadata', listMeta: { resourceVersion: '1' } }).rows).toBeNull();
  });
});

describe('parseIncludeObject (the includeObject query parameter)', () => {
  it('defaults to Metadata when absent or empty', () => {
    expect(parseIncludeObject(null)).toBe('Metadata');
    expect(parseIncludeObject(undefined)).toBe('Metadata');
    expect(parseIncludeObject('')).toBe('Metadata');
  });

  it('accepts the three policies, case-sensitively', () => {
    expect(['None', 'Metadata', 'Object'].map(parseIncludeObject)).toEqual(['None', 'Metadata', 'Object']);
  });

  it('answers anything else with the apiserver 400', () => {
    let error: unknown;
    try {
      parseIncludeObject('object');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Unable to convert to Table as requested: includeObject: Invalid value: "object": must be 'Metadata', 'Object', 'None', or empty`,
      reason: 'BadRequest',
      code: 400,
    });
  });
});
