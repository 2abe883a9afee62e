/**
 * Whatever a client sends, the sandbox answers like kube-apiserver: the same Status codes, reasons
 * and messages, never a crash or a hang.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { apiRequest, startTestCluster, type RawResponse, type TestCluster } from '../../support/kubectl.js';

let cluster: TestCluster;
let work: string;
beforeAll(async () => {
  cluster = await startTestCluster();
  work = mkdtempSync(join(tmpdir(), 'kubedojo-errors-'));
});
afterAll(() => cluster?.stop());

function api(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return apiRequest(cluster.sandbox, path, init);
}

function manifest(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

const deployment = (extra = '', labels = 'app: bad', image = 'nginx') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad
spec:
  selector:
    matchLabels:
      app: bad
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
        - name: web
          image: ${image}
${extra}`;

describe('errors through kubectl', () => {
  it('NotFound', async () => {
    expect(await cluster.kubectl(['get', 'deployment', 'x'])).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): deployments.apps "x" not found',
      exitCode: 1,
    });
    expect((await cluster.kubectl(['delete', 'pod', 'ghost'])).stderr).toBe('Error from server (NotFound): pods "ghost" not found');
  });

  it('422 Invalid when the selector does not match the template labels', async () => {
    const file = manifest('selector.yaml', deployment('', 'app: other'));
    const result = await cluster.kubectl(['apply', '-f', file]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      `The Deployment "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: \`selector\` does not match template \`labels\``,
    );
  });

  it('422 Invalid when the image is missing', async () => {
    const file = manifest('image.yaml', deployment('', 'app: bad', '""'));
    const result = await cluster.kubectl(['apply', '-f', file]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('The Deployment "bad" is invalid: spec.template.spec.containers[0].image: Required value');
  });

  it('strict field validation refuses an unknown field', async () => {
    const file = manifest('unknown.yaml', deployment('          imagePullPolcy: Always\n'));
    const result = await cluster.kubectl(['apply', '-f', file]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      `Error from server (BadRequest): error when creating "${file}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolcy"`,
    );
  });

  it('a bad port is 422 with its field paths (targetPort defaults to port, so both are wrong)', async () => {
    const file = manifest('port.yaml', `apiVersion: v1
kind: Service
metadata:
  name: bad-port
spec:
  selector:
    app: x
  ports:
    - port: 70000
`);
    const result = await cluster.kubectl(['apply', '-f', file]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      [
        'The Service "bad-port" is invalid: ',
        '* spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
        '* spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      ].join('\n'),
    );
  });
});

describe('errors over raw HTTP', () => {
  it('400 for malformed JSON', async () => {
    const response = await api('/api/v1/namespaces/default/configmaps', { method: 'POST', body: '{"kind": ' });
    expect(response.status).toBe(400);
    const status = response.json<KubeObject>();
    expect(status.reason).toBe('BadRequest');
    expect(status.message).toBe("couldn't get version/kind; json parse error: unexpected end of JSON input");
  });

  it('413 for a body over 3 MiB', async () => {
    const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { x: 'a'.repeat(3 * 1024 * 1024) } });
    const response = await api('/api/v1/namespaces/default/configmaps', { method: 'POST', body: big });
    expect(response.status).toBe(413);
    expect((response.json<KubeObject>()).reason).toBe('RequestEntityTooLarge');
  });

  it('409 Conflict for an update with a stale resourceVersion', async () => {
    const created = (await api('/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '1' } }),
    })).json<KubeObject>();
    const first = await api('/api/v1/namespaces/default/configmaps/cm', { method: 'PUT', body: JSON.stringify({ ...created, data: { a: '2' } }) });
    expect(first.status).toBe(200);
    const stale = await api('/api/v1/namespaces/default/configmaps/cm', { method: 'PUT', body: JSON.stringify({ ...created, data: { a: '3' } }) });
    expect(stale.status).toBe(409);
    expect(stale.json<KubeObject>()).toMatchObject({
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on configmaps "cm": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('404 for an unknown path, 405 for an unsupported verb', async () => {
    expect((await api('/apis/nope/v1/things')).status).toBe(404);
    expect((await api('/api/v1/namespaces/default/pods', { method: 'PUT', body: '{}' })).status).toBe(405);
  });

  it('415 for an unknown patch type', async () => {
    const response = await api('/api/v1/namespaces/default/configmaps/cm', { method: 'PATCH', body: '{}', headers: { 'Content-Type': 'text/plain' } });
    expect(response.status).toBe(415);
  });

  it('survives garbage of every kind and still answers', async () => {
    const bodies = ['null', '[]', '"x"', '{"metadata": 5}', '{"apiVersion":"v2","kind":"ConfigMap"}', '\u0000\u0001', '{"metadata":{"name":"ok"},"data":{"a":1}}'];
    for (const body of bodies) {
      const response = await api('/api/v1/namespaces/default/configmaps', { method: 'POST', body });
      expect(response.status, body).toBeGreaterThanOrEqual(400);
      expect(response.status, body).toBeLessThan(500);
      expect((response.json<KubeObject>()).kind).toBe('Status');
    }
    expect((await api('/version')).status).toBe(200);
  });
});

describe('allocations', () => {
  it('a deleted Service frees its NodePort for the next one', async () => {
    const service = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type: 'NodePort', selector: { app: 'x' }, ports: [{ port: 80, nodePort: 30080 }] } });
    expect((await api('/api/v1/namespaces/default/services', { method: 'POST', body: service('first') })).status).toBe(201);
    const taken = await api('/api/v1/namespaces/default/services', { method: 'POST', body: service('second') });
    expect(taken.status).toBe(422);
    expect(taken.json<KubeObject>().message).toContain('provided port is already allocated');
    expect((await api('/api/v1/namespaces/default/services/first', { method: 'DELETE' })).status).toBe(200);
    expect((await api('/api/v1/namespaces/default/services', { method: 'POST', body: service('second') })).status).toBe(201);
  });
});
