import { describe, expect, it } from 'vitest';
import { defaultObject, validateCreate, validateUpdate } from '../../../src/sandbox/admission/index.js';

type Obj = Record<string, any>;

const service = (spec: Obj, name = 'web'): Obj => defaultObject('Service', { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec });

/** `field: detail`, the way each error appears in the 422 message. */
const lines = (kind: string, obj: Obj, old?: Obj) => (old ? validateUpdate(kind, obj, old) : validateCreate(kind, obj)).map((e) => `${e.field}: ${e.detail}`);

describe('Service validation', () => {
  it('checks ports, names and selectors', () => {
    const svc = service({ selector: { app: 'web' }, ports: [{ port: 70000 }, { port: 80, name: 'HTTP' }] }, 'Bad_Name');
    expect(lines('Service', svc)).toEqual([
      `metadata.name: Invalid value: "Bad_Name": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      'spec.ports[0].name: Required value',
      'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      `spec.ports[1].name: Invalid value: "HTTP": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ]);
  });

  it('reports duplicate ports as the internal ServicePort key', () => {
    expect(lines('Service', service({ ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] }))).toEqual([
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]);
  });

  it('checks type-dependent fields', () => {
    expect(lines('Service', service({ ports: [{ port: 80, nodePort: 30080 }], type: 'ClusterIP' }))).toEqual([
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
    expect(lines('Service', service({ type: 'Headless', ports: [{ port: 80 }] }))).toEqual([
      'spec.type: Unsupported value: "Headless": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
    expect(lines('Service', service({ type: 'ExternalName' }))).toEqual(['spec.externalName: Required value']);
  });

  it('accepts a headless Service given only clusterIP: None, and a type change back to ClusterIP', () => {
    expect(validateCreate('Service', service({ clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }))).toEqual([]);
    const old = { ...service({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }) };
    old.spec = { ...old.spec, clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' };
    const next = structuredClone(old);
    next.spec.type = 'ClusterIP';
    expect(validateUpdate('Service', next, old)).toEqual([]);
  });

  it('keeps the cluster IP once set', () => {
    const old = service({ ports: [{ port: 80 }] });
    old.spec.clusterIP = '10.96.0.10';
    old.spec.clusterIPs = ['10.96.0.10'];
    const next = structuredClone(old);
    next.spec.clusterIP = '10.96.0.11';
    delete next.spec.clusterIPs;
    expect(lines('Service', next, old)).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set']);
    const omitted = structuredClone(old);
    delete omitted.spec.clusterIP;
    delete omitted.spec.clusterIPs;
    expect(validateUpdate('Service', omitted, old)).toEqual([]);
  });
});

describe('other kinds', () => {
  it('validates Namespace names as DNS labels', () => {
    const ns = defaultObject('Namespace', { metadata: { name: 'my.team' } });
    expect(lines('Namespace', ns)).toEqual(['metadata.name: Invalid value: "my.team": must not contain dots']);
  });

  it('validates ConfigMap keys and immutability', () => {
    const cm = (data: Obj, immutable?: boolean) => defaultObject('ConfigMap', { metadata: { name: 'c', namespace: 'default' }, data, ...(immutable === undefined ? {} : { immutable }) });
    expect(lines('ConfigMap', cm({ 'app config': 'x' }))).toEqual([
      `data[app config]: Invalid value: "app config": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    ]);
    expect(lines('ConfigMap', cm({ a: '2' }, true), cm({ a: '1' }, true))).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
  });

  it('validates Secret types and keeps the type', () => {
    const secret = (type: string, data: Obj = {}) => defaultObject('Secret', { metadata: { name: 's', namespace: 'default' }, type, data });
    expect(lines('Secret', secret('kubernetes.io/tls', { 'tls.crt': 'eA==' }))).toEqual(['data[tls.key]: Required value']);
    expect(lines('Secret', secret('kubernetes.io/basic-auth', { username: 'eA==' }), secret('Opaque'))).toEqual(['type: Invalid value: "kubernetes.io/basic-auth": field is immutable']);
  });

  it('validates Endpoints addresses', () => {
    const ep = defaultObject('Endpoints', { metadata: { name: 'e', namespace: 'default' }, subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80 }] }, { ports: [{ port: 81 }] }] });
    expect(lines('Endpoints', ep)).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'subsets[1]: Required value: must specify `addresses` or `notReadyAddresses`',
    ]);
  });
});
