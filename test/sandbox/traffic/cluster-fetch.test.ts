/**
 * HTTP from inside a Pod (the node's curl and wget): names resolved with the Pod's DNS search path,
 * ClusterIPs routed through kube-proxy's view, and the errno a real client would see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { ENDPOINT_SLICES, NAMESPACES, SERVICES } from '../../../src/sandbox/controllers/kinds.js';
import { startTraffic, type Traffic } from '../../../src/sandbox/traffic/index.js';
import { waitForState } from '../../support/kubectl.js';
import { FakeNetwork } from './fake-network.js';
import { runningPod } from './pods.js';

let sandbox: Sandbox;
let traffic: Traffic;
const net = new FakeNetwork();
const CLIENT = '10.244.5.9';
const OUTSIDER = '10.244.5.8';

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 50, network: net });
  net.attach(sandbox);
  traffic = startTraffic({ store: sandbox.store, clock: sandbox.clock, network: net, exec: net, propagationMs: 0 });
  sandbox.registry.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
  runningPod(sandbox, { name: 'client', ip: CLIENT, labels: { app: 'client' } });
  runningPod(sandbox, { name: 'web-1', ip: '10.244.5.1' });
  sandbox.registry.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } });
  sandbox.registry.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'empty' }, spec: { selector: { app: 'none' }, ports: [{ port: 80 }] } });
  sandbox.registry.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'pods' }, spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 8080 }] } });
  runningPod(sandbox, { name: 'outsider', ip: OUTSIDER, namespace: 'other', labels: {} });
  const readyEndpoints = (service: string) =>
    sandbox.store.list(ENDPOINT_SLICES, { namespace: 'default' }).items.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === service).flatMap((s) => s.endpoints ?? []).length;
  await waitForState(sandbox, () => readyEndpoints('web') === 1 && readyEndpoints('pods') === 1, 10_000, 'the endpoints of web and pods');
});
afterAll(async () => {
  await traffic?.stop();
  await sandbox?.stop();
});

const fetchFrom = (host: string, port = 80, from = CLIENT) => traffic.cluster.fetchService(host, port, '/', { from }).then(
  (r) => r.body.trim(),
  (e: NodeJS.ErrnoException) => e.code,
);

describe('fetchService (curl web from inside a Pod)', () => {
  it('resolves a Service by short name, namespace-qualified name, FQDN and ClusterIP', async () => {
    const clusterIP = sandbox.store.peek(SERVICES, 'default', 'web')!.spec.clusterIP;
    for (const host of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local', 'WEB.default.svc.cluster.local.', clusterIP]) {
      expect(await fetchFrom(host)).toBe('served by web-1 /');
    }
    // The request reached the target port, from the client Pod's address.
    expect(net.served.at(-1)!.request.remoteAddress).toBe(CLIENT);
  });

  it("searches the caller's namespace: another namespace's Service needs its namespace in the name", async () => {
    expect(await fetchFrom('web', 80, OUTSIDER)).toBe('ENOTFOUND');
    expect(await fetchFrom('web.default', 80, OUTSIDER)).toBe('served by web-1 /');
    expect(await fetchFrom('web.other')).toBe('ENOTFOUND');
    expect(await fetchFrom('nothing')).toBe('ENOTFOUND');
  });

  it('is refused by a Service without endpoints or a Pod that does not listen, and times out on an unknown port', async () => {
    expect(await fetchFrom('empty')).toBe('ECONNREFUSED');
    net.down.add('web-1');
    try {
      expect(await fetchFrom('web')).toBe('ECONNREFUSED');
    } finally {
      net.down.delete('web-1');
    }
    expect(await fetchFrom('web', 81)).toBe('ETIMEDOUT');
  });

  it('sees a reset when the server stops mid-request', async () => {
    net.resetting.add('web-1');
    try {
      expect(await fetchFrom('web')).toBe('ECONNRESET');
    } finally {
      net.resetting.delete('web-1');
    }
  });

  it("resolves a headless Service to its Pods' addresses, on the port asked for", async () => {
    expect(await fetchFrom('pods', 8080)).toBe('served by web-1 /');
    expect(await fetchFrom('10.244.5.1', 8080)).toBe('served by web-1 /');
  });
});
