/**
 * The sandbox's CPU per request in a room's state, the steadier companion of the room's p99
 * (bench/workshop-room.ts): the built `kubedojo sandbox --workshop` in its own process holds 40
 * namespaces, each with a ConfigMap and a 4-replica Deployment whose Pods run; one kept-alive
 * client then sends each kind of request a learner's tools send, one at a time, and the process's
 * CPU (utime + stime from /proc) is read around each batch. No TLS handshakes and no contention
 * from 40 learners, so it moves only with what the sandbox does per request.
 */
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { processCpuSeconds, report } from './stats.js';

const NAMESPACES = 40;
const REQUESTS = Number(process.env.KUBEDOJO_BENCH_REQUESTS ?? 2000);
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';


async function requestCpu(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'kubedojo-bench-cpu-'));
  const adminPath = join(home, 'admin.yaml');
  const cli = process.env.KUBEDOJO_BENCH_CLI ?? 'dist/cli.js';
  const sandbox = execa(process.execPath, [cli, 'sandbox', '--workshop', '--speed', '50', '--port', '0', '--kubeconfig', adminPath], { reject: false });
  try {
    await new Promise<void>((resolve, reject) => {
      sandbox.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('Press Ctrl+C') && resolve());
      void sandbox.then((result) => reject(new Error(`kubedojo sandbox exited early: ${result.stderr}`)));
    });
    const kubeconfig = new KubeConfig();
    kubeconfig.loadFromFile(adminPath);
    const cluster = kubeconfig.getCurrentCluster()!;
    const ca = Buffer.from(cluster.caData!, 'base64').toString();
    const token = kubeconfig.getCurrentUser()!.token!;
    const agent = new Agent({ keepAlive: true, ca, maxSockets: 1 });
    const send = (method: string, path: string, options: { accept?: string; body?: unknown; type?: string } = {}) =>
      new Promise<string>((resolve, reject) => {
        const req = request(new URL(path, cluster.server), { agent, method, headers: { Authorization: `Bearer ${token}`, Accept: options.accept ?? 'application/json', ...(options.type ? { 'Content-Type': options.type } : {}) } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => ((res.statusCode ?? 0) < 300 ? resolve(text) : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`))));
        });
        req.on('error', reject);
        req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
      });
    const ns = (i: number) => `bench-room-${String((i % NAMESPACES) + 1).padStart(2, '0')}`;
    for (let i = 0; i < NAMESPACES; i++) {
      await send('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns(i) } }, type: 'application/json' });
      await send('POST', `/api/v1/namespaces/${ns(i)}/configmaps`, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'progress' }, data: { step: '0' } }, type: 'application/json' });
      await send('POST', `/apis/apps/v1/namespaces/${ns(i)}/deployments`, {
        type: 'application/json',
        body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } } },
      });
    }
    // Until every Pod runs, and then the controllers are quiet.
    const running = async () => (JSON.parse(await send('GET', '/api/v1/pods')) as { items: { status?: { phase?: string } }[] }).items.filter((p) => p.status?.phase === 'Running').length;
    const deadline = performance.now() + 120_000;
    while ((await running()) < NAMESPACES * 4) {
      if (performance.now() > deadline) throw new Error('the room\'s Pods did not all run within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const kinds: [string, (i: number) => Promise<unknown>][] = [
      ["GET a learner's ConfigMap", (i) => send('GET', `/api/v1/namespaces/${ns(i)}/configmaps/progress`)],
      ['GET a Deployment', (i) => send('GET', `/apis/apps/v1/namespaces/${ns(i)}/deployments/web`)],
      ["list a namespace's Pods as a Table (kubectl get pods)", (i) => send('GET', `/api/v1/namespaces/${ns(i)}/pods?limit=500`, { accept: TABLE })],
      ["list a namespace's ReplicaSets as JSON (an informer)", (i) => send('GET', `/apis/apps/v1/namespaces/${ns(i)}/replicasets`)],
      ["PATCH a learner's ConfigMap (the progress mirror)", (i) => send('PATCH', `/api/v1/namespaces/${ns(i)}/configmaps/progress`, { body: { data: { step: String(i) } }, type: 'application/merge-patch+json' })],
      ['GET /version', () => send('GET', '/version')],
    ];
    const pid = sandbox.pid!;
    for (const [name, once] of kinds) {
      for (let i = 0; i < 200; i++) await once(i);
      const before = processCpuSeconds(pid);
      for (let i = 0; i < REQUESTS; i++) await once(i);
      const perRequest = ((processCpuSeconds(pid) - before) / REQUESTS) * 1e6;
      report(`  ${name}`, `${perRequest.toFixed(0)} µs`, 'info', true);
    }
    agent.destroy();
  } finally {
    sandbox.kill('SIGINT');
    await sandbox;
    rmSync(home, { recursive: true, force: true });
  }
}

export const sandboxRequestCpuFigures: [string, () => Promise<void>][] = [
  [`workshop: the sandbox's CPU per request, kept alive, in a room's state (${NAMESPACES} namespaces, built CLI)`, requestCpu],
];
