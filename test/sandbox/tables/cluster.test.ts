import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { toTable } from '../../../src/sandbox/tables/table.js';
import { doc } from './swagger-docs.js';

const now = new Date('2025-03-10T12:00:00Z');
const nodes = { group: '', version: 'v1', kind: 'Node' };

/** A kind control-plane node, as `GET /api/v1/nodes/kind-control-plane` returns it (images and capacity trimmed). */
function controlPlane(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      creationTimestamp: '2025-03-08T10:30:00Z',
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': 'kind-control-plane',
        'kubernetes.io/os': 'linux',
        'node-role.kubernetes.io/control-plane': '',
        'node.kubernetes.io/exclude-from-external-load-balancers': '',
      },
      name: 'kind-control-plane',
      resourceVersion: '2210',
      uid: '5e7a9c1b-3d5f-4b7a-9c1e-3f5a7b9c1d3e',
    },
    spec: {
      podCIDR: '10.244.0.0/24',
      podCIDRs: ['10.244.0.0/24'],
      providerID: 'kind://docker/kind/kind-control-plane',
      taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }],
    },
    status: {
      addresses: [
        { address: '172.18.0.2', type: 'InternalIP' },
        { address: 'kind-control-plane', type: 'Hostname' },
      ],
      allocatable: { cpu: '8', 'ephemeral-storage': '102626232Ki', memory: '16265344Ki', pods: '110' },
      capacity: { cpu: '8', 'ephemeral-storage': '102626232Ki', memory: '16265344Ki', pods: '110' },
      conditions: [
        { lastHeartbeatTime: '2025-03-10T11:59:00Z', lastTransitionTime: '2025-03-08T10:30:00Z', message: 'kubelet has sufficient memory available', reason: 'KubeletHasSufficientMemory', status: 'False', type: 'MemoryPressure' },
        { lastHeartbeatTime: '2025-03-10T11:59:00Z', lastTransitionTime: '2025-03-08T10:30:00Z', message: 'kubelet has no disk pressure', reason: 'KubeletHasNoDiskPressure', status: 'False', type: 'DiskPressure' },
        { lastHeartbeatTime: '2025-03-10T11:59:00Z', lastTransitionTime: '2025-03-08T10:30:00Z', message: 'kubelet has sufficient PID available', reason: 'KubeletHasSufficientPID', status: 'False', type: 'PIDPressure' },
        { lastHeartbeatTime: '2025-03-10T11:59:00Z', lastTransitionTime: '2025-03-08T10:30:30Z', message: 'kubelet is posting ready status', reason: 'KubeletReady', status: 'True', type: 'Ready' },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-51-generic',
        kubeProxyVersion: 'v1.32.0',
        kubeletVersion: 'v1.32.0',
        machineID: '9a8b7c6d5e4f30211203f4e5d6c7b8a9',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: '9a8b7c6d-5e4f-3021-1203-f4e5d6c7b8a9',
      },
    },
  };
}

function cells(node: KubeObject): unknown[] {
  return toTable(nodes, [node], { now, includeObject: 'None' }).rows![0]!.cells;
}

describe('node table', () => {
  it('prints a ready control-plane node exactly as kube-apiserver does', () => {
    expect(toTable(nodes, [controlPlane()], { now, includeObject: 'Metadata' })).toEqual({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '2210' },
      columnDefinitions: [
        { name: 'Name', type: 'string', format: 'name', description: doc('metav1.ObjectMeta.name'), priority: 0 },
        { name: 'Status', type: 'string', format: '', description: 'The status of the node', priority: 0 },
        { name: 'Roles', type: 'string', format: '', description: 'The roles of the node', priority: 0 },
        { name: 'Age', type: 'string', format: '', description: doc('metav1.ObjectMeta.creationTimestamp'), priority: 0 },
        { name: 'Version', type: 'string', format: '', description: doc('corev1.NodeSystemInfo.kubeletVersion'), priority: 0 },
        { name: 'Internal-IP', type: 'string', format: '', description: doc('corev1.NodeStatus.addresses'), priority: 1 },
        { name: 'External-IP', type: 'string', format: '', description: doc('corev1.NodeStatus.addresses'), priority: 1 },
        { name: 'OS-Image', type: 'string', format: '', description: doc('corev1.NodeSystemInfo.osImage'), priority: 1 },
        { name: 'Kernel-Version', type: 'string', format: '', description: doc('corev1.NodeSystemInfo.kernelVersion'), priority: 1 },
        { name: 'Container-Runtime', type: 'string', format: '', description: doc('corev1.NodeSystemInfo.containerRuntimeVersion'), priority: 1 },
      ],
      rows: [
        {
          cells: [
            'kind-control-plane',
            'Ready',
            'control-plane',
            '2d1h',
            'v1.32.0',
            '172.18.0.2',
            '<none>',
            'Debian GNU/Linux 12 (bookworm)',
            '6.8.0-51-generic',
            'containerd://1.7.24',
          ],
          object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: controlPlane().metadata },
        },
      ],
    });
  });

  it('shows NotReady and SchedulingDisabled for a cordoned node whose kubelet stopped posting', () => {
    const node = controlPlane();
    node.spec.unschedulable = true;
    Object.assign(node.status.conditions[3], { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(cells(node)[1]).toBe('NotReady,SchedulingDisabled');
  });

  it('lets the last Ready condition win when there are two', () => {
    const node = controlPlane();
    node.status.conditions.push({ type: 'Ready', status: 'False', reason: 'KubeletNotReady' });
    expect(cells(node)[1]).toBe('NotReady');
  });

  it('shows Unknown for a node without a Ready condition (just registered)', () => {
    const node = controlPlane();
    node.status.conditions = node.status.conditions.slice(0, 3);
    expect(cells(node)[1]).toBe('Unknown');
  });

  it('collects roles from node-role.kubernetes.io/* and kubernetes.io/role, sorted', () => {
    const node = controlPlane();
    Object.assign(node.metadata.labels, { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'ingress', 'node-role.kubernetes.io/': '' });
    expect(cells(node)[2]).toBe('control-plane,ingress,worker');

    const worker = controlPlane();
    delete worker.metadata.labels['node-role.kubernetes.io/control-plane'];
    expect(cells(worker)[2]).toBe('<none>');
  });

  it('prints the external IP and <unknown> for missing node info', () => {
    const node = controlPlane();
    node.status.addresses.push({ address: '203.0.113.10', type: 'ExternalIP' });
    node.status.nodeInfo = { kubeletVersion: 'v1.32.0' };
    expect(cells(node).slice(5)).toEqual(['172.18.0.2', '203.0.113.10', '<unknown>', '<unknown>', '<unknown>']);
  });
});

describe('namespace table', () => {
  it('prints STATUS from status.phase', () => {
    const namespaces: KubeObject[] = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { creationTimestamp: '2025-03-08T10:30:00Z', name: 'default', resourceVersion: '20' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { creationTimestamp: '2025-03-10T11:59:30Z', deletionTimestamp: '2025-03-10T11:59:58Z', name: 'scratch', resourceVersion: '2300' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Terminating' } },
    ];
    const table = toTable({ group: '', version: 'v1', kind: 'Namespace' }, namespaces, { now, includeObject: 'None', listMeta: { resourceVersion: '2301' } });
    expect(table.columnDefinitions!.map((c) => [c.name, c.description])).toEqual([
      ['Name', doc('metav1.ObjectMeta.name')],
      ['Status', 'The status of the namespace'],
      ['Age', doc('metav1.ObjectMeta.creationTimestamp')],
    ]);
    expect(table.rows!.map((r) => r.cells)).toEqual([
      ['default', 'Active', '2d1h'],
      ['scratch', 'Terminating', '30s'],
    ]);
  });
});
