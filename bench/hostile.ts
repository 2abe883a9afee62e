/**
 * The "hostile input" figures (issue 7): the JSON-patch copy bomb, 50 watchers that never read,
 * and a 60 s wrk run against a NodePort during a 500-replica rollout. The sandbox runs in a child
 * process (bench/hostile-server.ts), in a worker thread as `kubedojo sandbox` runs it
 * (KUBEDOJO_BENCH_SANDBOX_IN=main puts it on the child's main thread, for heap experiments); each
 * figure is the process's peak RSS, its RSS after the load and 5 s idle against the RSS before,
 * the p99 of `/version` probes sent meanwhile, and whether it crashed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request as httpsRequest } from 'node:https';
import { dirname, join } from 'node:path';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { ms, percentile, report } from './stats.js';

const MB = 1024 * 1024;

interface Server {
  server: string;
  token: string;
  caPem: string;
  child: ChildProcess;
  crashed: () => boolean;
  ask<T>(op: string, extra?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

async function startServer(speed: number): Promise<Server> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'hostile-server.js');
  // KUBEDOJO_BENCH_SANDBOX_NODE_ARGS: extra node flags for the sandbox process (memory experiments).
  const extra = (process.env.KUBEDOJO_BENCH_SANDBOX_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, ['--expose-gc', ...extra, script, String(speed)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let exited = false;
  let stopping = false;
  child.on('exit', () => (exited = true));
  const first = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`the sandbox process exited (${code}) before it started`)));
  });
  const { server, token, caPem } = JSON.parse(first) as { server: string; token: string; caPem: string };
  let next = 0;
  const pending = new Map<number, (value: unknown) => void>();
  child.on('message', (m: { id: number; value: unknown }) => pending.get(m.id)?.(m.value));
  const ask = <T>(op: string, extra: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const id = next++;
      pending.set(id, (v) => {
        pending.delete(id);
        resolve(v as T);
      });
      child.send({ id, op, ...extra });
    });
  return {
    server,
    token,
    caPem,
    child,
    crashed: () => exited && !stopping,
    ask,
    async stop() {
      stopping = true;
      if (exited) return;
      await Promise.race([ask('stop'), new Promise((r) => setTimeout(r, 5000))]);
      child.kill();
    },
  };
}

interface Reply {
  status: number;
  text: string;
}

function call(s: Server, agent: Agent, method: string, path: string, body?: string, contentType = 'application/json'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(new URL(path, s.server), { method, agent, headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': contentType } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** `/version` every 20 ms on a connection of its own until `stop()`: the latencies, and failures. */
function probe(s: Server): { stop: () => Promise<{ latencies: number[]; failures: number }> } {
  const agent = new Agent({ keepAlive: true, ca: s.caPem });
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const r = await call(s, agent, 'GET', '/version');
        if (r.status !== 200) failures++;
      } catch {
        failures++;
      }
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      agent.destroy();
      return { latencies, failures };
    },
  };
}

const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;

interface Breakdown {
  usage: NodeJS.MemoryUsage;
  spaces: Record<string, number>;
  smaps: Record<string, number>;
  top: string[];
}

/** One line of where the resident memory is, in MB (KUBEDOJO_BENCH_BREAKDOWN=1). */
async function printBreakdown(s: Server, label: string): Promise<void> {
  if (!process.env.KUBEDOJO_BENCH_BREAKDOWN || s.crashed()) return;
  const { usage, spaces, smaps, top } = await s.ask<Breakdown>('breakdown');
  if (process.env.KUBEDOJO_BENCH_BREAKDOWN === 'maps') for (const line of top) console.log(`      ${line}`);
  const m = (n: number | undefined) => ((n ?? 0) / MB).toFixed(0);
  const native = usage.rss - usage.heapTotal - usage.arrayBuffers;
  console.log(
    `    [${label}] rss ${m(usage.rss)} = heapTotal ${m(usage.heapTotal)} (used ${m(usage.heapUsed)}; new ${m(spaces.new_space)} old ${m(spaces.old_space)} code ${m(spaces.code_space)} large ${m(spaces.large_object_space)}) + arrayBuffers ${m(usage.arrayBuffers)} (external ${m(usage.external)}) + rest ${m(native)}; smaps anon ${m(smaps.Anonymous)} lazyfree ${m(smaps.LazyFree)} file ${m(smaps.Rss! - smaps.Anonymous!)}`,
  );
}

/** Prints the four figures every hostile scenario shares. */
interface Memory {
  rss: number;
  heap: number;
  /** Memory-reducing GCs the sandbox's trimmer did so far (src/sandbox/memory-trim.ts). */
  trims?: number;
}

/** RSS and JS heap after a full GC. */
const settledMemory = (s: Server) => s.ask<Memory>('gc');

/**
 * How long the server is left alone before "start" and "after" are read: clients gone, nothing
 * forced. KUBEDOJO_BENCH_SETTLE_MS changes it for experiments.
 */
const SETTLE_MS = Number(process.env.KUBEDOJO_BENCH_SETTLE_MS ?? 5000);

/** RSS after the server has been idle for SETTLE_MS, nothing forced (no GC from outside). */
async function idleMemory(s: Server): Promise<Memory> {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  return s.ask<Memory>('memory');
}

/** "start": the idle RSS as it stands, and the JS heap after a GC (to compare with the heap after). */
async function startMemory(s: Server, scenario: string): Promise<Memory> {
  const { rss, trims } = await idleMemory(s);
  const heap = (await settledMemory(s)).heap;
  await s.ask('heapsnapshot', { name: `${scenario.replace(/ /g, '-')}-start` });
  return { rss, trims, heap };
}

/** The last stop's RSS-after growth on a quiet machine (same method, trimmer on), for comparison. */
/** The last stop's figures were measured with the sandbox on the child's main thread (98 MB at start). */
const BASELINE_GROWTH: Record<string, string> = { 'copy bomb': '-3% on the main thread', 'stalled watchers': '+20% on the main thread', wrk: '+9% on the main thread' };

async function memoryAndLatency(s: Server, scenario: keyof typeof BASELINE_GROWTH, start: Memory, probes: { latencies: number[]; failures: number }): Promise<void> {
  const { peak } = await s.ask<{ rss: number; peak: number }>('rss');
  // Trims while the probes ran would be pauses inside the p99: counted apart.
  const duringLoad = s.crashed() ? 0 : ((await s.ask<Memory>('memory')).trims ?? 0) - (start.trims ?? 0);
  await printBreakdown(s, 'load ended');
  // The hostile clients are gone; the server is left alone, then its RSS is read as it stands.
  const after = s.crashed() ? { rss: Number.NaN, heap: Number.NaN } : await idleMemory(s);
  await printBreakdown(s, 'after');
  const afterGc = s.crashed() ? { rss: Number.NaN, heap: Number.NaN } : await settledMemory(s);
  if (!s.crashed()) await s.ask('heapsnapshot', { name: `${scenario.replace(/ /g, '-')}-after` });
  const p99 = percentile(probes.latencies, 99);
  const growth = (a: number, b: number) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(0)}%`;
  report('  RSS start / peak / after', `${mb(start.rss)} / ${mb(peak)} / ${mb(after.rss)}`, '-', true);
  // In a worker thread (the default), the sandbox's trimmer and heap are not readable from here.
  if (start.trims !== undefined) report('  memory trims during the load / after it', `${duringLoad} / ${(after.trims ?? 0) - (start.trims ?? 0) - duringLoad}`, '-', true);
  report(`  RSS after ${SETTLE_MS / 1000} s idle vs start (was ${BASELINE_GROWTH[scenario]})`, `${(after.rss / start.rss).toFixed(2)}× (${growth(after.rss, start.rss)}, ${after.rss >= start.rss ? '+' : ''}${mb(after.rss - start.rss)})`, '≤ +20%', after.rss <= start.rss * 1.2);
  if (Number.isFinite(afterGc.heap)) report('  JS heap used after (GC) vs start', `${mb(afterGc.heap)} (${growth(afterGc.heap, start.heap)})`, '-', true);
  report('  /version p99 meanwhile (failures)', `${ms(p99)} (${probes.failures})`, '≤ 100 ms', p99 <= 100 && probes.failures === 0);
  report('  crashed', s.crashed() ? 'yes' : 'no', 'no', !s.crashed());
  // KUBEDOJO_BENCH_HOLD_AFTER_MS: keep the sandbox process up after the figures, to look at it from outside (gdb, /proc).
  const hold = Number(process.env.KUBEDOJO_BENCH_HOLD_AFTER_MS ?? 0);
  if (hold > 0 && !s.crashed()) {
    console.log(`    holding the sandbox process ${s.child.pid} for ${hold / 1000} s`);
    await new Promise((r) => setTimeout(r, hold));
    await printBreakdown(s, 'held');
  }
}

async function copyBomb(): Promise<void> {
  const s = await startServer(1);
  const agent = new Agent({ keepAlive: true, ca: s.caPem });
  try {
    await call(s, agent, 'POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'target' } }));
    const start = await startMemory(s, 'copy bomb');
    await printBreakdown(s, 'start');
    await s.ask('reset');
    const bomb = JSON.stringify([{ op: 'add', path: '/junk', value: ['x'] }, ...Array.from({ length: 25 }, () => ({ op: 'copy', from: '/junk', path: '/junk/-' }))]);
    const probes = probe(s);
    const statuses: number[] = [];
    const took: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      statuses.push((await call(s, agent, 'PATCH', '/api/v1/namespaces/default/configmaps/target', bomb, 'application/json-patch+json')).status);
      took.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const seen = await probes.stop();
    report(`copy bomb (${bomb.length} bytes, 25 copies) ×5: status, slowest`, `${[...new Set(statuses)].join(',')}, ${ms(Math.max(...took))}`, '422', statuses.every((c) => c === 422));
    await memoryAndLatency(s, 'copy bomb', start, seen);
  } finally {
    agent.destroy();
    await s.stop();
  }
}

/** A watch whose client reads the headers and then never reads again. */
function stalledWatch(s: Server, path: string): Promise<TLSSocket> {
  const url = new URL(s.server);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: url.hostname, port: Number(url.port), ca: s.caPem, servername: 'localhost' }, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: sandbox\r\nAuthorization: Bearer ${s.token}\r\n\r\n`);
      socket.once('data', () => {
        socket.pause();
        resolve(socket);
      });
    });
    socket.on('error', reject);
  });
}

/**
 * KUBEDOJO_BENCH_WATCHERS (default 50) and KUBEDOJO_BENCH_ROUNDS (default 1, each round's figures
 * against the same start) are for experiments: 0 watchers tells the watchers' share of the growth
 * from the requests', more rounds whether it grows with every burst or only once (docs/decisions.md,
 * "Sandbox: the stalled-watcher residue is the first burst's JIT, not the watchers").
 */
async function stalledWatchers(): Promise<void> {
  const WRITES = Number(process.env.KUBEDOJO_BENCH_WATCH_WRITES ?? 17_000);
  const WATCHERS = Number(process.env.KUBEDOJO_BENCH_WATCHERS ?? 50);
  const ROUNDS = Number(process.env.KUBEDOJO_BENCH_ROUNDS ?? 1);
  const s = await startServer(1);
  const agent = new Agent({ keepAlive: true, maxSockets: 4, ca: s.caPem });
  try {
    await call(s, agent, 'POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'target' } }));
    const start = await startMemory(s, 'stalled watchers');
    await printBreakdown(s, 'start');
    for (let round = 0; round < ROUNDS; round++) {
      await s.ask('reset');
      const sockets = await Promise.all(Array.from({ length: WATCHERS }, () => stalledWatch(s, '/api/v1/namespaces/default/configmaps?watch=true')));
      const probes = probe(s);
      const started = performance.now();
      let next = 0;
      const payload = 'y'.repeat(4096);
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < WRITES) {
            const i = next++;
            await call(s, agent, 'PATCH', '/api/v1/namespaces/default/configmaps/target', JSON.stringify({ data: { n: String(i), payload } }), 'application/merge-patch+json');
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const seen = await probes.stop();
      // The clients go away; what they were sent must go with them.
      for (const socket of sockets) socket.destroy();
      report(`${WATCHERS} watchers that never read, ${WRITES} writes of 4 KB${ROUNDS > 1 ? ` (round ${round + 1})` : ''}`, `${seconds.toFixed(1)} s`, '-', true);
      await memoryAndLatency(s, 'stalled watchers', start, seen);
    }
  } finally {
    agent.destroy();
    await s.stop();
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function wrkDuringRollout(): Promise<void> {
  // KUBEDOJO_BENCH_REPLICAS: a smaller rollout for a quick run on a busy machine (500 is the figure).
  const REPLICAS = Number(process.env.KUBEDOJO_BENCH_REPLICAS ?? 500);
  const SPEED = 5;
  const s = await startServer(SPEED);
  const agent = new Agent({ keepAlive: true, ca: s.caPem });
  const deployment = (image: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 2 } }] } },
    },
  });
  const settled = async (image: string) => {
    const d = JSON.parse((await call(s, agent, 'GET', '/apis/apps/v1/namespaces/default/deployments/web')).text);
    return d.status?.observedGeneration === d.metadata.generation && d.status?.updatedReplicas === REPLICAS && d.status?.availableReplicas === REPLICAS && (d.status?.replicas ?? 0) === REPLICAS && d.spec.template.spec.containers[0].image === image;
  };
  try {
    await call(s, agent, 'POST', '/apis/apps/v1/namespaces/default/deployments', JSON.stringify(deployment('nginx:1.25')));
    await call(s, agent, 'POST', '/api/v1/namespaces/default/services', JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } }));
    await until(`${REPLICAS} Pods available`, () => settled('nginx:1.25'), 600_000);
    let url: string | null = null;
    await until('the NodePort', async () => (url = await s.ask<string | null>('url', { namespace: 'default', name: 'web' })) !== null, 60_000);
    const start = await startMemory(s, 'wrk');
    await printBreakdown(s, 'start');
    await s.ask('reset');
    const probes = probe(s);
    const wrk = execa('wrk', ['-t2', '-c64', '-d60s', '--latency', `${url}/`], { reject: false });
    await new Promise((r) => setTimeout(r, 5000));
    const rollStarted = performance.now();
    await call(s, agent, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web', JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } }), 'application/strategic-merge-patch+json');
    // Under a saturating client the rollout may not finish: that is a figure, not a crash of the bench.
    const finished = await until('the rollout to nginx:1.26', () => settled('nginx:1.26'), 600_000).then(() => true, () => false);
    const rolled = (performance.now() - rollStarted) / 1000;
    const result = await wrk;
    const seen = await probes.stop();
    const rate = /Requests\/sec:\s+([\d.]+)/.exec(result.stdout)?.[1] ?? '?';
    const errors = /Socket errors:.*|Non-2xx or 3xx responses: \d+/g.exec(result.stdout)?.[0] ?? 'none';
    report(`wrk -t2 -c64 60 s on a NodePort, ${REPLICAS}-replica rollout (speed ×${SPEED})`, `${rate} req/s`, '-', true);
    report('  wrk errors', errors, '-', true);
    report('  rollout wall time', finished ? `${rolled.toFixed(1)} s` : `not done in ${rolled.toFixed(0)} s`, 'finishes', finished);
    await memoryAndLatency(s, 'wrk', start, seen);
  } finally {
    agent.destroy();
    await s.stop();
  }
}

/** The figures of issue 7's "hostile input" group, in the order printed. */
export const hostileFigures: [string, () => Promise<void>][] = [
  ['hostile input: JSON-patch copy bomb', copyBomb],
  ['hostile input: 50 stalled watchers', stalledWatchers],
  ['hostile input: wrk on a NodePort during a 500-replica rollout', wrkDuringRollout],
];
