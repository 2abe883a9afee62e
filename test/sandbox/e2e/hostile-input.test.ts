/**
 * Inputs that crashed or bloated the sandbox (issue #7, section 3), sent over HTTPS to the running
 * sandbox: each gets the status kube-apiserver sends, and the server keeps answering other clients.
 */
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, startTestCluster, waitForState, type RawResponse, type TestCluster } from '../../support/kubectl.js';
import { EVENTS } from '../../../src/sandbox/controllers/kinds.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
  await cluster.kubectl(['create', 'configmap', 'target', '--from-literal=a=b']);
});
afterAll(() => cluster?.stop());

function api(path: string, init: { method?: string; body?: string; headers?: Record<string, string>; token?: string | null } = {}): Promise<RawResponse> {
  return apiRequest(cluster.sandbox, path, init);
}

/** Time of a `/version` request, the probe of "the server still answers other clients". */
async function probe(): Promise<number> {
  const started = performance.now();
  const res = await api('/version');
  expect(res.status).toBe(200);
  return performance.now() - started;
}

const CM = '/api/v1/namespaces/default/configmaps/target';
const JSON_PATCH = { 'Content-Type': 'application/json-patch+json' };

/** A raw TLS connection to the sandbox, for requests sent a byte at a time. */
function rawSocket(on: TestCluster = cluster): Promise<TLSSocket> {
  const url = new URL(on.sandbox.server);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: url.hostname, port: Number(url.port), ca: on.sandbox.caPem, servername: 'localhost' }, () => resolve(socket));
    socket.on('error', reject);
  });
}

describe('JSON patch copy bomb', () => {
  it('a patch whose copies double a list is refused with 422 long before memory grows', async () => {
    const bomb = [{ op: 'add', path: '/junk', value: ['x'] }, ...Array.from({ length: 25 }, () => ({ op: 'copy', from: '/junk', path: '/junk/-' }))];
    const body = JSON.stringify(bomb);
    expect(body.length).toBeLessThan(1500);
    const heapBefore = process.memoryUsage().heapUsed;
    const [res, latency] = await Promise.all([api(CM, { method: 'PATCH', body, headers: JSON_PATCH }), probe()]);
    expect(res.status).toBe(422);
    expect(res.json()).toMatchObject({ kind: 'Status', reason: 'Invalid', code: 422, message: 'the server rejected our request due to an error in our request' });
    expect(latency).toBeLessThan(5_000);
    // The refused copy never allocated its result: 2^25 strings would be gigabytes.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(300 * 1024 * 1024);
    // The object is untouched.
    const cm = (await api(CM)).json<{ data: Record<string, string> }>();
    expect(cm).not.toHaveProperty('junk');
  });

  it('copies under the 3 MiB limit still apply', async () => {
    const ok = [{ op: 'add', path: '/metadata/annotations', value: { a: 'x'.repeat(1000) } }, { op: 'copy', from: '/metadata/annotations/a', path: '/metadata/annotations/b' }];
    const res = await api(CM, { method: 'PATCH', body: JSON.stringify(ok), headers: JSON_PATCH });
    expect(res.status).toBe(200);
    expect(res.json<{ metadata: { annotations: Record<string, string> } }>().metadata.annotations.b).toBe('x'.repeat(1000));
  });

  it('more than 10,000 operations is 413', async () => {
    const ops = Array.from({ length: 10_001 }, () => ({ op: 'test', path: '/kind', value: 'ConfigMap' }));
    const res = await api(CM, { method: 'PATCH', body: JSON.stringify(ops), headers: JSON_PATCH });
    expect(res.status).toBe(413);
  });
});

describe('deeply nested bodies', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('JSON nested 5,000 levels deep is a 400, not a 500', async () => {
    const body = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"junk":${nested(5000)}}`;
    const res = await api('/api/v1/namespaces/default/configmaps', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ reason: 'BadRequest', message: expect.stringContaining('exceeded max depth') });
  });

  it('YAML nested 5,000 levels deep is a 400', async () => {
    const body = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\njunk: ${nested(5000)}\n`;
    const res = await api('/api/v1/namespaces/default/configmaps', { method: 'POST', body, headers: { 'Content-Type': 'application/yaml' } });
    expect(res.status).toBe(400);
  });

  it('a patch nested 5,000 levels deep is a 400, for every patch type', async () => {
    for (const type of ['merge-patch', 'strategic-merge-patch', 'json-patch']) {
      const body = type === 'json-patch' ? `[{"op":"add","path":"/junk","value":${nested(5000)}}]` : `{"metadata":{"labels":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}`;
      const res = await api(CM, { method: 'PATCH', body, headers: { 'Content-Type': `application/${type}+json` } });
      expect(res.status, type).toBe(400);
    }
  });

  it('a body just inside the depth limit is still handled (no stack overflow behind the check)', async () => {
    const body = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep-ok"},"junk":${nested(990)}}`;
    const res = await api('/api/v1/namespaces/default/configmaps', { method: 'POST', body });
    expect(res.status).toBe(201);
    const patch = `{"metadata":{"annotations":{"x":"y"}},"junk":${nested(990)}}`;
    for (const type of ['merge-patch', 'strategic-merge-patch']) {
      const patched = await api('/api/v1/namespaces/default/configmaps/deep-ok', { method: 'PATCH', body: patch, headers: { 'Content-Type': `application/${type}+json` } });
      expect(patched.status, type).toBe(200);
    }
  });
});

describe('malformed URLs', () => {
  it('a malformed percent-escape is a 400 with a Status, not "URI malformed"', async () => {
    for (const path of ['/api/v1/namespaces/%E0%A4%A/pods', '/api/v1/namespaces/default/pods/%zz', '/api/v1/namespaces/default/pods/x%/proxy/']) {
      const res = await api(path);
      expect(res.status, path).toBe(400);
      expect(res.json(), path).toMatchObject({ kind: 'Status', reason: 'BadRequest', message: expect.stringContaining('invalid URL escape') });
    }
  });

  it('well-formed escapes of bytes that are not UTF-8 address nothing: 404', async () => {
    expect((await api('/api/v1/namespaces/default/pods/%E0%A4')).status).toBe(404);
  });
});

describe('slow clients', () => {
  it('a body that does not arrive in time is answered 504 and the connection closed', async () => {
    // The 60 s body deadline, shortened for the test.
    const slow = await startTestCluster({ bodyTimeoutMs: 300 });
    const socket = await rawSocket(slow);
    const closed = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('close', () => resolve(text));
    });
    socket.write(`POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${slow.sandbox.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"api`);
    const text = await closed;
    await slow.stop();
    expect(text).toMatch(/^HTTP\/1\.1 504 /);
    expect(text).toContain('"reason":"Timeout"');
  });

  it('without a token, the 401 goes out and the connection closes without waiting for the body', async () => {
    const socket = await rawSocket();
    const closed = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('close', () => resolve(text));
    });
    socket.write('POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{');
    const text = await closed;
    expect(text).toMatch(/^HTTP\/1\.1 401 /);
  });
});

describe('watches', () => {
  it('timeoutSeconds beyond what a timer holds does not end the watch at once', async () => {
    const url = new URL('/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=99999999999', cluster.sandbox.server);
    const { request } = await import('node:https');
    const ended = await new Promise<boolean>((resolve, reject) => {
      const req = request(url, { headers: { Authorization: `Bearer ${cluster.sandbox.token}` }, ca: cluster.sandbox.caPem }, (res) => {
        res.resume();
        const timer = setTimeout(() => {
          req.destroy();
          resolve(false);
        }, 500);
        res.on('end', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    expect(ended).toBe(false);
  });

  it('a watcher that never reads is closed once its backlog passes the limit; the server stays responsive and the memory is released', async () => {
    // Given a watch whose client never reads (a raw socket that is paused).
    const socket = await rawSocket();
    socket.write(`GET /api/v1/namespaces/default/configmaps?watch=true HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${cluster.sandbox.token}\r\n\r\n`);
    await new Promise((r) => socket.once('data', r));
    socket.pause();
    // When 40 writes of 256 KB each go by: 10 MB, far more than the socket buffers hold.
    const big = 'y'.repeat(256 * 1024);
    for (let i = 0; i < 40; i++) {
      await api(CM, { method: 'PATCH', body: JSON.stringify({ data: { big: `${i}${big}` } }), headers: { 'Content-Type': 'application/merge-patch+json' } });
      if (i % 10 === 0) expect(await probe()).toBeLessThan(2_000);
    }
    // Then the server gave up on the watch: once the client reads again, its stream ends (an
    // unlimited watch would stay open for ever) - a reflector would watch again from there.
    const ended = new Promise<void>((resolve) => {
      let tail = '';
      socket.on('data', (d: Buffer) => {
        // The chunked response's last chunk: the watch is over, the connection may stay for reuse.
        tail = (tail + d.toString('latin1')).slice(-16);
        if (tail.endsWith('\r\n0\r\n\r\n')) resolve();
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    socket.resume();
    await ended;
    socket.destroy();
  }, 120_000);
});

describe('events and the watch history', () => {
  it('Events expire after --event-ttl and watchers see them deleted', async () => {
    const short = await startTestCluster({ eventTtlMs: 1500 });
    try {
      // A watch of Events, as `kubectl get events -w` holds.
      const watch = short.spawn(['get', 'events', '-w', '--output-watch-events']);
      await short.kubectl(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
      const events = () => short.sandbox.store.list(EVENTS).items.length;
      await waitForState(short.sandbox, () => events() > 0, 20_000, 'some Events');
      expect((await short.kubectl(['rollout', 'status', 'deployment/web', '--timeout=30s'])).exitCode).toBe(0);
      // Once nothing happens for longer than the TTL, every Event is gone.
      await new Promise<void>((resolve, reject) => {
        const deadline = Date.now() + 20_000;
        const check = () => (events() === 0 ? resolve() : Date.now() > deadline ? reject(new Error(`${events()} Events left`)) : setTimeout(check, 100));
        check();
      });
      const listed = await short.kubectl(['get', 'events']);
      expect(listed.stderr).toBe('No resources found in default namespace.');
      watch.kill();
      const seen = (await watch).stdout as string;
      expect(seen).toMatch(/^DELETED\s+/m);
    } finally {
      await short.stop();
    }
  }, 60_000);
});

describe('merge patches', () => {
  it('a merge patch that changes kind is refused as PUT refuses it; the object keeps its kind', async () => {
    const res = await api(CM, { method: 'PATCH', body: '{"kind":"Pod"}', headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(res.status).toBe(422);
    expect(res.json()).toMatchObject({ reason: 'Invalid', details: { causes: [{ field: 'patch', message: expect.stringContaining('converting (v1.Pod) to (core.ConfigMap): unknown conversion') }] } });
    const apiVersion = await api(CM, { method: 'PATCH', body: '{"apiVersion":"apps/v1"}', headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(apiVersion.status).toBe(422);
    expect((await cluster.kubectl(['get', 'cm', 'target', '-o', 'jsonpath={.kind}'])).stdout).toBe('ConfigMap');
  });

  it('a data key named __proto__ is stored like any key, through create, merge patch and JSON patch', async () => {
    const created = await cluster.kubectl(['create', 'configmap', 'proto', '--from-literal=__proto__=first']);
    expect(created.stderr).toBe('');
    const read = async () => JSON.parse((await cluster.kubectl(['get', 'cm', 'proto', '-o', 'json'])).stdout).data;
    expect(await read()).toEqual(JSON.parse('{"__proto__":"first"}'));
    const merged = await cluster.kubectl(['patch', 'cm', 'proto', '--type=merge', '-p', '{"data":{"__proto__":"second","other":"x"}}']);
    expect(merged.exitCode).toBe(0);
    expect(await read()).toEqual(JSON.parse('{"__proto__":"second","other":"x"}'));
    const patched = await cluster.kubectl(['patch', 'cm', 'proto', '--type=json', '-p', '[{"op":"replace","path":"/data/__proto__","value":"third"}]']);
    expect(patched.exitCode).toBe(0);
    expect((await read()).__proto__).toBe('third');
  });
});
