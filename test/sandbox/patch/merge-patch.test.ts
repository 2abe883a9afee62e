/**
 * JSON merge patch (RFC 7386) as kube-apiserver applies it with evanphx/json-patch v4: objects merge,
 * null deletes, everything else - lists included - is replaced whole.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { MERGE_PATCH, applyPatch } from '../../../src/sandbox/patch/index.js';
import { failureOf } from './failure.js';
import { deployment } from './fixtures.js';

const mergePatch = (body: unknown): KubeObject => applyPatch(MERGE_PATCH, deployment, body, 'Deployment');

function changed(change: (copy: KubeObject) => void): KubeObject {
  const copy = structuredClone(deployment);
  change(copy);
  return copy;
}

const badRequest = (message: string): KubeObject => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason: 'BadRequest',
  code: 400,
});

describe('merging', () => {
  it('a list is replaced whole: the container loses its ports, env and defaults', () => {
    expect(mergePatch({ spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } })).toEqual(
      changed((d) => {
        d.spec.template.spec.containers = [{ name: 'nginx', image: 'nginx:1.26' }];
      }),
    );
  });

  it('nulls inside a value the document lacks are dropped', () => {
    expect(mergePatch({ spec: { template: { metadata: { annotations: { a: '1', b: null } } } } })).toEqual(
      changed((d) => {
        d.spec.template.metadata.annotations = { a: '1' };
      }),
    );
  });

  it('an object replacing a scalar loses its nulls, a list replacing an object keeps them', () => {
    expect(mergePatch({ spec: { replicas: { a: null, b: 1 }, selector: [{ a: null }] } })).toEqual(
      changed((d) => {
        d.spec.replicas = { b: 1 };
        d.spec.selector = [{ a: null }];
      }),
    );
  });

  it('an empty object changes nothing', () => {
    expect(mergePatch({})).toEqual(deployment);
  });
});

describe('bodies kube-apiserver refuses: 400', () => {
  it('null', () => {
    expect(failureOf(() => mergePatch(null))).toEqual(badRequest('Invalid JSON Patch'));
  });

  it('a list or a scalar', () => {
    expect(failureOf(() => mergePatch([{ spec: {} }]))).toEqual(
      badRequest('error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}'),
    );
    expect(failureOf(() => mergePatch(3))).toEqual(
      badRequest('error decoding patch: json: cannot unmarshal number into Go value of type map[string]interface {}'),
    );
  });
});
