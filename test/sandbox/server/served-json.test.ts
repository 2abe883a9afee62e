/**
 * A stored object's JSON is built once and shared by the write's response, the watch events and
 * later GETs (served-json.ts): what each client reads is still the object as it is now.
 */
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findType } from '../../../src/sandbox/api/resources.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { servedJson, withTypeMeta } from '../../../src/sandbox/server/served-json.js';
import { apiRequest } from '../../support/kubectl.js';

const CONFIGMAPS = findType('', 'configmaps')!;

describe('servedJson', () => {
  it('is the JSON of the object with its TypeMeta, built once per object', () => {
    const object = { metadata: { name: 'a', namespace: 'default', resourceVersion: '5' }, data: { x: '1' } };
    const text = servedJson(CONFIGMAPS, object);
    expect(text).toBe(JSON.stringify(withTypeMeta(CONFIGMAPS, object)));
    expect(JSON.parse(text)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', ...object });
    const next = { ...object, metadata: { ...object.metadata, resourceVersion: '6' }, data: { x: '2' } };
    expect(JSON.parse(servedJson(CONFIGMAPS, next)).data).toEqual({ x: '2' });
    expect(servedJson(CONFIGMAPS, object)).toBe(text);
  });
});

describe('responses and watch events from the shared text', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ speed: 50 });
  });
  afterAll(() => sandbox?.stop());

  /** A raw watch: its event lines as they arrive. */
  function watch(path: string): { lines: string[]; close(): void; next(count: number): Promise<void> } {
    const lines: string[] = [];
    let buffered = '';
    let wake = () => {};
    const req = httpsRequest(new URL(path, sandbox.server), { headers: { Authorization: `Bearer ${sandbox.token}` }, ca: sandbox.caPem }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        lines.push(...parts.filter(Boolean));
        wake();
      });
    });
    req.on('error', () => {});
    req.end();
    return {
      lines,
      close: () => req.destroy(),
      next: (count) =>
        new Promise((resolve) => {
          wake = () => lines.length >= count && resolve();
          wake();
        }),
    };
  }

  it("a write's response is the text its watchers get, and GETs follow every write", async () => {
    const base = '/api/v1/namespaces/default/configmaps';
    const created = await apiRequest(sandbox, base, { method: 'POST', body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared' }, data: { step: '1' } }) });
    expect(created.status).toBe(201);
    const first = await apiRequest(sandbox, `${base}/shared`);
    expect(first.text).toBe(created.text);

    const events = watch(`${base}?watch=1&resourceVersion=${created.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion}`);
    try {
      const patched = await apiRequest(sandbox, `${base}/shared`, { method: 'PATCH', body: JSON.stringify({ data: { step: '2' } }), headers: { 'Content-Type': 'application/merge-patch+json' } });
      expect(patched.status).toBe(200);
      await events.next(1);
      expect(events.lines[0]).toBe(`{"type":"MODIFIED","object":${patched.text}}`);

      const second = await apiRequest(sandbox, `${base}/shared`);
      expect(second.text).toBe(patched.text);
      expect(second.json<{ data: Record<string, string> }>().data).toEqual({ step: '2' });
      expect(second.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion).not.toBe(first.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion);
      // Another encoding is still built from the object itself.
      const yaml = await apiRequest(sandbox, `${base}/shared`, { headers: { Accept: 'application/yaml' } });
      expect(yaml.text).toContain('step: "2"');

      const deleted = await apiRequest(sandbox, `${base}/shared`, { method: 'DELETE' });
      expect(deleted.status).toBe(200);
      await events.next(2);
      expect(events.lines[1]).toBe(`{"type":"DELETED","object":${deleted.text}}`);
      expect((await apiRequest(sandbox, `${base}/shared`)).status).toBe(404);
    } finally {
      events.close();
    }
  });
});
