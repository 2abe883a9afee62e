/**
 * A NodePort Service over Pods, with the sandbox's own EndpointSlice controller in between: traffic
 * follows the Pods' readiness and termination, one propagation delay (the default) after the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { PODS, SERVICES } from '../../../src/sandbox/controllers/kinds.js';
import { DEFAULT_PROPAGATION_MS } from '../../../src/sandbox/traffic/index.js';
import { FakeNetwork } from './fake-network.js';
import { get, nextEvent, servedBy } from './http-client.js';
import { runningPod } from './pods.js';

let sandbox: Sandbox;
let url: string;
const net = new FakeNetwork();

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 50, network: net });
  net.attach(sandbox);
  runningPod(sandbox, { name: 'web-1', ip: '10.244.4.1' });
  runningPod(sandbox, { name: 'web-2', ip: '10.244.4.2' });
  runningPod(sandbox, { name: 'web-3', ip: '10.244.4.3', ready: false });
  const opened = nextEvent<{ name: string; url: string; open: boolean }>(sandbox.serviceUrls, 'port', (e) => e.name === 'web' && e.open);
  sandbox.registry.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] } });
  ({ url } = await opened);
});
afterAll(() => sandbox?.stop());

async function servers(count = 40): Promise<string[]> {
  const outcomes = await Promise.all(Array.from({ length: count }, () => get(url)));
  return [...new Set(outcomes.map(servedBy))].sort();
}

/** Waits for kube-proxy to have seen what the store holds now. */
const propagated = () => sandbox.clock.sleep(DEFAULT_PROPAGATION_MS * 1.5);

function setReady(name: string, ready: boolean): void {
  const pod = sandbox.store.peek(PODS, 'default', name)!;
  const conditions = pod.status.conditions.map((c: { type: string }) => (c.type === 'Ready' ? { ...c, status: ready ? 'True' : 'False' } : c));
  sandbox.registry.update(PODS, 'default', name, { ...pod, status: { ...pod.status, conditions } }, { subresource: 'status' });
}

describe('a LoadBalancer Service over Pods', () => {
  it('gets a NodePort URL, as on minikube, and sends traffic only to the ready Pods', async () => {
    expect(sandbox.urlOf('default', 'web')).toBe(url);
    expect(await servers()).toEqual(['web-1', 'web-2']);
  });

  it('follows readiness: a Pod that turns unready stops getting traffic, one that turns ready starts', async () => {
    setReady('web-1', false);
    setReady('web-3', true);
    await propagated();
    expect(await servers()).toEqual(['web-2', 'web-3']);
  });

  it('sends nothing to a terminating Pod while others are ready, and falls back to it when none is', async () => {
    // No kubelet runs these Pods, so a deleted one stays Terminating (serving, not ready) for good.
    sandbox.registry.delete(PODS, 'default', 'web-2');
    await propagated();
    expect(await servers()).toEqual(['web-3']);

    setReady('web-3', false);
    await propagated();
    expect(await servers()).toEqual(['web-2']);
  });
});
