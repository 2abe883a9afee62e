/**
 * `kubectl port-forward` through the real kubectl 1.32: its first choice, SPDY tunnelled in a
 * WebSocket (`SPDY/3.1+portforward.k8s.io`), and the plain SPDY upgrade it falls back to.
 */
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../../src/sandbox/controllers/kinds.js';
import { KUBECTL, startTestCluster, type TestCluster } from '../../support/kubectl.js';
import { FakeNetwork } from './fake-network.js';
import { get, servedBy } from './http-client.js';
import { runningPod } from './pods.js';

let cluster: TestCluster;
const net = new FakeNetwork();
beforeAll(async () => {
  cluster = await startTestCluster({ network: net });
  runningPod(cluster.sandbox, { name: 'web-1', ip: '10.244.3.1' });
  net.listen('10.244.3.1', 80, 'web-1');
  cluster.sandbox.registry.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 80 }] } });
});
afterAll(() => cluster?.stop());

interface Forward {
  child: ResultPromise;
  port: number;
  output: () => string;
}

/** Starts `kubectl port-forward … :REMOTE` and waits for the line naming the local port it chose. */
function portForward(args: string[], env: Record<string, string> = {}): Promise<Forward> {
  const child = execa(KUBECTL, ['port-forward', ...args], { env: { ...cluster.env, ...env }, extendEnv: false, reject: false, buffer: true });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "Forwarding from" line: ${output}`)), 15_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Forwarding from 127\.0\.0\.1:(\d+) ->/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), output: () => output });
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
  });
}

describe('kubectl port-forward', () => {
  it('forwards local connections to the Pod over the WebSocket tunnel', async () => {
    const forward = await portForward(['pod/web-1', ':80', '-v=4']);
    try {
      expect(forward.output()).toContain('negotiated protocol: portforward.k8s.io');
      expect(forward.output()).not.toContain('fallback to secondary dialer');
      const outcome = await get(`http://127.0.0.1:${forward.port}/hello?x=1`);
      expect(outcome).toMatchObject({ status: 200, body: 'served by web-1 /hello?x=1\n' });
      expect(net.served.at(-1)!.request.remoteAddress).toBe('127.0.0.1');
      expect(servedBy(await get(`http://127.0.0.1:${forward.port}/`))).toBe('web-1');
      expect(forward.output()).toContain(`Handling connection for ${forward.port}`);
    } finally {
      forward.child.kill('SIGINT');
      await forward.child;
    }
  });

  it('forwards over plain SPDY when the WebSocket tunnel is switched off', async () => {
    const forward = await portForward(['pod/web-1', ':80', '-v=4'], { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' });
    try {
      expect(forward.output()).not.toContain('tunneling_dialer');
      expect(servedBy(await get(`http://127.0.0.1:${forward.port}/`))).toBe('web-1');
      expect(servedBy(await get(`http://127.0.0.1:${forward.port}/`))).toBe('web-1');
    } finally {
      forward.child.kill('SIGINT');
      await forward.child;
    }
  });

  it("reaches a Service's Pod on the target port of the Service port", async () => {
    const forward = await portForward(['svc/web', ':8080']);
    try {
      expect(forward.output()).toMatch(/Forwarding from 127\.0\.0\.1:\d+ -> 80/);
      expect(servedBy(await get(`http://127.0.0.1:${forward.port}/`))).toBe('web-1');
    } finally {
      forward.child.kill('SIGINT');
      await forward.child;
    }
  });

  it('ends when the sandbox stops, and the sandbox stops with a forward open', async () => {
    const own = await startTestCluster({ network: net });
    runningPod(own.sandbox, { name: 'web-1', ip: '10.244.3.1' });
    const child = execa(KUBECTL, ['port-forward', 'pod/web-1', ':80'], { env: own.env, extendEnv: false, reject: false });
    await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => String(d).includes('Forwarding from') && resolve()));
    await own.stop();
    const result = await child;
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/lost connection to pod/);
  });

  it('loses the forward when nothing listens on the port in the Pod, as kubectl 1.32 does', async () => {
    const forward = await portForward(['pod/web-1', ':81']);
    expect(await get(`http://127.0.0.1:${forward.port}/`)).toMatchObject({ error: expect.stringMatching(/ECONNRESET|socket hang up/) });
    const result = await forward.child;
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('an error occurred forwarding');
    expect(result.stderr).toContain('127.0.0.1:81: connect: connection refused');
    expect(result.stderr).toMatch(/error: lost connection to pod$/);
  });
});
