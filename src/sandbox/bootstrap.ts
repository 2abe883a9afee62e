/**
 * The state of a freshly started minikube: its node, the four system namespaces, the `kubernetes`
 * and `kube-dns` Services, and the kube-system Pods (static control-plane Pods, kube-proxy, the
 * storage provisioner, and CoreDNS as the Deployment it really is).
 */
import type { KubeObject } from './api/status.js';
import { findType, typeOfKind } from './api/resources.js';
import type { Registry } from './registry/registry.js';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles, CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES } from './auth/index.js';

export const NODE_NAME = 'minikube';
export const NODE_IP = '192.168.49.2';
export const KUBERNETES_VERSION = 'v1.32.0';

const NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** What the simulated node offers Pods (its capacity and allocatable): minikube's defaults on a laptop. */
export interface NodeCapacity {
  cpu: string;
  memory: string;
  pods: string;
}

export const MINIKUBE_CAPACITY: NodeCapacity = { cpu: '2', memory: '3912312Ki', pods: '110' };

/**
 * A workshop room's shared sandbox (`kubedojo sandbox --workshop`) stands in for a cluster sized
 * for the room: a hundred learners at the course's peak (a 5-replica surge plus the meter Pod, at
 * the LimitRange's 50m / 64Mi each: 350m / 448Mi) fit, and so does every learner's full quota up
 * to 32 learners. A laptop-sized node (2 CPU) would leave most of a room's Pods Pending.
 */
export const ROOM_CAPACITY: NodeCapacity = { cpu: '64', memory: '128Gi', pods: '2200' };

function nodeObject(now: string, size: NodeCapacity): KubeObject {
  const resources = { cpu: size.cpu, 'ephemeral-storage': '61202244Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: size.memory, pods: size.pods };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: NODE_NAME,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': NODE_NAME,
        'kubernetes.io/os': 'linux',
        'minikube.k8s.io/name': 'minikube',
        'minikube.k8s.io/primary': 'true',
        'minikube.k8s.io/version': 'v1.35.0',
        'node-role.kubernetes.io/control-plane': '',
        'node.kubernetes.io/exclude-from-external-load-balancers': '',
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/cri-dockerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
    status: {
      capacity: { ...resources },
      allocatable: { ...resources },
      conditions: [
        { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: 'True', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [
        { type: 'InternalIP', address: NODE_IP },
        { type: 'Hostname', address: NODE_NAME },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: '8f6f8b1c2d3e4f5a6b7c8d9e0f1a2b3c',
        systemUUID: '8f6f8b1c-2d3e-4f5a-6b7c-8d9e0f1a2b3c',
        bootID: '5b2a8c4e-1f3d-4e6a-9b7c-2d1e0f3a4b5c',
        kernelVersion: '6.8.0-kubedojo',
        osImage: 'Ubuntu 22.04.5 LTS',
        containerRuntimeVersion: 'docker://27.4.1',
        kubeletVersion: KUBERNETES_VERSION,
        kubeProxyVersion: KUBERNETES_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

interface SystemPod {
  name: string;
  image: string;
  labels: Record<string, string>;
  hostNetwork: boolean;
  ip: string;
  /** Static Pods belong to their Node, as the kubelet's mirror Pods do. */
  static: boolean;
  priorityClassName: string;
}

const SYSTEM_PODS: SystemPod[] = [
  { name: 'etcd-minikube', image: 'registry.k8s.io/etcd:3.5.16-0', labels: { component: 'etcd', tier: 'control-plane' }, hostNetwork: true, ip: NODE_IP, static: true, priorityClassName: 'system-node-critical' },
  { name: 'kube-apiserver-minikube', image: `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`, labels: { component: 'kube-apiserver', tier: 'control-plane' }, hostNetwork: true, ip: NODE_IP, static: true, priorityClassName: 'system-node-critical' },
  { name: 'kube-controller-manager-minikube', image: `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`, labels: { component: 'kube-controller-manager', tier: 'control-plane' }, hostNetwork: true, ip: NODE_IP, static: true, priorityClassName: 'system-node-critical' },
  { name: 'kube-scheduler-minikube', image: `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`, labels: { component: 'kube-scheduler', tier: 'control-plane' }, hostNetwork: true, ip: NODE_IP, static: true, priorityClassName: 'system-node-critical' },
  { name: 'kube-proxy-5xk8q', image: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`, labels: { 'k8s-app': 'kube-proxy', 'pod-template-generation': '1' }, hostNetwork: true, ip: NODE_IP, static: false, priorityClassName: 'system-node-critical' },
  { name: 'storage-provisioner', image: 'gcr.io/k8s-minikube/storage-provisioner:v5', labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile', 'integration-test': 'storage-provisioner' }, hostNetwork: true, ip: NODE_IP, static: false, priorityClassName: '' },
];

function systemPod(pod: SystemPod, node: KubeObject): KubeObject {
  const container = pod.name.replace(/-minikube$/, '').replace(/-[a-z0-9]{5}$/, '');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod.name,
      namespace: 'kube-system',
      labels: pod.labels,
      ...(pod.static
        ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: NODE_NAME, uid: node.metadata.uid, controller: true }] }
        : {}),
    },
    spec: {
      nodeName: NODE_NAME,
      hostNetwork: pod.hostNetwork,
      ...(pod.priorityClassName ? { priorityClassName: pod.priorityClassName, priority: 2000001000 } : {}),
      containers: [{ name: container, image: pod.image }],
    },
  };
}

function runningStatus(pod: KubeObject, ip: string, now: string): KubeObject {
  const container = pod.spec.containers[0];
  const condition = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now });
  return {
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
    hostIP: NODE_IP,
    hostIPs: [{ ip: NODE_IP }],
    podIP: ip,
    podIPs: [{ ip }],
    startTime: now,
    containerStatuses: [
      {
        name: container.name,
        state: { running: { startedAt: now } },
        lastState: {},
        ready: true,
        restartCount: 0,
        image: container.image,
        imageID: `docker-pullable://${container.image.split(':')[0]}@sha256:${'0'.repeat(64)}`,
        containerID: `docker://${Buffer.from(pod.metadata.name).toString('hex').padEnd(64, '0').slice(0, 64)}`,
        started: true,
      },
    ],
    qosClass: pod.status?.qosClass ?? 'BestEffort',
  };
}

function coreDnsDeployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.11.3',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
              ],
            },
          ],
        },
      },
    },
  };
}

/** Creates the initial objects. `apiserverPort` is where the sandbox listens (the kubernetes Endpoints). */
export function bootstrapCluster(registry: Registry, capacity: NodeCapacity = MINIKUBE_CAPACITY): void {
  const now = registry.clock.timestamp();
  const NAMESPACE = findType('', 'namespaces')!;
  for (const name of NAMESPACES) registry.create(NAMESPACE, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

  const NODE = findType('', 'nodes')!;
  const node = registry.create(NODE, undefined, nodeObject(now, capacity)).object;

  const SERVICE = findType('', 'services')!;
  registry.services.reserveIP('10.96.0.1');
  registry.services.reserveIP('10.96.0.10');
  registry.create(SERVICE, 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 }] },
  });
  registry.create(findType('', 'endpoints')!, 'default', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: NODE_IP }], ports: [{ name: 'https', port: 8443, protocol: 'TCP' }] }],
  });
  registry.create(SERVICE, 'kube-system', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' } },
    spec: {
      clusterIP: '10.96.0.10',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  });

  const POD = findType('', 'pods')!;
  for (const pod of SYSTEM_PODS) {
    const created = registry.create(POD, 'kube-system', systemPod(pod, node)).object;
    registry.update(POD, 'kube-system', created.metadata.name, { ...created, status: runningStatus(created, pod.ip, now) }, { subresource: 'status' });
  }
  registry.create(typeOfKind('apps', 'Deployment'), 'kube-system', coreDnsDeployment());
}

/**
 * The default ClusterRoles and ClusterRoleBindings (auth/rbac/bootstrap-policy.ts), created where
 * missing. Existing ones are left as they are: an instructor's edits stay.
 */
export function ensureBootstrapPolicy(registry: Registry): void {
  for (const role of bootstrapClusterRoles()) {
    if (!registry.store.peek(CLUSTER_ROLES, undefined, role.metadata.name)) registry.create(CLUSTER_ROLES, undefined, role);
  }
  for (const binding of bootstrapClusterRoleBindings()) {
    if (!registry.store.peek(CLUSTER_ROLE_BINDINGS, undefined, binding.metadata.name)) registry.create(CLUSTER_ROLE_BINDINGS, undefined, binding);
  }
}
