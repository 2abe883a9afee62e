import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { toTable } from '../../../src/sandbox/tables/table.js';
import { doc } from './swagger-docs.js';

const now = new Date('2025-03-10T12:00:00Z');

describe('lease table', () => {
  it('prints HOLDER, empty for a released lease', () => {
    const leases: KubeObject[] = [
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { creationTimestamp: '2025-03-08T10:30:00Z', name: 'kube-controller-manager', namespace: 'kube-system', resourceVersion: '2400' },
        spec: {
          acquireTime: '2025-03-08T10:30:05.000000Z',
          holderIdentity: 'kind-control-plane_6d2f1c3e-8a4b-4c5d-9e6f-7a8b9c0d1e2f',
          leaseDurationSeconds: 15,
          leaseTransitions: 0,
          renewTime: '2025-03-10T11:59:58.123456Z',
        },
      },
      { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { creationTimestamp: '2025-03-10T11:00:00Z', name: 'released', namespace: 'kube-system', resourceVersion: '2401' }, spec: {} },
    ];
    const table = toTable({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' }, leases, { now, includeObject: 'None', listMeta: { resourceVersion: '2402' } });
    expect(table.columnDefinitions).toEqual([
      { name: 'Name', type: 'string', format: 'name', description: doc('metav1.ObjectMeta.name'), priority: 0 },
      { name: 'Holder', type: 'string', format: '', description: doc('coordinationv1.LeaseSpec.holderIdentity'), priority: 0 },
      { name: 'Age', type: 'string', format: '', description: doc('metav1.ObjectMeta.creationTimestamp'), priority: 0 },
    ]);
    expect(table.rows!.map((r) => r.cells)).toEqual([
      ['kube-controller-manager', 'kind-control-plane_6d2f1c3e-8a4b-4c5d-9e6f-7a8b9c0d1e2f', '2d1h'],
      ['released', '', '60m'],
    ]);
  });
});
