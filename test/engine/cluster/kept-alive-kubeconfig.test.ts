/**
 * KeptAliveKubeConfig against a real sandbox over HTTPS, through a loopback TCP proxy that counts
 * the connections (each one a TLS handshake): many requests share a few connections, watches
 * work over them, authentication stays client-node's (the server's certificate verified, exec
 * credentials run again when they expire), and close() leaves no connection and no reason for
 * the process to stay.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { KeptAliveKubeConfig } from '../../../src/engine/cluster/kept-alive-kubeconfig.js';
import { getList, listPath } from '../../../src/engine/session/kube-api.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { createServingCertificate } from '../../../src/sandbox/server/certificate.js';

const NAMESPACE = 'default';
const dir = mkdtempSync(join(tmpdir(), 'kubedojo-kept-alive-'));
let sandbox: Sandbox;
let proxy: CountingProxy;

/** A TCP proxy to the sandbox on 127.0.0.1 (its certificate's name): counts connections, and the open ones. */
interface CountingProxy {
  port: number;
  opened: number;
  readonly open: number;
  close(): Promise<void>;
}

async function countingProxy(target: number): Promise<CountingProxy> {
  const sockets = new Set<Socket>();
  const state = { opened: 0 };
  const server: Server = createServer((client) => {
    state.opened += 1;
    sockets.add(client);
    const upstream = connect(target, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    const end = () => {
      sockets.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    get opened() {
      return state.opened;
    },
    set opened(value) {
      state.opened = value;
    },
    get open() {
      return sockets.size;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A kubeconfig for the sandbox through the proxy; `user` and `cluster` replace those parts. */
function kubeconfigFile(name: string, parts: { user?: object; cluster?: object } = {}): string {
  const server = `https://127.0.0.1:${proxy.port}`;
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'sandbox', cluster: parts.cluster ?? { server, 'certificate-authority-data': Buffer.from(sandbox.caPem).toString('base64') } }],
      users: [{ name: 'admin', user: parts.user ?? { token: sandbox.token } }],
      contexts: [{ name: 'sandbox', context: { cluster: 'sandbox', user: 'admin', namespace: NAMESPACE } }],
      'current-context': 'sandbox',
    }),
  );
  return path;
}

/** Connections the proxy saw while `act` ran. */
async function connectionsDuring(act: () => Promise<unknown>): Promise<number> {
  const before = proxy.opened;
  await act();
  return proxy.opened - before;
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const patch = (core: CoreV1Api, name: string, n: number) =>
  core.patchNamespacedConfigMap({ name, namespace: NAMESPACE, body: { data: { n: String(n) } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 50 });
});
afterAll(() => sandbox?.stop());
// A proxy per test: client-node's own connections (the comparison) stay open after theirs.
beforeEach(async () => {
  proxy = await countingProxy(Number(new URL(sandbox.server).port));
});
afterEach(() => proxy.close());

/** Lets undici mark a finished request's connection free (it does so on the next turn of the loop). */
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('KeptAliveKubeConfig', () => {
  it('sends 60 typed requests and plain-JSON lists over a few connections, where client-node alone opens one per request', async () => {
    const path = kubeconfigFile('admin');
    const kubeconfig = KeptAliveKubeConfig.fromFile(path);
    const core = kubeconfig.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({ namespace: NAMESPACE, body: { metadata: { name: 'pooled' }, data: { n: '0' } } });

    const pooled = await connectionsDuring(async () => {
      for (let n = 1; n <= 30; n += 1) {
        await patch(core, 'pooled', n);
        const list = await getList(kubeconfig, listPath('ConfigMap', NAMESPACE));
        expect(list.items.find((item) => item.metadata?.name === 'pooled')?.data).toEqual({ n: String(n) });
      }
    });
    // Back to back, each typed call waits the turn undici takes to free the last one's
    // connection, so they share one; the lists have theirs (node:https).
    expect(pooled).toBeLessThanOrEqual(2);

    // The same typed calls with client-node's own KubeConfig: a connection (and handshake) each.
    const plain = new KubeConfig();
    plain.loadFromFile(path);
    const plainCore = plain.makeApiClient(CoreV1Api);
    const unpooled = await connectionsDuring(async () => {
      for (let n = 1; n <= 10; n += 1) await patch(plainCore, 'pooled', n);
    });
    expect(unpooled).toBe(10);
    await kubeconfig.close();
  });

  it('sends typed requests made back to back (a progress mirror writing one at a time) over one connection', async () => {
    const kubeconfig = KeptAliveKubeConfig.fromFile(kubeconfigFile('admin'));
    const core = kubeconfig.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({ namespace: NAMESPACE, body: { metadata: { name: 'back-to-back' }, data: { n: '0' } } });
    await nextTurn();
    const opened = await connectionsDuring(async () => {
      // Each one starts in the same turn as the last one's answer.
      for (let n = 1; n <= 20; n += 1) await patch(core, 'back-to-back', n);
    });
    expect(opened).toBe(0);
    await kubeconfig.close();
  });

  it('serves concurrent requests and watches on its pool; close() ends the watch and every connection', async () => {
    const kubeconfig = KeptAliveKubeConfig.fromFile(kubeconfigFile('watcher'));
    const core = kubeconfig.makeApiClient(CoreV1Api);
    const events: string[] = [];
    let ended: unknown = 'not yet';
    const opened = proxy.opened;
    await new Watch(kubeconfig).watch(
      `/api/v1/namespaces/${NAMESPACE}/configmaps`,
      {},
      (phase: string, object: { metadata?: { name?: string } }) => object.metadata?.name === 'watched' && events.push(phase),
      (error: unknown) => (ended = error),
    );
    await core.createNamespacedConfigMap({ namespace: NAMESPACE, body: { metadata: { name: 'watched' }, data: { n: '0' } } });
    // Bursts of 5 at once, as a rollout's checks and a mirror write can overlap, a moment apart.
    for (let burst = 1; burst <= 6; burst += 1) {
      await nextTurn();
      await Promise.all(Array.from({ length: 5 }, (_, i) => patch(core, 'watched', burst * 10 + i)));
    }
    await until(() => events.length >= 31, 'the watch to see the writes');
    expect(events[0]).toBe('ADDED');
    expect(events.slice(1).every((phase) => phase === 'MODIFIED')).toBe(true);
    // The watch's connection, the create's and one per request of a burst, reused by the next bursts.
    expect(proxy.opened - opened).toBeLessThanOrEqual(7);
    expect(proxy.open).toBeGreaterThan(0);

    await kubeconfig.close();
    await until(() => ended !== 'not yet', 'the watch to end');
    await until(() => proxy.open === 0, 'every connection to close');
  });

  it('still verifies the server: a kubeconfig trusting another CA is refused, one that skips verification is not', async () => {
    const other = await createServingCertificate();
    const server = `https://127.0.0.1:${proxy.port}`;
    const wrong = KeptAliveKubeConfig.fromFile(kubeconfigFile('wrong-ca', { cluster: { server, 'certificate-authority-data': Buffer.from(other.certPem).toString('base64') } }));
    // undici's fetch says `fetch failed` with TLS's error as the cause; node:https says it itself.
    await expect(wrong.makeApiClient(CoreV1Api).readNamespace({ name: NAMESPACE })).rejects.toMatchObject({ cause: { code: expect.stringMatching(/CERT|SIGNATURE/) } });
    await expect(getList(wrong, listPath('ConfigMap', NAMESPACE))).rejects.toMatchObject({ code: expect.stringMatching(/CERT|SIGNATURE/) });
    await wrong.close();

    const skipping = KeptAliveKubeConfig.fromFile(kubeconfigFile('skip', { cluster: { server, 'insecure-skip-tls-verify': true } }));
    expect((await skipping.makeApiClient(CoreV1Api).readNamespace({ name: NAMESPACE })).metadata?.name).toBe(NAMESPACE);
    expect((await getList(skipping, listPath('ConfigMap', NAMESPACE))).items.length).toBeGreaterThan(0);
    await skipping.close();
  });

  it("runs an exec plugin again when its token expires, and keeps the connection", async () => {
    const runs = join(dir, 'exec-runs');
    writeFileSync(runs, '');
    const plugin = join(dir, 'exec-plugin.mjs');
    // A credential that expires 1.5 s after it is issued; each run leaves a line in `runs`.
    writeFileSync(
      plugin,
      `import { appendFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(runs)}, 'run\\n');
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: ${JSON.stringify(sandbox.token)}, expirationTimestamp: new Date(Date.now() + 1500).toISOString() } }));
`,
    );
    const kubeconfig = KeptAliveKubeConfig.fromFile(
      kubeconfigFile('exec', { user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never' } } }),
    );
    const core = kubeconfig.makeApiClient(CoreV1Api);
    const runCount = () => readFileSync(runs, 'utf8').split('\n').filter(Boolean).length;
    await core.readNamespace({ name: NAMESPACE });
    await nextTurn();
    await core.readNamespace({ name: NAMESPACE });
    expect(runCount()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    const opened = await connectionsDuring(() => core.readNamespace({ name: NAMESPACE }));
    expect(runCount()).toBe(2);
    expect(opened).toBe(0);
    expect(proxy.opened).toBe(1);
    await kubeconfig.close();
  });

  it('lets a process that closed it exit on its own', async () => {
    const fixture = fileURLToPath(new URL('./fixtures/kept-alive-child.ts', import.meta.url));
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, kubeconfigFile('child'), NAMESPACE], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(-1);
      }, 20_000);
      child.on('exit', (exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });
    expect({ code, out, err }).toEqual({ code: 0, out: 'done\n', err: '' });
    await until(() => proxy.open === 0, "the child's connections to close");
  }, 30_000);
});
