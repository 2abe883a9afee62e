/**
 * Figures of the Service proxy (issue 4): a steady 2,000 requests per second through a NodePort on
 * loopback while a rolling update runs, each request on a new connection — as `curl` in a loop and
 * the downtime meter send them, so every one is routed afresh by kube-proxy's view. The load comes
 * from another process (a client is another program; it must not queue behind the sandbox's event
 * loop) at a fixed rate, so latency is the proxy's and not a closed loop's queue. The same client
 * against a bare Node HTTP server gives the machine's own loopback floor, printed alongside: on a
 * small or shared machine the tail of that floor alone can exceed the 5 ms target.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { typeOfKind } from '../src/sandbox/api/resources.js';
import type { PodNetwork } from '../src/sandbox/traffic/index.js';
import { longestBlock } from './event-loop.js';
import { ms, percentile, report } from './stats.js';

const DEPLOYMENTS = typeOfKind('apps', 'Deployment');
const SERVICES = typeOfKind('', 'Service');
const PODS = typeOfKind('', 'Pod');
const RATE = 2000;
const REPLICAS = 4;
/** ×2: the rollout (4 Pods, probe, preStop) lasts several seconds of wall time under load. */
const SPEED = 2;

/**
 * An HTTP client in its own process: `rate` requests a second (open loop, 1 ms ticks), or with
 * `concurrency` set as many requests at once as fast as they are answered; each on a new
 * connection. Stops on a line on stdin and prints its samples as JSON.
 */
const LOAD_GENERATOR = `
const http = require('node:http');
const [url, rate, concurrency] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
const latencies = [];
let failures = 0, sent = 0, inflight = 0, stopping = false;
const started = performance.now();
function one() {
  const t0 = performance.now();
  sent++; inflight++;
  const done = (ok) => {
    latencies.push(performance.now() - t0); if (!ok) failures++; inflight--;
    if (stopping) { if (inflight === 0) finish(); } else if (concurrency) one();
  };
  const req = http.request(url, { agent: false }, (res) => { res.resume(); res.on('end', () => done(res.statusCode === 200)); res.on('error', () => done(false)); });
  req.on('error', () => done(false));
  req.end();
}
let timer;
if (concurrency) for (let i = 0; i < concurrency; i++) one();
else timer = setInterval(() => { const due = Math.floor(((performance.now() - started) / 1000) * rate); while (sent < due) one(); }, 1);
let seconds = 0;
function finish() { process.stdout.write(JSON.stringify({ latencies, failures, seconds }), () => process.exit(0)); }
process.stdin.once('data', () => { clearInterval(timer); seconds = (performance.now() - started) / 1000; stopping = true; if (inflight === 0) finish(); });
`;

interface Load {
  latencies: number[];
  failures: number;
  seconds: number;
}

function startLoad(url: string, options: { rate?: number; concurrency?: number }): { stop(): Promise<Load> } {
  const child = spawn(process.execPath, ['-e', LOAD_GENERATOR, url, String(options.rate ?? 0), String(options.concurrency ?? 0)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async stop() {
      child.stdin.write('stop\n');
      await exited;
      return JSON.parse(out) as Load;
    },
  };
}

const during = async (url: string, options: { rate?: number; concurrency?: number }, work: () => Promise<void>): Promise<Load> => {
  const load = startLoad(url, options);
  await work();
  return load.stop();
};

const wait = (msec: number) => new Promise<void>((resolve) => setTimeout(resolve, msec));

/** The same client against a bare Node HTTP server in this process: the machine's loopback floor. */
async function loopbackFloor(): Promise<void> {
  const server = createServer((_req, res) => res.end('ok\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const { latencies } = await during(`http://127.0.0.1:${port}/`, { rate: RATE }, () => wait(3000));
  server.close();
  report(`bare Node HTTP server at ${RATE} req/s, same client (p50 / p99)`, `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`, '-', true);
}

function deploymentSettled(sandbox: Sandbox, image: string): boolean {
  const d = sandbox.store.peek(DEPLOYMENTS, 'default', 'bench');
  const s = d?.status ?? {};
  return d?.spec.template.spec.containers[0].image === image && s.observedGeneration === d?.metadata.generation && s.updatedReplicas === REPLICAS && s.availableReplicas === REPLICAS && s.replicas === REPLICAS;
}

function until(sandbox: Sandbox, done: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`${what}: timed out`)), 120_000);
    const check = () => {
      if (!done()) return;
      clearTimeout(timeout);
      unsubscribe();
      resolve();
    };
    const unsubscribe = sandbox.store.subscribe(check);
    check();
  });
}

/**
 * Pod servers that answer at once, for the proxy's own figure: the simulated nginx takes 1 ms of
 * simulated time per request by design (so that a stop signal can catch requests in flight), which
 * is the Pod's time, not kube-proxy's.
 */
function instantPods(sandbox: () => Sandbox): PodNetwork {
  const body = 'ok\n';
  return {
    connect: (ip) => {
      const pod = sandbox().store.list(PODS, { namespace: 'default', labelSelector: 'app=bench' }).items.find((p) => p.status?.podIP === ip);
      if (!pod) return undefined;
      return { pod: { namespace: pod.metadata.namespace, name: pod.metadata.name }, handle: async () => ({ status: 200, headers: { 'Content-Type': 'text/plain', 'Content-Length': String(body.length) }, body }) };
    },
  };
}

interface RolloutRun {
  load: Load;
  rolledSeconds: number;
  blocked: { wall: number; cpu: number };
  saturated?: number;
}

/** A Deployment behind a NodePort, rolled to a new image while the client sends at RATE. */
async function rolloutUnderLoad(options: { instant: boolean; saturate: boolean }): Promise<RolloutRun> {
  let current: Sandbox | undefined;
  const sandbox = (current = await startSandbox({ speed: SPEED, network: options.instant ? instantPods(() => current!) : undefined }));
  try {
    const url = new Promise<string>((resolve) => sandbox.serviceUrls.on('port', (e) => e.name === 'bench' && e.open && resolve(e.url)));
    // The seed's zero-downtime settings, and a preStop sleep longer than kube-proxy's propagation
    // delay: no request should fail, so the figure is the proxy's, not the lesson's.
    const container = {
      name: 'nginx',
      image: 'nginx:1.25',
      ports: [{ containerPort: 80 }],
      readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 1 },
      lifecycle: { preStop: { exec: { command: ['sleep', '3'] } } },
    };
    sandbox.registry.create(DEPLOYMENTS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'bench' },
      spec: {
        replicas: REPLICAS,
        selector: { matchLabels: { app: 'bench' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: { metadata: { labels: { app: 'bench' } }, spec: { containers: [container] } },
      },
    });
    sandbox.registry.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'bench' }, spec: { type: 'NodePort', selector: { app: 'bench' }, ports: [{ port: 80 }] } });
    await until(sandbox, () => deploymentSettled(sandbox, 'nginx:1.25'), 'initial rollout');
    const target = await url;
    await sandbox.clock.sleep(1500);

    let rolledSeconds = 0;
    let load!: Load;
    // The sandbox's own longest stall while serving (GC, controllers, kubelet): a request waiting
    // behind it is a latency tail that is not the proxy's doing.
    const blocked = await longestBlock(async () => {
      load = await during(`${target}/`, { rate: RATE }, async () => {
        const started = performance.now();
        sandbox.registry.patch(DEPLOYMENTS, 'default', 'bench', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } });
        await until(sandbox, () => deploymentSettled(sandbox, 'nginx:1.26'), 'rollout to nginx:1.26');
        rolledSeconds = (performance.now() - started) / 1000;
      });
    });
    if (!options.saturate) return { load, rolledSeconds, blocked };
    // How far it goes: 64 clients at once, each sending again as soon as it is answered.
    const saturated = await during(`${target}/`, { concurrency: 64 }, () => wait(3000));
    return { load, rolledSeconds, blocked, saturated: (saturated.latencies.length - saturated.failures) / saturated.seconds };
  } finally {
    await sandbox.stop();
  }
}

async function proxyDuringRollout(): Promise<void> {
  const { load, rolledSeconds, blocked, saturated } = await rolloutUnderLoad({ instant: true, saturate: true });
  const rate = (load.latencies.length - load.failures) / load.seconds;
  const p99 = percentile(load.latencies, 99);
  report(`kube-proxy at ${RATE} req/s during a ${REPLICAS}-replica rollout (answered/s)`, `${Math.round(rate)} req/s`, '≥ 2,000/s', rate >= RATE * 0.98);
  report('  latency p50 / p99 (new connection each, Pods answer at once)', `${ms(percentile(load.latencies, 50))} / ${ms(p99)}`, 'p99 ≤ 5 ms', p99 <= 5);
  report('  failed requests', `${load.failures} of ${load.latencies.length}`, '0', load.failures === 0);
  report(`  rollout wall time (speed ×${SPEED})`, `${rolledSeconds.toFixed(1)} s`, '-', true);
  report('  longest event-loop block meanwhile: wall / our CPU', `${ms(blocked.wall)} / ${ms(blocked.cpu)}`, '-', true);
  report('  64 clients as fast as answered, after the rollout', `${Math.round(saturated!)} req/s`, '≥ 2,000/s', saturated! >= RATE);
}

async function nginxDuringRollout(): Promise<void> {
  const { load } = await rolloutUnderLoad({ instant: false, saturate: false });
  const rate = (load.latencies.length - load.failures) / load.seconds;
  report(`simulated nginx behind it, same load and rollout (answered/s)`, `${Math.round(rate)} req/s`, '≥ 2,000/s', rate >= RATE * 0.98);
  report('  latency p50 / p99 (nginx takes 1 simulated ms)', `${ms(percentile(load.latencies, 50))} / ${ms(percentile(load.latencies, 99))}`, '-', true);
  report('  failed requests (probe, maxUnavailable 0, preStop)', `${load.failures} of ${load.latencies.length}`, '0', load.failures === 0);
}

/** The figures of the traffic half of issue 4, in the order printed. */
export const trafficFigures: [string, () => Promise<void>][] = [
  ['sandbox: loopback floor', loopbackFloor],
  ['sandbox: Service proxy throughput', proxyDuringRollout],
  ['sandbox: Service proxy with simulated nginx', nginxDuringRollout],
];
