import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { toTable } from '../../../src/sandbox/tables/table.js';
import { doc } from './swagger-docs.js';

const now = new Date('2025-03-10T12:00:00Z');

describe('statefulset table', () => {
  it('prints READY ready/desired and the wide containers', () => {
    const sts: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { creationTimestamp: '2025-03-08T09:00:00Z', name: 'db', namespace: 'default', resourceVersion: '900' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'db' } }, serviceName: 'db', template: { spec: { containers: [{ name: 'postgres', image: 'postgres:17' }] } } },
      status: { availableReplicas: 1, currentReplicas: 2, readyReplicas: 1, replicas: 2 },
    };
    const table = toTable({ group: 'apps', version: 'v1', kind: 'StatefulSet' }, [sts], { now, includeObject: 'None' });
    expect(table.columnDefinitions!.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
    ]);
    expect(table.rows![0]!.cells).toEqual(['db', '1/3', '2d3h', 'postgres', 'postgres:17']);
  });
});

describe('daemonset table', () => {
  it('prints the scheduling counters, NODE SELECTOR and the wide columns', () => {
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { creationTimestamp: '2025-02-01T00:00:00Z', name: 'kindnet', namespace: 'kube-system', resourceVersion: '512' },
      spec: {
        selector: { matchLabels: { app: 'kindnet' } },
        template: {
          spec: { containers: [{ name: 'kindnet-cni', image: 'docker.io/kindest/kindnetd:v20241108-5c6d2daf' }], nodeSelector: { 'kubernetes.io/os': 'linux' } },
        },
      },
      status: { currentNumberScheduled: 3, desiredNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0, numberReady: 2, observedGeneration: 1, updatedNumberScheduled: 3 },
    };
    const table = toTable({ group: 'apps', version: 'v1', kind: 'DaemonSet' }, [ds], { now, includeObject: 'None' });
    expect(table.columnDefinitions!.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Desired', 'integer', 0],
      ['Current', 'integer', 0],
      ['Ready', 'integer', 0],
      ['Up-to-date', 'integer', 0],
      ['Available', 'integer', 0],
      ['Node Selector', 'string', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ]);
    expect(table.columnDefinitions![6]!.description).toBe(doc('corev1.PodSpec.nodeSelector'));
    expect(table.rows![0]!.cells).toEqual([
      'kindnet', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '37d', 'kindnet-cni', 'docker.io/kindest/kindnetd:v20241108-5c6d2daf', 'app=kindnet',
    ]);
  });
});

describe('controllerrevision table', () => {
  it('prints CONTROLLER as kind.group/name and REVISION', () => {
    const revision: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        creationTimestamp: '2025-03-10T10:00:00Z',
        name: 'db-5d8f7c6b9',
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Pod', name: 'not-the-controller', uid: 'a' },
          { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'b', controller: true, blockOwnerDeletion: true },
        ],
        resourceVersion: '901',
      },
      data: {},
      revision: 2,
    };
    const table = toTable({ group: 'apps', version: 'v1', kind: 'ControllerRevision' }, [revision], { now, includeObject: 'None' });
    expect(table.columnDefinitions!.map((c) => c.name)).toEqual(['Name', 'Controller', 'Revision', 'Age']);
    expect(table.columnDefinitions![2]!.description).toBe(doc('appsv1beta1.ControllerRevision.revision'));
    expect(table.rows![0]!.cells).toEqual(['db-5d8f7c6b9', 'statefulset.apps/db', 2, '120m']);
  });

  it('prints <none> without a controller owner', () => {
    const orphan: KubeObject = { metadata: { name: 'x', creationTimestamp: '2025-03-10T11:59:00Z' }, revision: 1 };
    expect(toTable({ group: 'apps', version: 'v1', kind: 'ControllerRevision' }, [orphan], { now, includeObject: 'None' }).rows![0]!.cells).toEqual([
      'x',
      '<none>',
      1,
      '60s',
    ]);
  });
});
