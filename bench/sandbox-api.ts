/**
 * Figures of the sandbox API (issue 2): in-process GET / LIST latency, kubectl's wall time against
 * the sandbox next to its own start-up, a 1,000-replica rollout's memory and event-loop blocking,
 * and the delay from a write to a client-node watcher's callback.
 */
import { request as httpsRequest, Agent } from 'node:https';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { findType, typeOfKind } from '../src/sandbox/api/resources.js';
import { median, ms, percentile, report } from './stats.js';
import { longestBlock } from './event-loop.js';

const KUBECTL = process.env.KUBEDOJO_TEST_KUBECTL ?? '/usr/bin/kubectl';
const PODS = findType('', 'pods')!;
const CONFIGMAPS = findType('', 'configmaps')!;
const DEPLOYMENTS = typeOfKind('apps', 'Deployment');

function get(sandbox: Sandbox, agent: Agent, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = httpsRequest(new URL(path, sandbox.server), { agent, ca: sandbox.caPem, headers: { Authorization: `Bearer ${sandbox.token}`, Accept: 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

async function apiLatency(): Promise<void> {
  const sandbox = await startSandbox({ speed: 1000 });
  try {
    for (let i = 0; i < 100; i++) {
      sandbox.registry.create(PODS, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `bench-${i}`, labels: { app: 'bench' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } });
    }
    const agent = new Agent({ keepAlive: true, ca: sandbox.caPem });
    const gets: number[] = [];
    const lists: number[] = [];
    for (let i = 0; i < 300; i++) {
      gets.push(await get(sandbox, agent, `/api/v1/namespaces/default/pods/bench-${i % 100}`));
      lists.push(await get(sandbox, agent, '/api/v1/namespaces/default/pods?labelSelector=app%3Dbench'));
    }
    agent.destroy();
    report('GET one of 100 Pods over HTTPS (p50 / p99)', `${ms(median(gets))} / ${ms(percentile(gets, 99))}`, 'p50 ≤ 2 ms', median(gets) <= 2);
    report('LIST 100 Pods over HTTPS (p50 / p99)', `${ms(median(lists))} / ${ms(percentile(lists, 99))}`, 'p50 ≤ 2 ms', median(lists) <= 2);
  } finally {
    await sandbox.stop();
  }
}

async function kubectlWallTime(): Promise<void> {
  const sandbox = await startSandbox({ speed: 1000 });
  const home = mkdtempSync(join(tmpdir(), 'kubedojo-bench-'));
  const env = { KUBECONFIG: sandbox.kubeconfigPath, HOME: home, KUBECACHEDIR: join(home, 'kubecache'), PATH: process.env.PATH ?? '' };
  const time = async (args: string[]) => {
    const started = performance.now();
    await execa(KUBECTL, args, { env, extendEnv: false });
    return performance.now() - started;
  };
  try {
    // Warm the dispatcher's binary cache and kubectl's discovery cache, as a learner's second command would.
    await time(['get', 'pods']);
    await time(['version', '--client']);
    const client: number[] = [];
    const getPods: number[] = [];
    for (let i = 0; i < 15; i++) {
      client.push(await time(['version', '--client']));
      getPods.push(await time(['get', 'pods', '-A']));
    }
    const ratio = median(getPods) / median(client);
    report('kubectl version --client (median)', ms(median(client)), '-', true);
    report('kubectl get pods -A against the sandbox (median)', ms(median(getPods)), '-', true);
    report('  ratio', `${ratio.toFixed(2)}×`, '≤ 1.3×', ratio <= 1.3);
  } finally {
    await sandbox.stop();
  }
}

/** The 1,000-replica Deployment of the figure, as kubectl would create it. */
const BIG = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'big' },
  spec: { replicas: 1000, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
};

/** Event-loop blocking, measured inside the process that runs the sandbox. */
async function bigRolloutEventLoop(): Promise<void> {
  const sandbox = await startSandbox({ speed: 200 });
  try {
    let scaled = 0;
    const started = performance.now();
    const blocked = await longestBlock(async () => {
      sandbox.registry.create(DEPLOYMENTS, 'default', structuredClone(BIG));
      await settled(sandbox, 'big', 1000, 'nginx:1.25');
      scaled = performance.now();
      sandbox.registry.patch(DEPLOYMENTS, 'default', 'big', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } });
      await settled(sandbox, 'big', 1000, 'nginx:1.26');
    });
    const rolled = performance.now();
    report('1,000 replicas: scale-up, then rollout (speed ×200)', `${((scaled - started) / 1000).toFixed(1)} s + ${((rolled - scaled) / 1000).toFixed(1)} s`, 'completes', true);
    report('  longest event-loop block: our code (CPU, no GC)', ms(blocked.cpu), '≤ 50 ms', blocked.cpu <= 50);
    report('  longest event-loop block: wall clock (with GC)', ms(blocked.wall), '≤ 50 ms', blocked.wall <= 50);
  } finally {
    await sandbox.stop();
  }
}

/**
 * The sandbox's own memory: `kubedojo sandbox` (the built CLI) in its own process, driven by the
 * real kubectl, its peak RSS read from the kernel (VmHWM) when the rollout is done.
 */
async function bigRolloutMemory(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'kubedojo-bench-'));
  const kubeconfig = join(home, 'kubeconfig');
  const child = execa(process.execPath, ['dist/cli.js', 'sandbox', '--speed', '200', '--kubeconfig', kubeconfig], { reject: false });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('export KUBECONFIG') && resolve());
      void child.then(() => reject(new Error('kubedojo sandbox exited early')));
    });
    const env = { KUBECONFIG: kubeconfig, HOME: home, KUBECACHEDIR: join(home, 'kubecache'), PATH: process.env.PATH ?? '' };
    const kubectl = (...args: string[]) => execa(KUBECTL, args, { env, extendEnv: false });
    await kubectl('create', 'deployment', 'big', '--image=nginx:1.25', '--replicas=1000');
    await kubectl('rollout', 'status', 'deployment/big', '--timeout=600s');
    await kubectl('set', 'image', 'deployment/big', 'nginx=nginx:1.26');
    await kubectl('rollout', 'status', 'deployment/big', '--timeout=600s');
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    report('  peak RSS of `kubedojo sandbox` (VmHWM)', `${(peakKb / 1024).toFixed(0)} MB`, '≤ 300 MB', peakKb / 1024 <= 300);
  } finally {
    child.kill('SIGINT');
    await child;
  }
}

function settled(sandbox: Sandbox, name: string, replicas: number, image: string): Promise<void> {
  const done = () => {
    const d = sandbox.store.peek(DEPLOYMENTS, 'default', name);
    const s = d?.status ?? {};
    return (
      d?.spec.template.spec.containers[0].image === image &&
      s.observedGeneration === d?.metadata.generation &&
      s.updatedReplicas === replicas &&
      s.availableReplicas === replicas &&
      s.replicas === replicas
    );
  };
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`${name} did not settle`)), 600_000);
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

async function watchLatency(): Promise<void> {
  const sandbox = await startSandbox({ speed: 1000 });
  const kc = new KubeConfig();
  kc.loadFromFile(sandbox.kubeconfigPath);
  const written = new Map<string, number>();
  const delays: number[] = [];
  let ready!: () => void;
  const established = new Promise<void>((resolve) => (ready = resolve));
  const controller = await new Watch(kc).watch(
    '/api/v1/namespaces/default/configmaps',
    { allowWatchBookmarks: false },
    (phase, object) => {
      const name = object?.metadata?.name;
      if (name === 'warmup') ready();
      const at = written.get(name);
      if (phase === 'ADDED' && at !== undefined) delays.push(performance.now() - at);
    },
    () => {},
  );
  try {
    sandbox.registry.create(CONFIGMAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'warmup' } });
    await established;
    for (let i = 0; i < 200; i++) {
      const name = `cm-${i}`;
      written.set(name, performance.now());
      sandbox.registry.create(CONFIGMAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { i: String(i) } });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    report('write → client-node watch callback (p50 / max)', `${ms(median(delays))} / ${ms(Math.max(...delays))}`, '≤ 5 ms', Math.max(...delays) <= 5);
    if (delays.length !== 200) report('  events received', `${delays.length}/200`, '200', false);
  } finally {
    controller.abort();
    await sandbox.stop();
  }
}

/** The figures of issue 2, in the order printed. */
export const sandboxApiFigures: [string, () => Promise<void>][] = [
  ['sandbox: API latency', apiLatency],
  ['sandbox: kubectl wall time', kubectlWallTime],
  ['sandbox: watch latency', watchLatency],
  ['sandbox: 1,000-replica rollout', bigRolloutEventLoop],
  ['sandbox: 1,000-replica rollout, memory (built CLI)', bigRolloutMemory],
];
