import { describe, expect, it } from 'vitest';
import { canonicalQuantity, defaultObject, prepareForCreate, toWire } from '../../../src/sandbox/admission/index.js';

/** The body `kubectl create deployment nginx-depl --image=nginx` (1.32) sends. */
const kubectlCreateDeployment = () => ({
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  metadata: { name: 'nginx-depl', namespace: 'default', creationTimestamp: null, labels: { app: 'nginx-depl' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'nginx-depl' } },
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'nginx-depl' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] },
    },
    strategy: {},
  },
  status: {},
});

/**
 * What kube-apiserver 1.32 stores for it (before uid, resourceVersion, creationTimestamp and
 * managedFields, which the store adds), keys in Go struct order.
 */
const storedDeployment = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  metadata: { name: 'nginx-depl', namespace: 'default', generation: 1, creationTimestamp: null, labels: { app: 'nginx-depl' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'nginx-depl' } },
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'nginx-depl' } },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx',
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            imagePullPolicy: 'Always',
          },
        ],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
        securityContext: {},
        schedulerName: 'default-scheduler',
      },
    },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  },
  status: {},
};

describe('defaultObject', () => {
  it('turns kubectl create deployment into the object the apiserver stores, in its key order', () => {
    const obj = defaultObject('Deployment', kubectlCreateDeployment());
    prepareForCreate('Deployment', obj);
    const stored = toWire('Deployment', obj);
    expect(stored).toEqual(storedDeployment);
    expect(JSON.stringify(stored)).toBe(JSON.stringify(storedDeployment));
  });

  it('is pure and idempotent, so a template read back compares equal to the sent one', () => {
    const input = kubectlCreateDeployment();
    const once = defaultObject('Deployment', input);
    expect(input).toEqual(kubectlCreateDeployment());
    expect(JSON.stringify(defaultObject('Deployment', once))).toBe(JSON.stringify(once));
    const pod = defaultObject('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { limits: { cpu: '1' } } }] } });
    expect(defaultObject('Pod', pod)).toEqual(pod);
  });

  it('fills a template the same whether or not its optional structs were sent', () => {
    const sparse = defaultObject('Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
    });
    expect(sparse.spec.template.metadata).toEqual({ creationTimestamp: null, labels: { a: 'b' } });
    expect(sparse.spec.template.spec.containers[0]).toEqual({
      name: 'c',
      image: 'nginx:1.27',
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
    });
    expect(sparse.spec.replicas).toBe(1);
  });

  it('picks the pull policy from the image tag as ParseImageName does', () => {
    const policy = (image: string) => defaultObject('Pod', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image }] } }).spec.containers[0].imagePullPolicy;
    expect(policy('nginx')).toBe('Always');
    expect(policy('nginx:latest')).toBe('Always');
    expect(policy('nginx:1.27')).toBe('IfNotPresent');
    expect(policy('localhost:5000/team/app')).toBe('Always');
    expect(policy('nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')).toBe('IfNotPresent');
    expect(policy('Nginx')).toBe('IfNotPresent');
  });

  it('defaults a Pod: requests from limits, service links, ports, probes, canonical quantities', () => {
    const pod = defaultObject('Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }],
            resources: { limits: { cpu: '0.5', memory: '128Mi' }, requests: { memory: '64Mi' } },
            readinessProbe: { httpGet: { port: 80 } },
            livenessProbe: { grpc: { port: 9000 }, periodSeconds: 5 },
            env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
          },
        ],
        volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'cfg' } }],
      },
    });
    const c = pod.spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '64Mi' } });
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/', port: 80, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.livenessProbe).toEqual({ grpc: { port: 9000, service: '' }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 });
    expect(c.env[0].valueFrom.fieldRef).toEqual({ apiVersion: 'v1', fieldPath: 'spec.nodeName' });
    expect(pod.spec.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
    ]);
    expect(pod.spec.enableServiceLinks).toBe(true);
    expect(pod.status).toEqual({});
  });

  it('does not give pod templates the Pod-only defaults', () => {
    const rs = defaultObject('ReplicaSet', {
      metadata: { name: 'rs' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1' } } }] } } },
    });
    expect(rs.spec.template.spec.enableServiceLinks).toBeUndefined();
    expect(rs.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '1' } });
    expect(rs.spec.replicas).toBe(1);
    expect(rs.status).toEqual({ replicas: 0 });
  });

  it('defaults Services by type', () => {
    const svc = (spec: object) => defaultObject('Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec }).spec;
    expect(svc({ selector: { app: 'web' }, ports: [{ port: 80 }] })).toEqual({
      ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }],
      selector: { app: 'web' },
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
    });
    expect(svc({ type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] })).toEqual({
      ports: [{ protocol: 'TCP', port: 80, targetPort: 'http' }],
      type: 'NodePort',
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
    });
    const lb = svc({ type: 'LoadBalancer', ports: [{ port: 443, protocol: 'UDP' }], sessionAffinity: 'ClientIP' });
    expect(lb.allocateLoadBalancerNodePorts).toBe(true);
    expect(lb.externalTrafficPolicy).toBe('Cluster');
    expect(lb.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(svc({ type: 'ExternalName', externalName: 'example.com' }).internalTrafficPolicy).toBeUndefined();
  });

  it('defaults a Namespace: the name label always wins, status Active', () => {
    const ns = defaultObject('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'other', team: 'a' } } });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev', team: 'a' });
    expect(ns.spec).toEqual({});
    expect(ns.status).toEqual({ phase: 'Active' });
  });

  it('folds Secret stringData into data and defaults the type', () => {
    const secret = defaultObject('Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'eA==' }, stringData: { b: 'hello' } });
    expect(secret).toEqual({ kind: 'Secret', apiVersion: 'v1', metadata: { name: 's', creationTimestamp: null }, data: { a: 'eA==', b: 'aGVsbG8=' }, type: 'Opaque' });
  });

  it('defaults EndpointSlice ports and Endpoints protocols', () => {
    const slice = defaultObject('EndpointSlice', { metadata: { name: 'e' }, addressType: 'IPv4', endpoints: [], ports: [{ port: 80 }] });
    expect(slice.ports).toEqual([{ name: '', protocol: 'TCP', port: 80 }]);
    const ep = defaultObject('Endpoints', { metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] });
    expect(ep.subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
  });

  it('drops fields the Go types do not have and leaves unknown kinds alone', () => {
    expect(defaultObject('ConfigMap', { metadata: { name: 'c' }, data: { a: '1' }, extra: true })).toEqual({ metadata: { name: 'c', creationTimestamp: null }, data: { a: '1' } });
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' }, spec: { anything: 1 } };
    expect(defaultObject('Lease', lease)).toEqual(lease);
  });
});

describe('canonicalQuantity', () => {
  it('writes quantities back the way resource.Quantity does', () => {
    expect(canonicalQuantity('1000')).toBe('1k');
    expect(canonicalQuantity('0.5')).toBe('500m');
    expect(canonicalQuantity('1024Mi')).toBe('1Gi');
    expect(canonicalQuantity('1.5Gi')).toBe('1536Mi');
    expect(canonicalQuantity('0.5Ki')).toBe('512');
    expect(canonicalQuantity('1e3')).toBe('1e3');
    expect(canonicalQuantity('2000m')).toBe('2');
    expect(canonicalQuantity('100MB')).toBeUndefined();
  });

  it('rounds resource lists up to milli precision', () => {
    expect(canonicalQuantity('0.0001', true)).toBe('1m');
    expect(canonicalQuantity('0.0001')).toBe('100u');
  });
});
