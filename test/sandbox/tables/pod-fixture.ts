/** A realistic Pod and helpers shared by the pod table tests. */
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { toTable } from '../../../src/sandbox/tables/table.js';

export const now = new Date('2025-03-10T12:00:00Z');
export const pods = { group: '', version: 'v1', kind: 'Pod' };

/** A Deployment's pod, running on a kind worker, exactly as `GET /api/v1/namespaces/default/pods/x` returns it. */
export function runningPod(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      creationTimestamp: '2025-03-10T11:55:00Z',
      generateName: 'web-7d9c5b8f4-',
      labels: { app: 'web', 'pod-template-hash': '7d9c5b8f4' },
      name: 'web-7d9c5b8f4-x2x7q',
      namespace: 'default',
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          blockOwnerDeletion: true,
          controller: true,
          kind: 'ReplicaSet',
          name: 'web-7d9c5b8f4',
          uid: '0b1e7a52-5f0e-4c1b-9d8e-2f4c6a1b3d5e',
        },
      ],
      resourceVersion: '1033',
      uid: '9c3d1f0a-7e2b-4a6c-8d5f-1e3b5c7a9d0f',
    },
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
      enableServiceLinks: true,
      nodeName: 'kind-worker',
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
    },
    status: {
      conditions: [
        { lastProbeTime: null, lastTransitionTime: '2025-03-10T11:55:03Z', status: 'True', type: 'PodReadyToStartContainers' },
        { lastProbeTime: null, lastTransitionTime: '2025-03-10T11:55:00Z', status: 'True', type: 'Initialized' },
        { lastProbeTime: null, lastTransitionTime: '2025-03-10T11:55:03Z', status: 'True', type: 'Ready' },
        { lastProbeTime: null, lastTransitionTime: '2025-03-10T11:55:03Z', status: 'True', type: 'ContainersReady' },
        { lastProbeTime: null, lastTransitionTime: '2025-03-10T11:55:00Z', status: 'True', type: 'PodScheduled' },
      ],
      containerStatuses: [
        {
          containerID: 'containerd://4f1c0e2d9b8a7c6e5d4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d',
          image: 'docker.io/library/nginx:1.27',
          imageID: 'docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
          lastState: {},
          name: 'nginx',
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: '2025-03-10T11:55:02Z' } },
        },
      ],
      hostIP: '172.18.0.3',
      hostIPs: [{ ip: '172.18.0.3' }],
      phase: 'Running',
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      qosClass: 'BestEffort',
      startTime: '2025-03-10T11:55:00Z',
    },
  };
}

/** The row of one pod; `tweak` edits a fresh running pod into the case under test. */
export function cells(tweak: (pod: KubeObject) => void): unknown[] {
  const pod = runningPod();
  tweak(pod);
  return toTable(pods, [pod], { now, includeObject: 'None' }).rows![0]!.cells;
}

export function containerStatus(pod: KubeObject): KubeObject {
  return pod.status.containerStatuses[0];
}

export function setCondition(pod: KubeObject, type: string, status: string, reason?: string): void {
  const condition = pod.status.conditions.find((c: KubeObject) => c.type === type);
  condition.status = status;
  if (reason) condition.reason = reason;
}
