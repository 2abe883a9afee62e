import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/sandbox/api/status.js';
import {
  admitPodCreate,
  defaultObject,
  podQOSClass,
  prepareForCreate,
  prepareForStatusUpdate,
  prepareForUpdate,
  validateCreate,
} from '../../../src/sandbox/admission/index.js';

type Obj = Record<string, any>;

const deployment = (replicas = 1, annotations?: Obj): Obj =>
  defaultObject('Deployment', {
    metadata: { name: 'web', namespace: 'default', ...(annotations ? { annotations } : {}) },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    status: { replicas: 7 },
  });

describe('prepareForCreate', () => {
  it('resets workload status and starts generation at 1', () => {
    const d = deployment();
    d.metadata.generation = 9;
    d.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    prepareForCreate('Deployment', d);
    expect(d.status).toEqual({});
    expect(d.metadata.generation).toBe(1);
    expect(d.metadata.deletionTimestamp).toBeUndefined();
  });

  it('gives a Pod phase Pending and its QoS class, and explains scheduling gates', () => {
    const pod = defaultObject('Pod', { metadata: { name: 'p' }, spec: { schedulingGates: [{ name: 'wait' }], containers: [{ name: 'c', image: 'x' }] }, status: { phase: 'Running' } });
    prepareForCreate('Pod', pod, { now: () => '2024-05-01T10:00:00Z' });
    expect(pod.status).toEqual({
      phase: 'Pending',
      qosClass: 'BestEffort',
      conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2024-05-01T10:00:00Z', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' }],
    });
  });

  it('requires the kubernetes finalizer on a new Namespace', () => {
    const ns = defaultObject('Namespace', { metadata: { name: 'dev' }, spec: { finalizers: ['example.com/cleanup'] } });
    prepareForCreate('Namespace', ns);
    expect(ns.spec.finalizers).toEqual(['example.com/cleanup', 'kubernetes']);
    expect(ns.status).toEqual({ phase: 'Active' });
  });

  it('sets a Service single-stack IPv4 and hands it to the allocator hook', () => {
    const svc = defaultObject('Service', { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    const seen: Obj[] = [];
    prepareForCreate('Service', svc, {
      allocateServiceAddresses: (s) => {
        seen.push(structuredClone(s.spec));
        s.spec.clusterIP = '10.96.0.20';
        s.spec.clusterIPs = ['10.96.0.20'];
      },
    });
    expect(seen[0]).toMatchObject({ ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    expect(svc.spec.clusterIPs).toEqual(['10.96.0.20']);
    expect(validateCreate('Service', svc)).toEqual([]);
  });

  it('syncs clusterIPs from clusterIP and makes selectorless headless Services dual-stack', () => {
    const headless = defaultObject('Service', { metadata: { name: 'db', namespace: 'default' }, spec: { clusterIP: 'None' } });
    prepareForCreate('Service', headless);
    expect(headless.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] });
  });

  it('rejects dual-stack requests on the single-stack cluster', () => {
    const svc = defaultObject('Service', { metadata: { name: 'web', namespace: 'default' }, spec: { ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 80 }] } });
    let error: unknown;
    try {
      prepareForCreate('Service', svc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('Service "web" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services');
  });
});

describe('prepareForUpdate', () => {
  it('bumps generation only when the spec (or, for Deployments, annotations) changes', () => {
    const old = deployment();
    old.metadata.generation = 3;
    const same = deployment();
    prepareForUpdate('Deployment', same, old);
    expect(same.metadata.generation).toBe(3);
    const scaled = deployment(5);
    prepareForUpdate('Deployment', scaled, old);
    expect(scaled.metadata.generation).toBe(4);
    const annotated = deployment(1, { note: 'x' });
    prepareForUpdate('Deployment', annotated, old);
    expect(annotated.metadata.generation).toBe(4);
  });

  it('ignores the status a client sends and keeps identity fields', () => {
    const old = deployment();
    Object.assign(old.metadata, { generation: 2, uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z' });
    old.status = { replicas: 1 };
    const next = deployment();
    next.status = { replicas: 100 };
    next.metadata.generation = 50;
    prepareForUpdate('Deployment', next, old);
    expect(next.status).toEqual({ replicas: 1 });
    expect(next.metadata).toMatchObject({ generation: 2, uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z' });
  });

  it('keeps a Service\'s allocated addresses when an update leaves them out', () => {
    const old = defaultObject('Service', { metadata: { name: 'web', namespace: 'default' }, spec: { type: 'NodePort', ports: [{ name: 'http', port: 80 }] } });
    Object.assign(old.spec, { clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    old.spec.ports[0].nodePort = 30080;
    const next = defaultObject('Service', { metadata: { name: 'web', namespace: 'default' }, spec: { type: 'NodePort', ports: [{ name: 'http', port: 80 }] } });
    prepareForUpdate('Service', next, old);
    expect(next.spec).toMatchObject({ clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    expect(next.spec.ports[0].nodePort).toBe(30080);
  });

  it('drops NodePort-only fields when a Service becomes ClusterIP', () => {
    const old = defaultObject('Service', { metadata: { name: 'web', namespace: 'default' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] } });
    const next = structuredClone(old);
    next.spec.type = 'ClusterIP';
    prepareForUpdate('Service', next, old);
    expect(next.spec.ports[0].nodePort).toBeUndefined();
    expect(next.spec.externalTrafficPolicy).toBeUndefined();
  });

  it('keeps a Namespace\'s finalizers and status', () => {
    const old = { metadata: { name: 'dev' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
    const next = { metadata: { name: 'dev', labels: { a: 'b' } }, spec: {}, status: { phase: 'Terminating' } };
    prepareForUpdate('Namespace', next, old);
    expect(next).toEqual({ metadata: { name: 'dev', labels: { a: 'b' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  });
});

describe('prepareForStatusUpdate', () => {
  it('ignores spec (and Deployment labels) changes sent to the status subresource', () => {
    const old = deployment(2);
    old.metadata.labels = { app: 'web' };
    const next = deployment(9);
    next.metadata.labels = { app: 'changed' };
    next.status = { replicas: 2, readyReplicas: 2 };
    prepareForStatusUpdate('Deployment', next, old);
    expect(next.spec.replicas).toBe(2);
    expect(next.metadata.labels).toEqual({ app: 'web' });
    expect(next.status).toEqual({ replicas: 2, readyReplicas: 2 });
  });
});

describe('podQOSClass', () => {
  const pod = (...resources: Obj[]) => ({ spec: { containers: resources.map((r, i) => ({ name: `c${i}`, resources: r })) } });
  it('follows ComputePodQOS', () => {
    expect(podQOSClass(pod({}))).toBe('BestEffort');
    expect(podQOSClass(pod({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1024Mi' } }))).toBe('Guaranteed');
    expect(podQOSClass(pod({ limits: { cpu: '1', memory: '1Gi' } }, {}))).toBe('Burstable');
    expect(podQOSClass(pod({ requests: { cpu: '100m' } }))).toBe('Burstable');
  });
});

describe('admitPodCreate', () => {
  it('adds the service account, its token volume, priority and the default tolerations', () => {
    const pod = defaultObject('Pod', { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    admitPodCreate(pod, { tokenVolumeSuffix: 'abcde' });
    expect(pod.spec.serviceAccountName).toBe('default');
    expect(pod.spec.serviceAccount).toBe('default');
    expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: 'kube-api-access-abcde', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    expect(pod.spec.volumes[0].projected.sources[0]).toEqual({ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
    expect(pod.spec.priority).toBe(0);
    expect(pod.spec.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(validateCreate('Pod', defaultObject('Pod', pod))).toEqual([]);
  });

  it('refuses unknown PriorityClasses and hand-set priorities', () => {
    const pod = (spec: Obj) => ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }], ...spec } });
    expect(() => admitPodCreate(pod({ priorityClassName: 'gold' }), { tokenVolumeSuffix: 'x' })).toThrow('pods "p" is forbidden: no PriorityClass with name gold was found');
    expect(() => admitPodCreate(pod({ priority: 5 }), { tokenVolumeSuffix: 'x' })).toThrow(
      'pods "p" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
  });
});
