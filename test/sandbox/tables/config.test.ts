import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { toTable } from '../../../src/sandbox/tables/table.js';
import { doc } from './swagger-docs.js';

const now = new Date('2025-03-10T12:00:00Z');

function table(kind: string, objects: KubeObject[]) {
  return toTable({ group: '', version: 'v1', kind }, objects, { now, includeObject: 'None', listMeta: { resourceVersion: '5000' } });
}

describe('configmap table', () => {
  it('counts data and binaryData keys together', () => {
    const configMaps: KubeObject[] = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { creationTimestamp: '2025-03-08T10:30:00Z', name: 'kube-root-ca.crt', namespace: 'default', resourceVersion: '350' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n...' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { creationTimestamp: '2025-03-10T11:58:00Z', name: 'web-config', namespace: 'default', resourceVersion: '1500' }, data: { 'nginx.conf': '', 'mime.types': '' }, binaryData: { 'favicon.ico': 'AAAB' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { creationTimestamp: '2025-03-10T11:59:59Z', name: 'empty', namespace: 'default', resourceVersion: '1501' } },
    ];
    const result = table('ConfigMap', configMaps);
    expect(result.columnDefinitions).toEqual([
      { name: 'Name', type: 'string', format: 'name', description: doc('metav1.ObjectMeta.name'), priority: 0 },
      { name: 'Data', type: 'string', format: '', description: doc('corev1.ConfigMap.data'), priority: 0 },
      { name: 'Age', type: 'string', format: '', description: doc('metav1.ObjectMeta.creationTimestamp'), priority: 0 },
    ]);
    expect(result.rows!.map((r) => r.cells)).toEqual([
      ['kube-root-ca.crt', 1, '2d1h'],
      ['web-config', 3, '2m'],
      ['empty', 0, '1s'],
    ]);
  });
});

describe('secret table', () => {
  it('prints TYPE and the number of data keys', () => {
    const secret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { creationTimestamp: '2025-03-10T11:30:00Z', name: 'registry', namespace: 'default', resourceVersion: '1400' },
      data: { '.dockerconfigjson': 'eyJhdXRocyI6e319' },
      type: 'kubernetes.io/dockerconfigjson',
    };
    const result = table('Secret', [secret]);
    expect(result.columnDefinitions!.map((c) => [c.name, c.description])).toEqual([
      ['Name', doc('metav1.ObjectMeta.name')],
      ['Type', doc('corev1.Secret.type')],
      ['Data', doc('corev1.Secret.data')],
      ['Age', doc('metav1.ObjectMeta.creationTimestamp')],
    ]);
    expect(result.rows![0]!.cells).toEqual(['registry', 'kubernetes.io/dockerconfigjson', 1, '30m']);
  });
});

describe('serviceaccount table', () => {
  it('prints the number of listed secrets (0 for the token-less accounts of 1.24+)', () => {
    const accounts: KubeObject[] = [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { creationTimestamp: '2025-03-08T10:30:00Z', name: 'default', namespace: 'default', resourceVersion: '340' } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { creationTimestamp: '2025-03-10T11:00:00Z', name: 'builder', namespace: 'default', resourceVersion: '1300' }, secrets: [{ name: 'builder-token' }, { name: 'builder-dockercfg' }] },
    ];
    const result = table('ServiceAccount', accounts);
    expect(result.columnDefinitions!.map((c) => [c.name, c.description])).toEqual([
      ['Name', doc('metav1.ObjectMeta.name')],
      ['Secrets', doc('corev1.ServiceAccount.secrets')],
      ['Age', doc('metav1.ObjectMeta.creationTimestamp')],
    ]);
    expect(result.rows!.map((r) => r.cells)).toEqual([
      ['default', 0, '2d1h'],
      ['builder', 2, '60m'],
    ]);
  });
});
