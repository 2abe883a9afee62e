/**
 * kube-proxy acts on endpoint changes a propagation delay after the API made them: a connection
 * right after a Pod left the endpoints can still reach it, and after the delay none does. Waits on
 * the simulated clock, never on wall-clock sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { ENDPOINT_SLICES, SERVICES } from '../../../src/sandbox/controllers/kinds.js';
import { DEFAULT_PROPAGATION_MS } from '../../../src/sandbox/traffic/index.js';
import { FakeNetwork } from './fake-network.js';
import { get, nextEvent, servedBy } from './http-client.js';

const SPEED = 50;
/** 30 simulated seconds: 600 ms of wall time at ×50, a wide window for a loopback request. */
const DELAY_MS = 30_000;

let sandbox: Sandbox;
const net = new FakeNetwork();
beforeAll(async () => {
  sandbox = await startSandbox({ speed: SPEED, proxyPropagationMs: DELAY_MS, network: net });
  net.listen('10.244.8.1', 8080, 'old');
  net.listen('10.244.8.2', 8080, 'new');
});
afterAll(() => sandbox?.stop());

function slice(ip: string) {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-manual', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    endpoints: [{ addresses: [ip], conditions: { ready: true } }],
  };
}

describe('endpoint propagation to kube-proxy', () => {
  it('defaults to iptables-min-sync-period, 1 s', () => {
    expect(DEFAULT_PROPAGATION_MS).toBe(1000);
  });

  it('sends a connection made right after an endpoint left to it, and none after the delay', async () => {
    // Given a Service whose only endpoint is "old", once kube-proxy has programmed it.
    const opened = nextEvent<{ name: string; url: string; open: boolean }>(sandbox.serviceUrls, 'port', (e) => e.name === 'web' && e.open);
    const created = Date.now();
    sandbox.registry.create(ENDPOINT_SLICES, 'default', slice('10.244.8.1'));
    sandbox.registry.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 8080 }] } });
    const { url } = await opened;
    // The Service itself reached kube-proxy only after the delay.
    expect(Date.now() - created).toBeGreaterThanOrEqual((DELAY_MS / SPEED) * 0.9);
    expect(servedBy(await get(url))).toBe('old');

    // When the endpoint is replaced by "new" in the API,
    const existing = sandbox.store.peek(ENDPOINT_SLICES, 'default', 'web-manual')!;
    sandbox.registry.update(ENDPOINT_SLICES, 'default', 'web-manual', { ...slice('10.244.8.2'), metadata: existing.metadata });
    const changed = Date.now();

    // then a connection made at once still goes to "old",
    expect(servedBy(await get(url))).toBe('old');
    expect(Date.now() - changed).toBeLessThan(DELAY_MS / SPEED);
    // and so does one halfway through the delay,
    await sandbox.clock.sleep(DELAY_MS / 2);
    expect(servedBy(await get(url))).toBe('old');
    // and once the delay has passed, every connection goes to "new".
    await sandbox.clock.sleep(DELAY_MS / 2 + 1000);
    const after = await Promise.all(Array.from({ length: 20 }, () => get(url)));
    expect(new Set(after.map(servedBy))).toEqual(new Set(['new']));
  });
});
