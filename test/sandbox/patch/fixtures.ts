/**
 * Objects shaped exactly as kube-apiserver 1.32 serves them (defaults applied; managedFields left
 * out), for the patch tests. `web` was created by `kubectl apply -f web.yaml`, so it carries the
 * last-applied annotation kubectl wrote.
 */
import type { KubeObject } from '../../../src/sandbox/api/status.js';

/** kubectl.kubernetes.io/last-applied-configuration as kubectl writes it: compact JSON, then a newline. */
export const lastApplied = (manifest: KubeObject): string => `${JSON.stringify(manifest)}\n`;

/** web.yaml's Deployment as `kubectl apply` recorded it (kubectl sorts the keys). */
export const deploymentManifest: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { annotations: {}, labels: { app: 'web' }, name: 'web', namespace: 'default' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            env: [{ name: 'MODE', value: 'blue' }, { name: 'DEBUG', value: 'false' }],
            image: 'nginx:1.25',
            name: 'nginx',
            ports: [{ containerPort: 80 }],
          },
        ],
      },
    },
  },
};

/** web.yaml's Service as `kubectl apply` recorded it. */
export const serviceManifest: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { annotations: {}, labels: { app: 'web' }, name: 'web', namespace: 'default' },
  spec: {
    ports: [
      { name: 'http', port: 80, targetPort: 8080 },
      { name: 'https', port: 443, targetPort: 8443 },
    ],
    selector: { app: 'web' },
  },
};

/** The Deployment `web` as kube-apiserver serves it after `kubectl apply -f web.yaml` (managedFields left out). */
export const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    annotations: {
      'deployment.kubernetes.io/revision': '1',
      'kubectl.kubernetes.io/last-applied-configuration': lastApplied(deploymentManifest),
    },
    creationTimestamp: '2025-03-01T10:00:00Z',
    generation: 1,
    labels: { app: 'web' },
    name: 'web',
    namespace: 'default',
    resourceVersion: '1042',
    uid: '5f0c6a8e-2b1d-4c3e-9a7f-1d2e3f4a5b6c',
  },
  spec: {
    progressDeadlineSeconds: 600,
    replicas: 3,
    revisionHistoryLimit: 10,
    selector: { matchLabels: { app: 'web' } },
    strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        containers: [
          {
            env: [{ name: 'MODE', value: 'blue' }, { name: 'DEBUG', value: 'false' }],
            image: 'nginx:1.25',
            imagePullPolicy: 'IfNotPresent',
            name: 'nginx',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
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
    },
  },
  status: {
    availableReplicas: 3,
    conditions: [
      {
        lastTransitionTime: '2025-03-01T10:00:05Z',
        lastUpdateTime: '2025-03-01T10:00:05Z',
        message: 'Deployment has minimum availability.',
        reason: 'MinimumReplicasAvailable',
        status: 'True',
        type: 'Available',
      },
      {
        lastTransitionTime: '2025-03-01T10:00:00Z',
        lastUpdateTime: '2025-03-01T10:00:05Z',
        message: 'ReplicaSet "web-6d4b7c9f8d" has successfully progressed.',
        reason: 'NewReplicaSetAvailable',
        status: 'True',
        type: 'Progressing',
      },
    ],
    observedGeneration: 1,
    readyReplicas: 3,
    replicas: 3,
    updatedReplicas: 3,
  },
};

/** The Service `web` as kube-apiserver serves it after `kubectl apply -f web.yaml`. */
export const service: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied(serviceManifest) },
    creationTimestamp: '2025-03-01T10:00:00Z',
    labels: { app: 'web' },
    name: 'web',
    namespace: 'default',
    resourceVersion: '1043',
    uid: '8b9c0d1e-3f4a-4b5c-8d6e-7f8091a2b3c4',
  },
  spec: {
    clusterIP: '10.96.45.12',
    clusterIPs: ['10.96.45.12'],
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports: [
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
      { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
    ],
    selector: { app: 'web' },
    sessionAffinity: 'None',
    type: 'ClusterIP',
  },
  status: { loadBalancer: {} },
};
