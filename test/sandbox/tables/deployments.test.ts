import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { toTable } from '../../../src/sandbox/tables/table.js';
import { doc } from './swagger-docs.js';

const now = new Date('2025-03-10T12:00:00Z');

const nameColumn = { name: 'Name', type: 'string', format: 'name', description: doc('metav1.ObjectMeta.name'), priority: 0 };
const ageColumn = { name: 'Age', type: 'string', format: '', description: doc('metav1.ObjectMeta.creationTimestamp'), priority: 0 };
const containersColumn = { name: 'Containers', type: 'string', format: '', description: 'Names of each container in the template.', priority: 1 };
const imagesColumn = { name: 'Images', type: 'string', format: '', description: 'Images referenced by each container in the template.', priority: 1 };

/** The pod template `kubectl create deployment web --image=nginx:1.27` ends up with after defaulting. */
function template(): KubeObject {
  return {
    metadata: { creationTimestamp: null, labels: { app: 'web' } },
    spec: {
      containers: [
        {
          image: 'nginx:1.27',
          imagePullPolicy: 'IfNotPresent',
          name: 'nginx',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  };
}

/** A Deployment mid-rollout (3 desired, 2 ready), as `GET /apis/apps/v1/namespaces/default/deployments/web` returns it. */
function deployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      creationTimestamp: '2025-03-10T11:55:00Z',
      generation: 1,
      labels: { app: 'web' },
      name: 'web',
      namespace: 'default',
      resourceVersion: '1042',
      uid: '6f0c2c1e-2b1a-4c55-9a53-1a2b3c4d5e6f',
    },
    spec: {
      progressDeadlineSeconds: 600,
      replicas: 3,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: template(),
    },
    status: {
      availableReplicas: 2,
      conditions: [
        {
          lastTransitionTime: '2025-03-10T11:55:10Z',
          lastUpdateTime: '2025-03-10T11:55:10Z',
          message: 'Deployment does not have minimum availability.',
          reason: 'MinimumReplicasUnavailable',
          status: 'False',
          type: 'Available',
        },
        {
          lastTransitionTime: '2025-03-10T11:55:00Z',
          lastUpdateTime: '2025-03-10T11:55:10Z',
          message: 'ReplicaSet "web-7d9c5b8f4" is progressing.',
          reason: 'ReplicaSetUpdated',
          status: 'True',
          type: 'Progressing',
        },
      ],
      observedGeneration: 1,
      readyReplicas: 2,
      replicas: 3,
      unavailableReplicas: 1,
      updatedReplicas: 3,
    },
  };
}

function replicaSet(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      annotations: {
        'deployment.kubernetes.io/desired-replicas': '3',
        'deployment.kubernetes.io/max-replicas': '4',
        'deployment.kubernetes.io/revision': '1',
      },
      creationTimestamp: '2025-03-10T11:55:00Z',
      generation: 1,
      labels: { app: 'web', 'pod-template-hash': '7d9c5b8f4' },
      name: 'web-7d9c5b8f4',
      namespace: 'default',
      ownerReferences: [
        { apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'Deployment', name: 'web', uid: '6f0c2c1e-2b1a-4c55-9a53-1a2b3c4d5e6f' },
      ],
      resourceVersion: '1040',
      uid: '0b1e7a52-5f0e-4c1b-9d8e-2f4c6a1b3d5e',
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d9c5b8f4' } },
      template: template(),
    },
    status: { availableReplicas: 2, fullyLabeledReplicas: 3, observedGeneration: 1, readyReplicas: 2, replicas: 3 },
  };
}

describe('deployment table', () => {
  it('prints READY a/b, UP-TO-DATE, AVAILABLE and the wide columns exactly as kube-apiserver does', () => {
    expect(toTable({ group: 'apps', version: 'v1', kind: 'Deployment' }, [deployment()], { now, includeObject: 'Metadata' })).toEqual({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '1042' },
      columnDefinitions: [
        nameColumn,
        { name: 'Ready', type: 'string', format: '', description: 'Number of the pod with ready state', priority: 0 },
        { name: 'Up-to-date', type: 'string', format: '', description: doc('extensionsv1beta1.DeploymentStatus.updatedReplicas'), priority: 0 },
        { name: 'Available', type: 'string', format: '', description: doc('extensionsv1beta1.DeploymentStatus.availableReplicas'), priority: 0 },
        ageColumn,
        containersColumn,
        imagesColumn,
        { name: 'Selector', type: 'string', format: '', description: doc('extensionsv1beta1.DeploymentSpec.selector'), priority: 1 },
      ],
      rows: [
        {
          cells: ['web', '2/3', 3, 2, '5m', 'nginx', 'nginx:1.27', 'app=web'],
          object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: deployment().metadata },
        },
      ],
    });
  });

  it('reads absent status counters as 0 (a deployment the controller has not seen yet)', () => {
    const fresh = deployment();
    fresh.status = {};
    expect(toTable({ group: 'apps', version: 'v1', kind: 'Deployment' }, [fresh], { now, includeObject: 'None' }).rows![0]!.cells.slice(1, 4)).toEqual([
      '0/3',
      0,
      0,
    ]);
  });

  it('joins several containers and prints a set-based selector sorted by key', () => {
    const multi = deployment();
    multi.spec.template.spec.containers.push({ name: 'log', image: 'fluent-bit:3.1' });
    multi.spec.selector = {
      matchLabels: { tier: 'front' },
      matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }],
    };
    expect(toTable({ group: 'apps', version: 'v1', kind: 'Deployment' }, [multi], { now, includeObject: 'None' }).rows![0]!.cells.slice(5)).toEqual([
      'nginx,log',
      'nginx:1.27,fluent-bit:3.1',
      'app in (api,web),tier=front',
    ]);
  });
});

describe('deployment selector cell', () => {
  const selectorCell = (selector: KubeObject | undefined) => {
    const d = deployment();
    d.spec.selector = selector;
    return toTable({ group: 'apps', version: 'v1', kind: 'Deployment' }, [d], { now, includeObject: 'None' }).rows![0]!.cells[7];
  };

  it('prints the plain selector string: empty for none, <invalid> when it cannot be parsed', () => {
    expect(selectorCell(undefined)).toBe('');
    expect(selectorCell({ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] })).toBe('<invalid>');
  });
});

describe('replicaset table', () => {
  it('prints DESIRED, CURRENT, READY as integers exactly as kube-apiserver does', () => {
    expect(toTable({ group: 'apps', version: 'v1', kind: 'ReplicaSet' }, [replicaSet()], { now, includeObject: 'Metadata' })).toEqual({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '1040' },
      columnDefinitions: [
        nameColumn,
        { name: 'Desired', type: 'integer', format: '', description: doc('extensionsv1beta1.ReplicaSetSpec.replicas'), priority: 0 },
        { name: 'Current', type: 'integer', format: '', description: doc('extensionsv1beta1.ReplicaSetStatus.replicas'), priority: 0 },
        { name: 'Ready', type: 'integer', format: '', description: doc('extensionsv1beta1.ReplicaSetStatus.readyReplicas'), priority: 0 },
        ageColumn,
        containersColumn,
        imagesColumn,
        { name: 'Selector', type: 'string', format: '', description: doc('extensionsv1beta1.ReplicaSetSpec.selector'), priority: 1 },
      ],
      rows: [
        {
          cells: ['web-7d9c5b8f4', 3, 3, 2, '5m', 'nginx', 'nginx:1.27', 'app=web,pod-template-hash=7d9c5b8f4'],
          object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: replicaSet().metadata },
        },
      ],
    });
  });

  it('prints an old, scaled-down ReplicaSet as 0 0 0', () => {
    const old = replicaSet();
    old.spec.replicas = 0;
    old.status = { observedGeneration: 2, replicas: 0 };
    expect(toTable({ group: 'apps', version: 'v1', kind: 'ReplicaSet' }, [old], { now, includeObject: 'None' }).rows![0]!.cells.slice(1, 4)).toEqual([0, 0, 0]);
  });
});
