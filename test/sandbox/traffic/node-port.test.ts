/**
 * NodePort Services on 127.0.0.1:<nodePort>, with real HTTP requests and hand-made EndpointSlices
 * (a Service without a selector, as a user can write one), so each test decides exactly which
 * endpoints are ready, serving or terminating and which addresses listen.
 */
import { createServer, type Server } from 'node:net';
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { ENDPOINT_SLICES, EVENTS, SERVICES } from '../../../src/sandbox/controllers/kinds.js';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { FakeNetwork } from './fake-network.js';
import { get, nextEvent, servedBy } from './http-client.js';

const A = '10.244.9.1';
const B = '10.244.9.2';
const C = '10.244.9.3';
const D = '10.244.9.4';

let sandbox: Sandbox;
const net = new FakeNetwork();
beforeAll(async () => {
  sandbox = await startSandbox({ speed: 50, proxyPropagationMs: 0, network: net });
  net.listen(A, 8080, 'pod-a');
  net.listen(B, 8080, 'pod-b');
  net.listen(C, 8080, 'pod-c');
  // D is in endpoints but nothing listens there.
});
afterAll(() => sandbox?.stop());

type EndpointSpec = { ip: string; ready?: boolean; serving?: boolean; terminating?: boolean };

function sliceBody(service: string, endpoints: EndpointSpec[]): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${service}-manual`, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false },
      targetRef: { kind: 'Pod', namespace: 'default', name: `pod-for-${e.ip}` },
    })),
  };
}

function setEndpoints(service: string, endpoints: EndpointSpec[]): void {
  const existing = sandbox.store.peek(ENDPOINT_SLICES, 'default', `${service}-manual`);
  if (existing) sandbox.registry.update(ENDPOINT_SLICES, 'default', `${service}-manual`, { ...sliceBody(service, endpoints), metadata: { ...existing.metadata } });
  else sandbox.registry.create(ENDPOINT_SLICES, 'default', sliceBody(service, endpoints));
}

/** Creates a selector-less NodePort Service and its slice; resolves with its URL once the port state is as expected. */
async function exposed(name: string, endpoints: EndpointSpec[], nodePort?: number): Promise<string> {
  const open = endpoints.some((e) => e.ready !== false || (e.serving && e.terminating));
  const ready = open ? nextEvent<{ name: string; open: boolean }>(sandbox.serviceUrls, 'port', (e) => e.name === name && e.open) : undefined;
  const announced = nextEvent<{ name: string; url: string }>(sandbox.serviceUrls, 'url', (e) => e.name === name);
  setEndpoints(name, endpoints);
  sandbox.registry.create(SERVICES, 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 8080, ...(nodePort ? { nodePort } : {}) }] },
  });
  const { url } = await announced;
  await ready;
  return url;
}

async function spread(url: string, count: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < count; i += 10) {
    const batch = await Promise.all(Array.from({ length: Math.min(10, count - i) }, () => get(url)));
    for (const outcome of batch) counts.set(servedBy(outcome), (counts.get(servedBy(outcome)) ?? 0) + 1);
  }
  return counts;
}

describe('a NodePort Service on 127.0.0.1', () => {
  it('announces its URL and routes each connection, at random, to a ready endpoint only', async () => {
    const url = await exposed('web', [{ ip: A }, { ip: B }, { ip: C, ready: false, serving: false }]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3\d{4}$/);
    expect(sandbox.urlOf('default', 'web')).toBe(url);
    expect(url.split(':')[2]).toBe(String(sandbox.store.peek(SERVICES, 'default', 'web')!.spec.ports[0].nodePort));

    const counts = await spread(url, 100);
    expect([...counts.keys()].sort()).toEqual(['pod-a', 'pod-b']);
    // Uniform choice: each of two endpoints gets about half of 100 (below 20 has odds of 1 in 10^9).
    expect(counts.get('pod-a')).toBeGreaterThan(20);
    expect(counts.get('pod-b')).toBeGreaterThan(20);
  });

  it("passes the Pod's answer through and shows the Pod a masqueraded client", async () => {
    const url = await exposed('echo', [{ ip: A }]);
    const outcome = await get(`${url}/some/page?x=1`);
    expect(outcome).toMatchObject({ status: 200, body: 'served by pod-a /some/page?x=1\n' });
    if ('error' in outcome) return;
    expect(outcome.headers.server).toBe('fake/1.0');
    const seen = net.served.at(-1)!.request;
    expect(seen).toMatchObject({ method: 'GET', path: '/some/page?x=1', remoteAddress: '10.244.0.1' });
    expect(seen.headers.host).toBe(url.slice('http://'.length));
  });

  it('resets a connection routed to an endpoint where nothing listens', async () => {
    const url = await exposed('half', [{ ip: A }, { ip: D }]);
    const counts = await spread(url, 60);
    expect([...counts.keys()].sort()).toEqual(['ECONNRESET', 'pod-a']);
    expect(counts.get('ECONNRESET')).toBeGreaterThan(10);
  });

  it('resets the connection when the server stops mid-request', async () => {
    const url = await exposed('crashing', [{ ip: C }]);
    net.resetting.add('pod-c');
    try {
      expect(await get(url)).toEqual({ error: 'ECONNRESET' });
    } finally {
      net.resetting.delete('pod-c');
    }
    expect(servedBy(await get(url))).toBe('pod-c');
  });

  it('refuses connections while the Service has no usable endpoints, and falls back to serving terminating ones', async () => {
    const url = await exposed('empty', []);
    expect(await get(url)).toEqual({ error: 'ECONNREFUSED' });

    const opened = nextEvent<{ name: string; open: boolean }>(sandbox.serviceUrls, 'port', (e) => e.name === 'empty' && e.open);
    setEndpoints('empty', [{ ip: B, ready: false }]);
    // Not ready and not terminating: still nothing to send to.
    setEndpoints('empty', [{ ip: B, ready: false, serving: true, terminating: true }]);
    await opened;
    expect(servedBy(await get(url))).toBe('pod-b');

    // A ready endpoint wins over a terminating one.
    setEndpoints('empty', [{ ip: B, ready: false, serving: true, terminating: true }, { ip: A }]);
    expect([...(await spread(url, 20)).keys()]).toEqual(['pod-a']);

    const closed = nextEvent<{ name: string; open: boolean }>(sandbox.serviceUrls, 'port', (e) => e.name === 'empty' && !e.open);
    setEndpoints('empty', [{ ip: B, ready: false, serving: false, terminating: true }]);
    await closed;
    expect(await get(url)).toEqual({ error: 'ECONNREFUSED' });
  });

  it('keeps a kept-alive connection on its endpoint, and resets it when that server goes away', async () => {
    const url = await exposed('sticky', [{ ip: A }, { ip: B }]);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = servedBy(await get(url, { agent }));
      for (let i = 0; i < 10; i++) expect(servedBy(await get(url, { agent }))).toBe(first);
      net.down.add(first);
      expect(await get(url, { agent })).toEqual({ error: 'ECONNRESET' });
      // A new connection is routed again; the stopped endpoint is still listed, so it may be refused.
      const other = first === 'pod-a' ? 'pod-b' : 'pod-a';
      expect(['ECONNRESET', other]).toContain(servedBy(await get(url)));
    } finally {
      agent.destroy();
      net.down.clear();
    }
  });

  it('closes the port when the Service is deleted', async () => {
    const url = await exposed('doomed', [{ ip: A }]);
    expect(servedBy(await get(url))).toBe('pod-a');
    const closed = nextEvent<{ name: string; open: boolean }>(sandbox.serviceUrls, 'port', (e) => e.name === 'doomed' && !e.open);
    const removed = nextEvent<{ name: string }>(sandbox.serviceUrls, 'removed', (e) => e.name === 'doomed');
    sandbox.registry.delete(SERVICES, 'default', 'doomed');
    await Promise.all([closed, removed]);
    expect(sandbox.urlOf('default', 'doomed')).toBeUndefined();
    expect(await get(url)).toEqual({ error: 'ECONNREFUSED' });
  });

  it('reports a NodePort another process holds, keeps running, and opens it once it is free', async () => {
    const { server: squatter, port } = await occupyNodePort();
    const warned = nextEvent<{ name: string; message: string }>(sandbox.serviceUrls, 'warning', (e) => e.name === 'taken');
    const opened = nextEvent<{ name: string; open: boolean }>(sandbox.serviceUrls, 'port', (e) => e.name === 'taken' && e.open);
    setEndpoints('taken', [{ ip: A }]);
    sandbox.registry.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'taken' }, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: port }] } });
    const { message } = await warned;
    expect(message).toBe(`can't open "nodePort for default/taken" (127.0.0.1:${port}/tcp), skipping this nodePort: listen tcp 127.0.0.1:${port}: bind: address already in use`);
    const event = sandbox.store.list(EVENTS, { namespace: 'default' }).items.find((e) => e.reportingComponent === 'kube-proxy');
    expect(event).toMatchObject({ type: 'Warning', reason: `listen tcp 127.0.0.1:${port}: bind: address already in use`, involvedObject: { kind: 'Node', name: 'minikube' }, action: 'SyncProxyRules' });

    // The other Services are unaffected.
    expect(servedBy(await get(sandbox.urlOf('default', 'web')!))).toMatch(/^pod-[ab]$/);

    await new Promise<void>((resolve) => squatter.close(() => resolve()));
    // kube-proxy retries on its next sync: any change to the Service's endpoints triggers one.
    setEndpoints('taken', [{ ip: A }, { ip: B }]);
    await opened;
    expect(servedBy(await get(`http://127.0.0.1:${port}`))).toMatch(/^pod-[ab]$/);
  });
});

/** Holds a free port of the NodePort range, as another program on the machine could. */
async function occupyNodePort(): Promise<{ server: Server; port: number }> {
  for (;;) {
    const port = 30000 + Math.floor(Math.random() * 2768);
    const server = createServer();
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) return { server, port };
  }
}
