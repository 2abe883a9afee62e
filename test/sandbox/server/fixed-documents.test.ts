/** The fixed documents (/version, discovery, OpenAPI v3) are served from text built once per path. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GROUP_VERSIONS } from '../../../src/sandbox/api/resources.js';
import { fixedDocument, fixedDocumentJson, fixedDocumentsKept } from '../../../src/sandbox/server/fixed-documents.js';

const paths = [
  '/version',
  '/api',
  '/apis',
  '/openapi/v3',
  ...GROUP_VERSIONS.flatMap(({ group, version }) =>
    group === '' ? [`/api/${version}`, `/openapi/v3/api/${version}`] : [`/apis/${group}`, `/apis/${group}/${version}`, `/openapi/v3/apis/${group}/${version}`],
  ),
];

describe('fixed documents', () => {
  it('serves, for every path, the JSON of the document built for it, the same text each time', () => {
    for (const path of paths) {
      const text = fixedDocumentJson(path);
      expect(text, path).toBe(JSON.stringify(fixedDocument(path)));
      expect(fixedDocumentJson(path), path).toBe(text);
    }
  });

  it("keeps the OpenAPI root's hashes those of the texts served at its URLs (kubectl's cache key)", () => {
    const root = JSON.parse(fixedDocumentJson('/openapi/v3')!) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(root.paths)).toHaveLength(GROUP_VERSIONS.length);
    for (const { serverRelativeURL } of Object.values(root.paths)) {
      const [path, query] = serverRelativeURL.split('?hash=');
      const served = fixedDocumentJson(path!)!;
      expect(createHash('sha512').update(served).digest('hex').slice(0, 128).toUpperCase(), path).toBe(query);
    }
  });

  it('keeps nothing for paths without a document, whatever a client sends', () => {
    for (const path of paths) fixedDocumentJson(path);
    const kept = fixedDocumentsKept();
    for (let i = 0; i < 100; i++) {
      expect(fixedDocumentJson(`/apis/no-such-group-${i}/v1`)).toBeUndefined();
      expect(fixedDocumentJson(`/openapi/v3/apis/apps/v${i + 2}`)).toBeUndefined();
      expect(fixedDocumentJson(`/apis/x${i}`)).toBeUndefined();
    }
    expect(fixedDocumentsKept()).toBe(kept);
  });
});
