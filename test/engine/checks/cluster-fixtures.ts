/**
 * Kubernetes objects shaped as a real apiserver returns them (`kubectl get -o json` on minikube
 * v1.34 after `kubectl create deployment nginx-depl --image=nginx`), trimmed of managedFields.
 * Builders take only what a test varies; everything else is what the API would default.
 */
import type { KubeObject } from '../../../src/engine/checks/k8s.js';

const NS = 'kubedojo';
const CREATED = '2025-11-24T22:04:14Z';

export function deployment(name: string, image: string, options: { replicas?: number; revision?: number; uid?: string; ready?: number } = {}): KubeObject {
  const replicas = options.replicas ?? 1;
  const ready = options.ready ?? replicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      annotations: { 'deployment.kubernetes.io/revision': String(options.revision ?? 1) },
      creationTimestamp: CREATED,
      generation: options.revision ?? 1,
      labels: { app: name },
      name,
      namespace: NS,
      resourceVersion: '980',
      uid: options.uid ?? `${name}-uid`,
    },
    spec: {
      progressDeadlineSeconds: 600,
      replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: name } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { creationTimestamp: null, labels: { app: name } },
        spec: {
          containers: [container(image)],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    },
    status: {
      availableReplicas: ready,
      conditions: [
        { lastTransitionTime: CREATED, lastUpdateTime: CREATED, message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' },
      ],
      observedGeneration: options.revision ?? 1,
      readyReplicas: ready,
      replicas,
      updatedReplicas: replicas,
    },
  };
}

function container(image: string, ports?: { containerPort: number; name?: string }[]): Record<string, unknown> {
  const name = image.split(':')[0]!.split('/').at(-1)!;
  return {
    image,
    imagePullPolicy: image.includes(':') ? 'IfNotPresent' : 'Always',
    name,
    ...(ports ? { ports: ports.map((port) => ({ ...port, protocol: 'TCP' })) } : {}),
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
}

export function replicaSet(owner: KubeObject, hash: string, image: string, options: { revision: number; replicas?: number }): KubeObject {
  const app = owner.metadata!.name!;
  const replicas = options.replicas ?? 1;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      annotations: {
        'deployment.kubernetes.io/desired-replicas': '1',
        'deployment.kubernetes.io/max-replicas': '2',
        'deployment.kubernetes.io/revision': String(options.revision),
      },
      creationTimestamp: CREATED,
      generation: 1,
      labels: { app, 'pod-template-hash': hash },
      name: `${app}-${hash}`,
      namespace: NS,
      ownerReferences: [
        { apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'Deployment', name: app, uid: owner.metadata!.uid! },
      ],
      resourceVersion: '1042',
      uid: `${app}-${hash}-uid`,
    },
    spec: {
      replicas,
      selector: { matchLabels: { app, 'pod-template-hash': hash } },
      template: {
        metadata: { creationTimestamp: null, labels: { app, 'pod-template-hash': hash } },
        spec: { containers: [container(image)], dnsPolicy: 'ClusterFirst', restartPolicy: 'Always' },
      },
    },
    status: { availableReplicas: replicas, fullyLabeledReplicas: replicas, observedGeneration: 1, readyReplicas: replicas, replicas },
  };
}

export interface PodOptions {
  ip?: string;
  ready?: boolean;
  /** A waiting reason such as ContainerCreating or ImagePullBackOff (implies not ready). */
  waiting?: string;
  terminating?: boolean;
  created?: string;
  ports?: { containerPort: number; name?: string }[];
}

export function pod(owner: KubeObject, suffix: string, options: PodOptions = {}): KubeObject {
  const rsName = owner.metadata!.name!;
  const labels = owner.spec && typeof owner.spec === 'object' ? ((owner.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels) : {};
  const image = ((owner.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!).image;
  const ready = options.waiting === undefined && options.ready !== false;
  const status = (value: boolean): string => (value ? 'True' : 'False');
  const state = options.waiting !== undefined
    ? { waiting: { reason: options.waiting } }
    : { running: { startedAt: '2025-11-24T22:04:21Z' } };
  const running = options.waiting === undefined;
  const name = container(image).name as string;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      creationTimestamp: options.created ?? CREATED,
      ...(options.terminating ? { deletionGracePeriodSeconds: 30, deletionTimestamp: '2025-11-24T22:07:01Z' } : {}),
      generateName: `${rsName}-`,
      labels: { ...labels },
      name: `${rsName}-${suffix}`,
      namespace: NS,
      ownerReferences: [
        { apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'ReplicaSet', name: rsName, uid: owner.metadata!.uid! },
      ],
      resourceVersion: '1061',
      uid: `${rsName}-${suffix}-uid`,
    },
    spec: {
      containers: [container(image, options.ports)],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      nodeName: 'minikube',
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
    },
    status: {
      conditions: [
        { lastProbeTime: null, lastTransitionTime: CREATED, status: status(running), type: 'PodReadyToStartContainers' },
        { lastProbeTime: null, lastTransitionTime: CREATED, status: 'True', type: 'Initialized' },
        { lastProbeTime: null, lastTransitionTime: CREATED, status: status(ready), type: 'Ready', ...(ready ? {} : { reason: 'ContainersNotReady', message: `containers with unready status: [${name}]` }) },
        { lastProbeTime: null, lastTransitionTime: CREATED, status: status(ready), type: 'ContainersReady' },
        { lastProbeTime: null, lastTransitionTime: CREATED, status: 'True', type: 'PodScheduled' },
      ],
      containerStatuses: [
        { containerID: running ? 'docker://3f1c' : undefined, image, imageID: running ? `docker-pullable://${image}@sha256:2d19` : '', lastState: {}, name, ready, restartCount: 0, started: running, state },
      ],
      hostIP: '192.168.49.2',
      hostIPs: [{ ip: '192.168.49.2' }],
      phase: running ? 'Running' : 'Pending',
      ...(options.ip ? { podIP: options.ip, podIPs: [{ ip: options.ip }] } : {}),
      qosClass: 'BestEffort',
      startTime: CREATED,
    },
  };
}

export function service(name: string, selector: Record<string, string> | undefined, ports: { port: number; targetPort?: number | string }[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { creationTimestamp: CREATED, name, namespace: NS, resourceVersion: '1200', uid: `${name}-uid` },
    spec: {
      clusterIP: '10.96.12.34',
      clusterIPs: ['10.96.12.34'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: ports.map((port) => ({ port: port.port, protocol: 'TCP', ...(port.targetPort !== undefined ? { targetPort: port.targetPort } : {}) })),
      ...(selector ? { selector } : {}),
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  };
}

export function endpoints(name: string, ready: readonly KubeObject[], port: number, notReady: readonly KubeObject[] = []): KubeObject {
  const address = (p: KubeObject): Record<string, unknown> => ({
    ip: (p.status as { podIP: string }).podIP,
    nodeName: 'minikube',
    targetRef: { kind: 'Pod', name: p.metadata!.name, namespace: NS, uid: p.metadata!.uid },
  });
  const subset: Record<string, unknown> = { ports: [{ port, protocol: 'TCP' }] };
  if (ready.length > 0) subset.addresses = ready.map(address);
  if (notReady.length > 0) subset.notReadyAddresses = notReady.map(address);
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { creationTimestamp: CREATED, labels: {}, name, namespace: NS, resourceVersion: '1210', uid: `${name}-ep-uid` },
    ...(ready.length + notReady.length > 0 ? { subsets: [subset] } : {}),
  };
}
