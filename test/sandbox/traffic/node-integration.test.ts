/**
 * The traffic half against the simulated node itself (no stand-ins): nginx Pods of a Deployment
 * behind a NodePort Service, reached with curl-like requests, `kubectl exec`, `kubectl get --raw`
 * and `curl` from inside a Pod — what a learner does, end to end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, waitForState, type TestCluster } from '../../support/kubectl.js';
import { deploymentSettled, podsOf } from '../../support/objects.js';
import { get, nextEvent } from './http-client.js';

let cluster: TestCluster;
let url: string;
let pods: string[];

beforeAll(async () => {
  cluster = await startTestCluster();
  const announced = nextEvent<{ name: string; url: string }>(cluster.sandbox.serviceUrls, 'url', (e) => e.name === 'web', 20_000);
  expect((await cluster.kubectl(['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2', '--port=80'])).exitCode).toBe(0);
  expect((await cluster.kubectl(['expose', 'deployment', 'web', '--type=NodePort', '--port=80'])).exitCode).toBe(0);
  ({ url } = await announced);
  await waitForState(cluster.sandbox, () => deploymentSettled(cluster.sandbox, 'web', 2), 20_000, 'web to be ready');
  pods = podsOf(cluster.sandbox, 'web').map((p) => p.metadata.name);
  // kube-proxy sees the endpoints one propagation delay after they are ready.
  await cluster.sandbox.clock.sleep(1500);
});
afterAll(() => cluster?.stop());

describe('nginx behind a NodePort Service, on the simulated node', () => {
  it("answers on the Service URL with nginx's page and headers", async () => {
    const outcome = await get(`${url}/`);
    expect(outcome).toMatchObject({ status: 200 });
    if ('error' in outcome) return;
    expect(outcome.headers.server).toBe('nginx/1.25.5');
    expect(outcome.headers.connection).toBe('close');
    expect(outcome.headers['keep-alive']).toBeUndefined();
    expect(outcome.body).toContain('<title>Welcome to nginx!</title>');
  });

  it('runs commands in the container through kubectl exec', async () => {
    const pod = pods[0]!;
    expect(await cluster.kubectl(['exec', pod, '--', 'hostname'])).toEqual({ stdout: pod, stderr: '', exitCode: 0 });
    const env = await cluster.kubectl(['exec', pod, '--', 'env']);
    expect(env.stdout).toContain(`HOSTNAME=${pod}`);
    expect(env.stdout).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    const conf = await cluster.kubectl(['exec', pod, '--', 'cat', '/etc/nginx/conf.d/default.conf']);
    expect(conf.stdout).toContain('listen       80;');
    const missing = await cluster.kubectl(['exec', pod, '--', 'ls', '/nope']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/command terminated with exit code 2$/);
  });

  it('reaches the Service by name from inside a Pod, through kube-proxy', async () => {
    const { stdout, exitCode } = await cluster.kubectl(['exec', pods[0]!, '--', 'curl', '-s', 'web']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('<title>Welcome to nginx!</title>');
  });

  it('answers through the apiserver proxy', async () => {
    const { stdout, exitCode } = await cluster.kubectl(['get', '--raw', '/api/v1/namespaces/default/services/web/proxy/']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('<title>Welcome to nginx!</title>');
  });
});
