import { describe, expect, it } from 'vitest';
import {
  decodeBody,
  decodeFailure,
  defaultObject,
  findDecodeError,
  findUnknownFields,
  goMapString,
  patchStrictFailure,
  strictDecodingError,
  unknownFieldMessages,
  validateCreate,
} from '../../../src/sandbox/admission/index.js';

const deploymentBody = (spec: string) => `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},"spec":${spec}}`;

describe('findUnknownFields', () => {
  it('finds misspelt fields with the decoder path syntax', () => {
    const obj = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replica: 3, template: { spec: { containers: [{ name: 'c', image: 'x', imagePullPolcy: 'Always' }] } } },
    };
    expect(findUnknownFields('Deployment', obj)).toEqual(['spec.template.spec.containers[0].imagePullPolcy', 'spec.replica']);
  });

  it('knows inline-embedded structs (probe handlers, volume sources, TypeMeta) and map values', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { anything: 'goes' } },
      spec: {
        containers: [{ name: 'c', image: 'x', livenessProbe: { httpGet: { port: 80, paht: '/' }, periodSeconds: 1 }, resources: { limits: { cpu: '1' } } }],
        volumes: [{ name: 'v', emptyDir: {}, hostpath: { path: '/tmp' } }],
      },
    };
    expect(findUnknownFields('Pod', pod)).toEqual(['spec.volumes[0].hostpath', 'spec.containers[0].livenessProbe.httpGet.paht']);
  });

  it('is case-sensitive, as kube-apiserver decodes', () => {
    expect(findUnknownFields('Service', { spec: { Type: 'NodePort', ports: [{ Port: 80 }] } })).toEqual(['spec.ports[0].Port', 'spec.Type']);
  });

  it('checks events.k8s.io Events against their own type, and skips unknown kinds', () => {
    expect(findUnknownFields('Event', { apiVersion: 'events.k8s.io/v1', note: 'x', message: 'y' })).toEqual(['message']);
    expect(findUnknownFields('Event', { apiVersion: 'v1', note: 'x', message: 'y' })).toEqual(['note']);
    expect(findUnknownFields('Lease', { spec: { whatever: true } })).toEqual([]);
  });
});

describe('decodeBody (the strict JSON decoder)', () => {
  it('reports unknown and duplicate fields in document order, deduplicated', () => {
    const body = deploymentBody('{"replicas":1,"foo":1,"replicas":2,"template":{"spec":{"containers":[{"name":"a","imagePullPolcy":"x"},{"name":"b","imagePullPolcy":"y"}]}},"foo":2}');
    expect(decodeBody('Deployment', body)).toEqual({
      strictErrors: [
        'unknown field "spec.foo"',
        'duplicate field "spec.replicas"',
        'unknown field "spec.template.spec.containers[0].imagePullPolcy"',
        'unknown field "spec.template.spec.containers[1].imagePullPolcy"',
      ],
    });
  });

  it('reports duplicate map keys under their full path', () => {
    const body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1","a":"2"}},"data":{"k":"v"}}';
    expect(decodeBody('ConfigMap', body).strictErrors).toEqual(['duplicate field "metadata.labels.a"']);
  });

  it('turns a value of the wrong JSON type into the Go decode error, which wins over strict errors', () => {
    const quoted = decodeBody('Deployment', deploymentBody('{"replicas":"3","bogus":true}'));
    expect(quoted).toEqual({ decodeError: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32', strictErrors: [] });
    const env = decodeBody('Deployment', deploymentBody('{"template":{"spec":{"containers":[{"name":"a","env":[{"name":"PORT","value":8080}]}]}}}'));
    expect(env.decodeError).toBe('json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string');
    const label = decodeBody('Pod', '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"version":1}}}');
    expect(label.decodeError).toBe('json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
    const fraction = decodeBody('Deployment', deploymentBody('{"replicas":1.5}'));
    expect(fraction.decodeError).toBe('json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32');
  });

  it('rejects quantities that do not parse, with resource.Quantity\'s message', () => {
    const body = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"x","resources":{"limits":{"memory":"100MB"}}}]}}';
    expect(decodeBody('Pod', body).decodeError).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    expect(decodeFailure('Pod', 'v1', decodeBody('Pod', body).decodeError!).toStatus()).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    });
  });

  it('accepts valid bodies and has nothing to say about unknown kinds', () => {
    expect(decodeBody('Deployment', deploymentBody('{"replicas":3,"selector":{"matchLabels":{"app":"web"}}}'))).toEqual({ strictErrors: [] });
    expect(decodeBody('Lease', '{"spec":{"x":1,"x":2}}')).toEqual({ strictErrors: [] });
  });
});

describe('findDecodeError (already-parsed objects)', () => {
  it('finds the decode error a patched object would hit', () => {
    expect(findDecodeError('Service', { spec: { ports: [{ port: '80' }] } })).toBe('json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32');
    expect(findDecodeError('Service', { spec: { ports: [{ port: 80 }] } })).toBeUndefined();
  });

  it('never lets a wrongly typed value reach the validators', () => {
    const garbled = defaultObject('Deployment', { metadata: { name: 'x', namespace: 'default', labels: 'app' }, spec: { replicas: '3', template: { spec: { containers: 'nginx', volumes: {} } } } });
    expect(garbled.spec.replicas).toBe(0);
    expect(garbled.metadata.labels).toBeUndefined();
    expect(validateCreate('Deployment', garbled).map((e) => `${e.field}: ${e.detail}`)).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
      'spec.template.spec.containers: Required value',
    ]);
  });
});

describe('strict error texts', () => {
  it('joins errors the way runtime.NewStrictDecodingError prints them', () => {
    expect(strictDecodingError(unknownFieldMessages(['spec.foo', 'spec.bar']))).toBe('strict decoding error: unknown field "spec.foo", unknown field "spec.bar"');
  });

  it('formats a strategic merge patch the way Go prints its map', () => {
    expect(goMapString({ spec: { replicas: 3, foo: 'bar', list: ['a', 1, null] }, apiVersion: 'apps/v1' })).toBe('map[apiVersion:apps/v1 spec:map[foo:bar list:[a 1 <nil>] replicas:3]]');
    const err = patchStrictFailure('strategic', { spec: { foo: 'bar' } }, {}, ['unknown field "spec.foo"']);
    expect(err.code).toBe(422);
    expect(err.message).toBe(' "" is invalid: patch: Invalid value: "map[spec:map[foo:bar]]": strict decoding error: unknown field "spec.foo"');
  });
});
