import { describe, expect, it } from 'vitest';
import { defaultObject, toApiError, validateCreate, validateStatusUpdate, validateUpdate } from '../../../src/sandbox/admission/index.js';

type Obj = Record<string, any>;

const deployment = (spec: Obj = {}, metadata: Obj = {}): Obj =>
  defaultObject('Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', ...metadata },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      ...spec,
    },
  });

const podTemplate = (spec: Obj, labels: Obj = { app: 'web' }) => ({ metadata: { labels }, spec });

/** `field: detail`, the way each error appears in the 422 message. */
const lines = (kind: string, obj: Obj, old?: Obj) => (old ? validateUpdate(kind, obj, old) : validateCreate(kind, obj)).map((e) => `${e.field}: ${e.detail}`);

describe('Deployment validation', () => {
  it('accepts a defaulted Deployment', () => {
    expect(validateCreate('Deployment', deployment())).toEqual([]);
  });

  it('reports a template that the selector does not match, and a missing image', () => {
    const d = deployment({ template: podTemplate({ containers: [{ name: 'nginx' }] }, { app: 'x' }) });
    expect(lines('Deployment', d)).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
      'spec.template.spec.containers[0].image: Required value',
    ]);
    expect(toApiError('Deployment', 'apps', 'web', validateCreate('Deployment', d)).message).toBe(
      'Deployment.apps "web" is invalid: [spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`, spec.template.spec.containers[0].image: Required value]',
    );
  });

  it('requires a selector, and then matches nothing', () => {
    const d = deployment();
    delete d.spec.selector;
    expect(lines('Deployment', d)).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('rejects an empty selector', () => {
    expect(lines('Deployment', deployment({ selector: {} }))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
  });

  it('rejects negative replicas and a rolling update that can make no progress', () => {
    expect(lines('Deployment', deployment({ replicas: -1, strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }))).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('checks intstr percentages', () => {
    expect(lines('Deployment', deployment({ strategy: { rollingUpdate: { maxSurge: '5', maxUnavailable: '120%' } } }))).toEqual([
      `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"5"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
    ]);
  });

  it('forbids rollingUpdate with Recreate and unknown strategy types', () => {
    expect(lines('Deployment', deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }))).toEqual([
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
    expect(lines('Deployment', deployment({ strategy: { type: 'BlueGreen' } }))).toEqual([
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ]);
  });

  it('requires restartPolicy Always and a deadline above minReadySeconds', () => {
    const d = deployment({ minReadySeconds: 700, template: podTemplate({ restartPolicy: 'OnFailure', containers: [{ name: 'nginx', image: 'nginx' }] }) });
    expect(lines('Deployment', d)).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
    ]);
  });

  it('keeps the selector immutable on update', () => {
    const old = deployment();
    const next = deployment({ selector: { matchLabels: { app: 'web2' } }, template: podTemplate({ containers: [{ name: 'nginx', image: 'nginx' }] }, { app: 'web2' }) });
    expect(lines('Deployment', next, old)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    expect(lines('Deployment', deployment({ replicas: 5 }), old)).toEqual([]);
  });

  it('lets a replace leave out uid and creationTimestamp but not change them', () => {
    const old = deployment({}, { uid: 'u-1', creationTimestamp: '2024-01-01T00:00:00Z', resourceVersion: '5' });
    expect(validateUpdate('Deployment', deployment(), old)).toEqual([]);
    expect(lines('Deployment', deployment({}, { uid: 'u-2', name: 'web2' }), old)).toEqual([
      'metadata.name: Invalid value: "web2": field is immutable',
      'metadata.uid: Invalid value: "u-2": field is immutable',
    ]);
  });

  it('validates names, labels and annotations in metadata', () => {
    expect(lines('Deployment', deployment({}, { name: 'Bad_Name', labels: { 'app.kubernetes.io/name': 'web app' } }))).toEqual([
      `metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      `metadata.labels: Invalid value: "web app": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ]);
    const huge = deployment({}, { annotations: { big: 'x'.repeat(256 * 1024) } });
    expect(lines('Deployment', huge)).toEqual(['metadata.annotations: Too long: may not be more than 262144 bytes']);
  });

  it('checks deployment status counters on the status subresource', () => {
    const d = deployment();
    const next = { ...d, status: { replicas: 1, readyReplicas: 2, availableReplicas: -1 } };
    expect(validateStatusUpdate('Deployment', next, d).map((e) => `${e.field}: ${e.detail}`)).toEqual([
      'status.availableReplicas: Invalid value: -1: must be greater than or equal to 0',
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
    ]);
  });
});

describe('pod spec validation (through a Deployment template)', () => {
  const withContainers = (containers: Obj[], extra: Obj = {}) => deployment({ template: podTemplate({ containers, ...extra }) });

  it('reports duplicate container names, bad and duplicate ports', () => {
    const d = withContainers([
      { name: 'a', image: 'x', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 70000, name: 'http' }] },
      { name: 'a', image: 'y' },
    ]);
    expect(lines('Deployment', d)).toEqual([
      'spec.template.spec.containers[0].ports[1].name: Duplicate value: "http"',
      'spec.template.spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.template.spec.containers[1].name: Duplicate value: "a"',
    ]);
  });

  it('checks container names, pull policies and env var names', () => {
    const d = withContainers([{ name: 'Web_1', image: 'x', imagePullPolicy: 'Sometimes', env: [{ name: '1BAD', value: 'v' }] }]);
    expect(lines('Deployment', d)).toEqual([
      `spec.template.spec.containers[0].name: Invalid value: "Web_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      `spec.template.spec.containers[0].env[0].name: Invalid value: "1BAD": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
      'spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ]);
  });

  it('checks requests against limits', () => {
    const d = withContainers([{ name: 'a', image: 'x', resources: { requests: { cpu: '2', memory: '-1' }, limits: { cpu: '1' } } }]);
    expect(lines('Deployment', d)).toEqual([
      // Requests are visited in key order once stored (Go's map order is random).
      'spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
      'spec.template.spec.containers[0].resources.requests[memory]: Invalid value: "-1": must be greater than or equal to 0',
    ]);
  });

  it('checks probes and volume mounts', () => {
    const d = withContainers([
      {
        name: 'a',
        image: 'x',
        livenessProbe: { successThreshold: 2, httpGet: { port: 'http-port-too-long' } },
        readinessProbe: { tcpSocket: { port: 8080 }, exec: { command: ['true'] } },
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
    ]);
    expect(lines('Deployment', d)).toEqual([
      'spec.template.spec.containers[0].volumeMounts[0].name: Not found: "data"',
      'spec.template.spec.containers[0].livenessProbe.httpGet.port: Invalid value: "http-port-too-long": must be no more than 15 characters',
      'spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
      'spec.template.spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    ]);
  });

  it('checks volumes', () => {
    const d = withContainers([{ name: 'a', image: 'x' }], {
      volumes: [
        { name: 'cfg', configMap: {}, secret: { secretName: 's' } },
        { name: 'cfg', emptyDir: {} },
      ],
    });
    // Upstream checks secret before configMap, so the second source found is the configMap.
    expect(lines('Deployment', d)).toEqual(['spec.template.spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type']);
    const noName = withContainers([{ name: 'a', image: 'x' }], { volumes: [{ name: 'cfg', configMap: {} }] });
    expect(lines('Deployment', noName)).toEqual(['spec.template.spec.volumes[0].configMap.name: Required value']);
    const dup = withContainers([{ name: 'a', image: 'x' }], { volumes: [{ name: 'v' }, { name: 'v' }] });
    expect(lines('Deployment', dup)).toEqual(['spec.template.spec.volumes[1].name: Duplicate value: "v"']);
  });

  it('checks tolerations and node selectors', () => {
    const d = withContainers([{ name: 'a', image: 'x' }], { tolerations: [{ operator: 'Equal', value: 'x' }], nodeSelector: { 'disk type': 'ssd' } });
    expect(lines('Deployment', d)).toEqual([
      `spec.template.spec.nodeSelector: Invalid value: "disk type": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      'spec.template.spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    ]);
  });
});

describe('ReplicaSet validation', () => {
  it('validates like a Deployment spec and keeps its selector', () => {
    const rs = (labels: Obj) => defaultObject('ReplicaSet', { metadata: { name: 'rs', namespace: 'default' }, spec: { selector: { matchLabels: labels }, template: podTemplate({ containers: [{ name: 'a', image: 'x' }] }, labels) } });
    expect(validateCreate('ReplicaSet', rs({ app: 'a' }))).toEqual([]);
    expect(lines('ReplicaSet', rs({ app: 'b' }), rs({ app: 'a' }))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});

describe('Pod validation', () => {
  const pod = (spec: Obj) => defaultObject('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec });

  it('accepts a defaulted Pod and rejects whitespace around images', () => {
    expect(validateCreate('Pod', pod({ containers: [{ name: 'c', image: 'nginx' }] }))).toEqual([]);
    expect(lines('Pod', pod({ containers: [{ name: 'c', image: ' nginx' }] }))).toEqual(['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace']);
  });

  it('lets only images change on update', () => {
    const old = pod({ containers: [{ name: 'c', image: 'nginx:1' }] });
    expect(lines('Pod', pod({ containers: [{ name: 'c', image: 'nginx:2' }] }), old)).toEqual([]);
    const changed = lines('Pod', pod({ containers: [{ name: 'c', image: 'nginx:1' }], restartPolicy: 'Never' }), old);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(
      /^spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
    expect(lines('Pod', pod({ containers: [{ name: 'c', image: 'x' }, { name: 'd', image: 'y' }] }), old)).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });
});
