/**
 * Objects no kubectl command sends as protobuf, hand-encoded the way Go's marshaller writes them:
 * every value field present (zero or not), pointer fields only when set, zero times as empty
 * messages. Field numbers are the upstream ones (k8s.io/api core/v1, apps/v1, meta/v1 generated.proto).
 */
import { describe, expect, it } from 'vitest';
import { decodeProtobufObject } from '../../../src/sandbox/protobuf/index.js';
import { bytes, entry, int, kubernetesBody, msg, str } from './wire.js';

/** 2024-01-02T03:04:05Z */
const JAN_2 = 1704164645;
const quantity = (field: number, value: string) => msg(field, str(1, value));
/** intstr.IntOrString: type 0 with intVal, type 1 with strVal; Go writes all three fields. */
const intOrInt = (field: number, value: number) => msg(field, int(1, 0), int(2, value), str(3, ''));
const intOrName = (field: number, value: string) => msg(field, int(1, 1), int(2, 0), str(3, value));

/** metav1.ObjectMeta with every value field written, as Go does. */
function objectMeta(field: number, name: string, ...extra: Buffer[]): Buffer {
  return msg(field, str(1, name), str(2, ''), str(3, 'default'), str(4, ''), str(5, ''), str(6, ''), int(7, 0), ...extra);
}

describe('a hand-encoded Pod', () => {
  const container = msg(
    2,
    str(1, 'web'),
    str(2, 'nginx:1.25'),
    str(4, '-g'),
    str(4, 'daemon off;'),
    str(5, ''),
    // ports: name, hostPort, containerPort, protocol, hostIP
    msg(6, str(1, 'http'), int(2, 0), int(3, 80), str(4, 'TCP'), str(5, '')),
    msg(6, str(1, 'probe'), int(2, 0), int(3, 0), str(4, 'UDP'), str(5, '')),
    // env: a literal, an empty literal, and a secretKeyRef (LocalObjectReference inlined)
    msg(7, str(1, 'MODE'), str(2, 'prod')),
    msg(7, str(1, 'EMPTY'), str(2, '')),
    msg(7, str(1, 'PASSWORD'), str(2, ''), msg(3, msg(4, msg(1, str(1, 'creds')), str(2, 'password')))),
    // resources: limits, requests
    msg(8, entry(1, 'cpu', quantity(2, '500m')), entry(1, 'memory', quantity(2, '128Mi')), entry(2, 'cpu', quantity(2, '250m'))),
    // volumeMounts: name, readOnly, mountPath, subPath
    msg(9, str(1, 'config'), int(2, true), str(3, '/etc/nginx/conf.d'), str(4, '')),
    // livenessProbe: httpGet on a named port, then the thresholds
    msg(
      10,
      msg(1, msg(2, str(1, '/healthz'), intOrName(2, 'http'), str(3, ''), str(4, 'HTTP'), msg(5, str(1, 'X-Probe'), str(2, '')))),
      int(2, 5),
      int(3, 1),
      int(4, 10),
      int(5, 1),
      int(6, 3),
    ),
    // readinessProbe: tcpSocket on port 80, terminationGracePeriodSeconds (a pointer) set to 0
    msg(11, msg(1, msg(3, intOrInt(1, 80), str(2, ''))), int(2, 0), int(3, 1), int(4, 5), int(5, 1), int(6, 3), int(7, 0)),
    // startupProbe: exec
    msg(22, msg(1, msg(1, str(1, 'cat'), str(1, '/tmp/ready'))), int(2, 0), int(3, 1), int(4, 10), int(5, 1), int(6, 30)),
    // lifecycle.preStop.sleep
    msg(12, msg(2, msg(4, int(1, 5)))),
    str(13, '/dev/termination-log'),
    str(20, 'File'),
    str(14, 'IfNotPresent'),
    // securityContext: runAsUser 0 and allowPrivilegeEscalation false are pointers, so they stay
    msg(15, int(4, 0), int(5, true), int(7, false)),
    int(16, false),
    int(17, false),
    int(18, false),
  );
  const spec = msg(
    2,
    // volumes: a configMap (VolumeSource and LocalObjectReference inlined) and a sized emptyDir
    msg(1, str(1, 'config'), msg(2, msg(19, msg(1, str(1, 'web-config')), int(3, 420), int(4, false)))),
    msg(1, str(1, 'cache'), msg(2, msg(2, str(1, ''), quantity(2, '64Mi')))),
    container,
    str(3, 'Always'),
    int(4, 0),
    str(6, 'ClusterFirst'),
    str(8, ''),
    str(9, ''),
    int(21, false),
    str(10, ''),
    int(11, false),
    int(12, false),
    int(13, false),
    msg(14),
    str(16, ''),
    str(17, ''),
    str(19, 'default-scheduler'),
    int(25, 0),
    int(30, true),
  );
  const status = msg(
    3,
    str(1, 'Pending'),
    // conditions: type, status, lastProbeTime (zero), lastTransitionTime
    msg(2, str(1, 'PodScheduled'), str(2, 'True'), msg(3), msg(4, int(1, JAN_2)), str(5, ''), str(6, '')),
    str(3, ''),
    str(4, ''),
    str(5, ''),
    str(6, ''),
    str(9, 'Burstable'),
  );
  const metadata = objectMeta(
    1,
    'web-0',
    msg(8, int(1, JAN_2), int(2, 999_000_000)),
    entry(11, 'app', str(2, 'web')),
    // ownerReferences: kind, name, uid, apiVersion, controller, blockOwnerDeletion
    msg(13, str(1, 'ReplicaSet'), str(3, 'web-abc'), str(4, 'u-1'), str(5, 'apps/v1'), int(6, true), int(7, false)),
  );

  it('decodes to the JSON the API serves', () => {
    expect(decodeProtobufObject(kubernetesBody('v1', 'Pod', metadata, spec, status))).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: {
        name: 'web-0',
        namespace: 'default',
        creationTimestamp: '2024-01-02T03:04:05Z',
        labels: { app: 'web' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u-1', controller: true, blockOwnerDeletion: false },
        ],
      },
      spec: {
        volumes: [
          { name: 'config', configMap: { name: 'web-config', defaultMode: 420, optional: false } },
          { name: 'cache', emptyDir: { sizeLimit: '64Mi' } },
        ],
        containers: [
          {
            name: 'web',
            image: 'nginx:1.25',
            args: ['-g', 'daemon off;'],
            ports: [
              { name: 'http', containerPort: 80, protocol: 'TCP' },
              { name: 'probe', containerPort: 0, protocol: 'UDP' },
            ],
            env: [
              { name: 'MODE', value: 'prod' },
              { name: 'EMPTY' },
              { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
            ],
            resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m' } },
            volumeMounts: [{ name: 'config', readOnly: true, mountPath: '/etc/nginx/conf.d' }],
            livenessProbe: {
              httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP', httpHeaders: [{ name: 'X-Probe', value: '' }] },
              initialDelaySeconds: 5,
              timeoutSeconds: 1,
              periodSeconds: 10,
              successThreshold: 1,
              failureThreshold: 3,
            },
            readinessProbe: {
              tcpSocket: { port: 80 },
              timeoutSeconds: 1,
              periodSeconds: 5,
              successThreshold: 1,
              failureThreshold: 3,
              terminationGracePeriodSeconds: 0,
            },
            startupProbe: {
              exec: { command: ['cat', '/tmp/ready'] },
              timeoutSeconds: 1,
              periodSeconds: 10,
              successThreshold: 1,
              failureThreshold: 30,
            },
            lifecycle: { preStop: { sleep: { seconds: 5 } } },
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            imagePullPolicy: 'IfNotPresent',
            securityContext: { runAsUser: 0, runAsNonRoot: true, allowPrivilegeEscalation: false },
          },
        ],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 0,
        dnsPolicy: 'ClusterFirst',
        automountServiceAccountToken: false,
        securityContext: {},
        schedulerName: 'default-scheduler',
        priority: 0,
        enableServiceLinks: true,
      },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2024-01-02T03:04:05Z' }],
        qosClass: 'Burstable',
      },
    });
  });
});

describe('other kinds', () => {
  it('Event: a MicroTime keeps microseconds, zero times and counts are left out', () => {
    const body = kubernetesBody(
      'v1',
      'Event',
      objectMeta(1, 'web-0.17a'),
      msg(2, str(1, 'Pod'), str(2, 'default'), str(3, 'web-0'), str(4, ''), str(5, 'v1'), str(6, ''), str(7, '')),
      str(3, 'Scheduled'),
      str(4, 'Successfully assigned default/web-0 to node-1'),
      msg(5, str(1, ''), str(2, '')),
      msg(6),
      msg(7),
      int(8, 0),
      str(9, 'Normal'),
      msg(10, int(1, JAN_2), int(2, 123_456_789)),
      str(12, 'Binding'),
      str(14, 'default-scheduler'),
      str(15, ''),
    );
    expect(decodeProtobufObject(body)).toEqual({
      kind: 'Event',
      apiVersion: 'v1',
      metadata: { name: 'web-0.17a', namespace: 'default' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-0', apiVersion: 'v1' },
      reason: 'Scheduled',
      message: 'Successfully assigned default/web-0 to node-1',
      source: {},
      type: 'Normal',
      eventTime: '2024-01-02T03:04:05.123456Z',
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: '',
    });
  });

  it("Time: Go's zero time, written as seconds, is left out like an empty one", () => {
    const body = kubernetesBody('v1', 'Namespace', msg(1, str(1, 'old'), msg(8, int(1, -62135596800)), msg(9, int(1, 0))));
    expect(decodeProtobufObject(body)).toEqual({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'old', deletionTimestamp: '1970-01-01T00:00:00Z' },
    });
  });

  it('Node: quantities, taints and addresses', () => {
    const body = kubernetesBody(
      'v1',
      'Node',
      msg(1, str(1, 'node-1')),
      // spec: unschedulable, taints (key, value, effect, timeAdded)
      msg(2, int(4, true), msg(5, str(1, 'node.kubernetes.io/unschedulable'), str(2, ''), str(3, 'NoSchedule'), msg(4))),
      // status: capacity, addresses, nodeInfo.kubeletVersion
      msg(
        3,
        entry(1, 'cpu', quantity(2, '4')),
        entry(1, 'memory', quantity(2, '8Gi')),
        msg(5, str(1, 'InternalIP'), str(2, '10.0.0.1')),
        msg(7, str(7, 'v1.32.5'), str(1, '')),
      ),
    );
    expect(decodeProtobufObject(body)).toEqual({
      kind: 'Node',
      apiVersion: 'v1',
      metadata: { name: 'node-1' },
      spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] },
      status: {
        capacity: { cpu: '4', memory: '8Gi' },
        addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
        nodeInfo: { machineID: '', kubeletVersion: 'v1.32.5' },
      },
    });
  });

  it('Endpoints: subsets with a targetRef', () => {
    const body = kubernetesBody(
      'v1',
      'Endpoints',
      msg(1, str(1, 'web')),
      // subsets: addresses (ip, targetRef), ports (name, port, protocol)
      msg(2, msg(1, str(1, '10.1.0.5'), msg(2, str(1, 'Pod'), str(3, 'web-0'))), msg(3, str(1, 'http'), int(2, 8080), str(3, 'TCP'))),
    );
    expect(decodeProtobufObject(body)).toEqual({
      kind: 'Endpoints',
      apiVersion: 'v1',
      metadata: { name: 'web' },
      subsets: [
        {
          addresses: [{ ip: '10.1.0.5', targetRef: { kind: 'Pod', name: 'web-0' } }],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ],
    });
  });

  it('Secret and ConfigMap: bytes become base64, any key stays an own property', () => {
    const secret = kubernetesBody(
      'v1',
      'Secret',
      msg(1, str(1, 's')),
      entry(2, 'bin', bytes(2, Buffer.from([0xff, 0x00]))),
      entry(2, 'empty', bytes(2, Buffer.alloc(0))),
      str(3, 'Opaque'),
    );
    expect(decodeProtobufObject(secret)).toEqual({
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: { name: 's' },
      data: { bin: '/wA=', empty: '' },
      type: 'Opaque',
    });

    const body = kubernetesBody('v1', 'ConfigMap', msg(1, str(1, 'c')), entry(2, '__proto__', str(2, 'x')));
    const configMap = decodeProtobufObject(body);
    expect(Object.getPrototypeOf(configMap.data)).toBe(Object.prototype);
    expect(Object.keys(configMap.data)).toEqual(['__proto__']);
    expect(configMap.data.__proto__).toBe('x');
  });

  it('ControllerRevision: a RawExtension is the embedded JSON, int64 a number', () => {
    const body = kubernetesBody(
      'apps/v1',
      'ControllerRevision',
      msg(1, str(1, 'web-5d4f')),
      msg(2, bytes(1, Buffer.from('{"spec":{"template":{"$patch":"replace"}}}'))),
      int(3, 3),
    );
    expect(decodeProtobufObject(body)).toEqual({
      kind: 'ControllerRevision',
      apiVersion: 'apps/v1',
      metadata: { name: 'web-5d4f' },
      data: { spec: { template: { $patch: 'replace' } } },
      revision: 3,
    });
  });

  it('Deployment: a rolling update with IntOrString percentages', () => {
    const body = kubernetesBody(
      'apps/v1',
      'Deployment',
      msg(1, str(1, 'web')),
      // spec: replicas, strategy{type, rollingUpdate{maxUnavailable, maxSurge}}, minReadySeconds, paused
      msg(2, int(1, 2), msg(4, str(1, 'RollingUpdate'), msg(2, intOrInt(1, 0), intOrName(2, '25%'))), int(5, 0), int(7, false)),
    );
    expect(decodeProtobufObject(body)).toEqual({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web' },
      spec: { replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } } },
    });
  });

  it('Scale', () => {
    // spec.replicas 0 (a value field, so omitted), status.replicas 3 and selector
    const body = kubernetesBody('autoscaling/v1', 'Scale', msg(1, str(1, 'web')), msg(2, int(1, 0)), msg(3, int(1, 3), str(2, 'app=web')));
    expect(decodeProtobufObject(body)).toEqual({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web' },
      spec: {},
      status: { replicas: 3, selector: 'app=web' },
    });
  });
});

describe('every supported kind', () => {
  const kinds = [
    [
      'v1',
      ['ConfigMap', 'Endpoints', 'Event', 'Namespace', 'Node', 'Pod', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount', 'DeleteOptions'],
    ],
    ['apps/v1', ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DeleteOptions']],
    ['autoscaling/v1', ['HorizontalPodAutoscaler', 'Scale']],
    ['batch/v1', ['CronJob', 'Job']],
    ['policy/v1', ['Eviction', 'PodDisruptionBudget']],
    ['networking.k8s.io/v1', ['Ingress']],
    ['rbac.authorization.k8s.io/v1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']],
    ['scheduling.k8s.io/v1', ['PriorityClass']],
    ['authentication.k8s.io/v1', ['TokenRequest']],
    ['authorization.k8s.io/v1', ['SelfSubjectAccessReview']],
    ['meta.k8s.io/v1', ['DeleteOptions']],
  ] as const;
  const cases = kinds.flatMap(([apiVersion, names]) => names.map((kind) => [apiVersion, kind] as const));

  it.each(cases)('%s %s decodes from an empty object', (apiVersion, kind) => {
    expect(decodeProtobufObject(kubernetesBody(apiVersion, kind))).toEqual({ kind, apiVersion });
  });
});
