/**
 * Whatever arrives, decoding ends in an object or a 400 BadRequest ApiError, never another
 * exception. Messages follow kube-apiserver's protobuf serializer and transformDecodeError.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/sandbox/api/status.js';
import { decodeProtobufObject } from '../../../src/sandbox/protobuf/index.js';
import { bytes, entry, int, kubernetesBody, msg, str } from './wire.js';

const deployment = Buffer.from(
  (JSON.parse(readFileSync(new URL('./fixtures/create-deployment-web.json', import.meta.url), 'utf8')) as { body: string }).body,
  'base64',
);
const SCHEME = 'pkg/api/legacyscheme/scheme.go:30';
const NOT_PROTOBUF = 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]';

function decodeError(body: Buffer, into?: string): ApiError {
  try {
    decodeProtobufObject(body, into);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('decoded without an error');
}

function expectBadRequest(body: Buffer, message: string, into?: string): void {
  const error = decodeError(body, into);
  expect(error.toStatus()).toEqual({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'BadRequest',
    code: 400,
  });
}

/** Decodes, and fails the test on anything thrown but a 400 ApiError. */
function decodeOr400(body: Buffer): void {
  try {
    decodeProtobufObject(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(400);
  }
}

describe('bodies that are not a Kubernetes protobuf message', () => {
  it('rejects an empty body', () => {
    expectBadRequest(Buffer.alloc(0), 'empty data');
  });

  it('rejects a body without the k8s\\0 prefix', () => {
    expectBadRequest(Buffer.from('{"kind":"Deployment"}'), NOT_PROTOBUF);
    expectBadRequest(Buffer.from('k8s'), NOT_PROTOBUF);
  });

  it('rejects the prefix alone', () => {
    expectBadRequest(Buffer.from('k8s\0', 'latin1'), 'empty body');
  });
});

describe('malformed protobuf', () => {
  it('reports a body cut short inside the envelope as unexpected EOF', () => {
    expectBadRequest(deployment.subarray(0, 40), 'unexpected EOF');
  });

  it('reports an object cut short inside its own encoding as unexpected EOF', () => {
    const cutShort = msg(1, str(1, 'web')).subarray(0, 4);
    expectBadRequest(kubernetesBody('apps/v1', 'Deployment', cutShort), 'unexpected EOF');
  });

  it('reports an impossible wire type', () => {
    expectBadRequest(Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0f]), 'proto: illegal wireType 7');
  });

  it('survives every truncation of a real body', () => {
    for (let length = 0; length < deployment.length; length++) decodeOr400(deployment.subarray(0, length));
  });

  it('survives garbage after the prefix', () => {
    let seed = 42;
    const nextByte = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
    for (let sample = 0; sample < 500; sample++) {
      const garbage = Buffer.from(Array.from({ length: 1 + (sample % 64) }, nextByte));
      decodeOr400(Buffer.concat([Buffer.from('k8s\0', 'latin1'), garbage]));
      // The same garbage as an object's own encoding, behind a valid envelope.
      decodeOr400(kubernetesBody('v1', 'Pod', garbage));
    }
  });
});

describe('envelopes naming something the sandbox does not know', () => {
  it('rejects an unknown kind', () => {
    expectBadRequest(
      kubernetesBody('apps/v1', 'Rollout'),
      `no kind "Rollout" is registered for version "apps/v1" in scheme "${SCHEME}"`,
    );
  });

  it('rejects an unknown group version', () => {
    expectBadRequest(
      kubernetesBody('argoproj.io/v1alpha1', 'Rollout'),
      `no kind "Rollout" is registered for version "argoproj.io/v1alpha1" in scheme "${SCHEME}"`,
    );
  });

  it('rejects DeleteOptions in an unknown group version', () => {
    expectBadRequest(
      kubernetesBody('argoproj.io/v1alpha1', 'DeleteOptions'),
      `no kind "DeleteOptions" is registered for version "argoproj.io/v1alpha1" in scheme "${SCHEME}"`,
    );
  });

  it('rejects a kind in the wrong group', () => {
    expectBadRequest(
      kubernetesBody('v1', 'Deployment'),
      `no kind "Deployment" is registered for version "v1" in scheme "${SCHEME}"`,
    );
  });

  it('rejects an envelope without a kind or an apiVersion', () => {
    expectBadRequest(kubernetesBody('v1', ''), `Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:"v1", Kind:""}'`);
    expectBadRequest(
      kubernetesBody('', 'Pod'),
      `Object 'apiVersion' is missing in 'runtime.TypeMeta{APIVersion:"", Kind:"Pod"}'`,
    );
  });
});

describe('values Go itself would refuse', () => {
  it('rejects a malformed quantity', () => {
    // spec.hard: {pods: "two"}
    const body = kubernetesBody('v1', 'ResourceQuota', msg(1, str(1, 'q')), msg(2, entry(1, 'pods', msg(2, str(1, 'two')))));
    expectBadRequest(body, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it('rejects an IntOrString of an unknown type', () => {
    // spec.ports[0]: port 80, targetPort of type 2
    const body = kubernetesBody('v1', 'Service', msg(1, str(1, 'web')), msg(2, msg(1, int(3, 80), msg(4, int(1, 2)))));
    expectBadRequest(body, 'impossible IntOrString.Type');
  });

  it('rejects a RawExtension that is not JSON', () => {
    const notJson = msg(2, bytes(1, Buffer.from([0x0a, 0x01])));
    const body = kubernetesBody('apps/v1', 'ControllerRevision', msg(1, str(1, 'r')), notJson);
    expect(decodeError(body).message).toMatch(/^embedded object is not JSON: /);
  });
});

describe("with the endpoint's kind, errors read like kube-apiserver's", () => {
  it('names the kind and version of the envelope once it is read', () => {
    expectBadRequest(
      kubernetesBody('apps/v1', 'Rollout'),
      'Rollout in version "v1" cannot be handled as a Deployment: ' +
        `no kind "Rollout" is registered for version "apps/v1" in scheme "${SCHEME}"`,
      'Deployment',
    );
    const cutShort = msg(1, str(1, 'web')).subarray(0, 4);
    expectBadRequest(
      kubernetesBody('apps/v1', 'Deployment', cutShort),
      'Deployment in version "v1" cannot be handled as a Deployment: unexpected EOF',
      'Deployment',
    );
  });

  it('summarizes the body when the envelope cannot be read', () => {
    expectBadRequest(
      Buffer.from('{"kind":"Deployment","apiVersion":"apps/v1"}'),
      `the object provided is unrecognized (must be of type Deployment): ${NOT_PROTOBUF} ({"kind":"Deployment","apiVersi ...)`,
      'Deployment',
    );
    expectBadRequest(
      deployment.subarray(0, 40),
      'the object provided is unrecognized (must be of type Deployment): unexpected EOF ' +
        `(${deployment.subarray(0, 30).toString('hex')} ...)`,
      'Deployment',
    );
    expectBadRequest(
      kubernetesBody('v1', ''),
      'the object provided is unrecognized (must be of type Pod): ' +
        `Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:"v1", Kind:""}' (${kubernetesBody('v1', '').toString('hex')})`,
      'Pod',
    );
  });
});
