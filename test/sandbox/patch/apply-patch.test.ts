/**
 * applyPatch is pure: it never touches its inputs, and its result shares nothing with them.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, applyPatch } from '../../../src/sandbox/patch/index.js';
import { deployment } from './fixtures.js';
import { kubectlBodies } from './kubectl-bodies.js';

/** A deep copy frozen at every level: writing to it throws in strict mode. */
function frozen<T>(value: T): T {
  const copy = structuredClone(value);
  const freeze = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    Object.freeze(node);
    Object.values(node).forEach(freeze);
  };
  freeze(copy);
  return copy;
}

describe('applyPatch purity', () => {
  it.each([
    ['strategic merge', STRATEGIC_MERGE_PATCH, kubectlBodies.applyDeployment],
    ['JSON merge', MERGE_PATCH, { spec: { template: { spec: { containers: [{ name: 'nginx' }] } } } }],
    ['JSON', JSON_PATCH, [{ op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'sidecar', env: [] } }]],
  ])('%s patch', (_, patchType, body) => {
    const current = frozen(deployment);
    const patch = frozen(body);
    const result: KubeObject = applyPatch(patchType, current, patch, 'Deployment');

    for (const container of result.spec.template.spec.containers) {
      container.image = 'changed';
      container.env = ['changed'];
    }
    result.metadata.annotations = {};
    expect(current).toEqual(deployment);
    expect(patch).toEqual(body);
  });
});
