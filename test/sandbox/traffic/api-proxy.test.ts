/**
 * The apiserver's `services/<name>/proxy` and `pods/<name>/proxy` subresources through the real
 * kubectl (`kubectl get --raw`): a ready endpoint answers, the errors are the apiserver's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, waitForState, type TestCluster } from '../../support/kubectl.js';
import { ENDPOINTS, SERVICES } from '../../../src/sandbox/controllers/kinds.js';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { FakeNetwork } from './fake-network.js';
import { runningPod } from './pods.js';

let cluster: TestCluster;
const net = new FakeNetwork();
const raw = (path: string) => cluster.kubectl(['get', '--raw', path]);

function service(name: string, selector: Record<string, string>, port: KubeObject = { port: 80, targetPort: 80 }): void {
  cluster.sandbox.registry.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector, ports: [port] } });
}

const addresses = (name: string) => (cluster.sandbox.store.peek(ENDPOINTS, 'default', name)?.subsets ?? []).flatMap((s: KubeObject) => s.addresses ?? []).length;

beforeAll(async () => {
  cluster = await startTestCluster({ network: net });
  net.attach(cluster.sandbox);
  runningPod(cluster.sandbox, { name: 'web-1', ip: '10.244.6.1' });
  runningPod(cluster.sandbox, { name: 'web-2', ip: '10.244.6.2' });
  runningPod(cluster.sandbox, { name: 'web-unready', ip: '10.244.6.3', ready: false });
  service('web', { app: 'web' });
  service('lonely', { app: 'nobody' });
  service('named', { app: 'web' }, { name: 'http', port: 8080, targetPort: 80 });
  await waitForState(cluster.sandbox, () => addresses('web') === 2 && addresses('named') === 2, 10_000, 'the endpoints of web and named');
});
afterAll(() => cluster?.stop());

describe('kubectl get --raw …/services/<name>/proxy/', () => {
  it("returns a ready Pod's answer, never the unready one's", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const { stdout, exitCode } = await raw('/api/v1/namespaces/default/services/web/proxy/');
      expect(exitCode).toBe(0);
      seen.add(stdout);
    }
    expect([...seen].sort()).toEqual(['served by web-1 /', 'served by web-2 /']);
  });

  it('passes the path and query on, without the bearer token', async () => {
    const { stdout } = await raw('/api/v1/namespaces/default/services/web:80/proxy/status?verbose=1');
    expect(stdout).toMatch(/^served by web-[12] \/status\?verbose=1$/);
    const request = net.served.at(-1)!.request;
    expect(request.headers.authorization).toBeUndefined();
    expect(request.remoteAddress).toBe('10.244.0.1');
  });

  it('redirects an empty path to …/proxy/, which kubectl follows', async () => {
    expect((await raw('/api/v1/namespaces/default/services/web/proxy')).stdout).toMatch(/^served by web-[12] \/$/);
  });

  it('finds a named port by number or name, and a missing one is an error', async () => {
    expect((await raw('/api/v1/namespaces/default/services/named:8080/proxy/')).stdout).toMatch(/^served by web-[12] \/$/);
    expect((await raw('/api/v1/namespaces/default/services/named:http/proxy/')).stdout).toMatch(/^served by web-[12] \/$/);
    // Without a port, the apiserver looks for an unnamed one: a Service whose only port is named has none.
    expect(await raw('/api/v1/namespaces/default/services/named/proxy/')).toMatchObject({ stderr: 'Error from server (ServiceUnavailable): no endpoints available for service "named"', exitCode: 1 });
    expect(await raw('/api/v1/namespaces/default/services/named:9999/proxy/')).toMatchObject({ stderr: 'Error from server (ServiceUnavailable): no service port 9999 found for service "named"', exitCode: 1 });
  });

  it('says so when the Service has no endpoints, or does not exist', async () => {
    expect(await raw('/api/v1/namespaces/default/services/lonely/proxy/')).toMatchObject({ stderr: 'Error from server (ServiceUnavailable): no endpoints available for service "lonely"', exitCode: 1 });
    expect(await raw('/api/v1/namespaces/default/services/ghost:80/proxy/')).toMatchObject({ stderr: 'Error from server (NotFound): services "ghost" not found', exitCode: 1 });
  });

  it('reports a Pod whose server does not listen as the apiserver does', async () => {
    net.down.add('web-1');
    net.down.add('web-2');
    try {
      const { stderr, exitCode } = await raw('/api/v1/namespaces/default/services/web/proxy/');
      expect(exitCode).toBe(1);
      expect(stderr).toMatch(/^Error from server \(ServiceUnavailable\): error trying to reach service: dial tcp 10\.244\.6\.[12]:80: connect: connection refused$/);
    } finally {
      net.down.clear();
    }
  });
});

describe('kubectl get --raw …/pods/<name>/proxy/', () => {
  it("reaches that Pod on its first declared port, even when it is not ready", async () => {
    expect((await raw('/api/v1/namespaces/default/pods/web-unready/proxy/index.html')).stdout).toBe('served by web-unready /index.html');
    expect((await raw('/api/v1/namespaces/default/pods/web-2:80/proxy/')).stdout).toBe('served by web-2 /');
  });
});
