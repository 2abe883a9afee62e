/** EqualIgnoreHash answers as before it stopped deep-copying templates, and leaves them untouched. */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { equalIgnoreHash } from '../../../src/sandbox/controllers/deployment/replica-sets.js';

const template = (labels: Record<string, string> | undefined, extra: KubeObject = {}): KubeObject => ({
  metadata: { ...(labels ? { labels } : {}), ...extra.metadata },
  spec: { containers: [{ name: 'web', image: 'nginx:1.25', ports: [], env: [], resources: {} }], ...extra.spec },
});

describe('equalIgnoreHash', () => {
  const cases: [string, KubeObject | undefined, KubeObject | undefined, boolean][] = [
    ['the same template, one with the hash label', template({ app: 'web' }), template({ app: 'web', 'pod-template-hash': '7d9c5b' }), true],
    ['hash labels that differ', template({ app: 'web', 'pod-template-hash': 'a' }), template({ app: 'web', 'pod-template-hash': 'b' }), true],
    ['only the hash label against no labels at all', template({ 'pod-template-hash': 'a' }), template(undefined), true],
    ['only the hash label against empty labels', template({ 'pod-template-hash': 'a' }), template({}), true],
    ['another label differs', template({ app: 'web', 'pod-template-hash': 'a' }), template({ app: 'shop', 'pod-template-hash': 'a' }), false],
    ['the image differs', template({ app: 'web' }), { ...template({ app: 'web' }), spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } }, false],
    ['empty slices and maps are absent', template({ app: 'web' }), { metadata: { labels: { app: 'web' }, annotations: {} }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }], volumes: [] } }, true],
    ['undefined against an empty template', undefined, {}, true],
    ['undefined against a template', undefined, template({ app: 'web' }), false],
  ];
  for (const [what, a, b, equal] of cases) {
    it(`${what}: ${equal ? 'equal' : 'different'}, both ways`, () => {
      const before = [structuredClone(a), structuredClone(b)];
      expect(equalIgnoreHash(a, b)).toBe(equal);
      expect(equalIgnoreHash(b, a)).toBe(equal);
      // The templates are stored objects: comparing must not change them.
      expect(isDeepStrictEqual([a, b], before)).toBe(true);
    });
  }
});
