import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { afterEach, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { deployment, startCluster, T, type Cluster } from './harness.js';

let cluster: Cluster;
afterEach(() => cluster.stop());

/**
 * The longest the event loop was held by the sandbox, in ms, while `work` ran: the gaps between the
 * ticks of a 1 ms timer, counted as the CPU time the main thread spent in them (on a busy machine the
 * wall-clock gap also holds other processes' time), less the garbage collector's pauses in them.
 */
async function longestBlock(work: () => Promise<void>): Promise<number> {
  const gaps: { from: number; to: number; cpu: number }[] = [];
  const pauses: PerformanceEntry[] = [];
  const gc = new PerformanceObserver((list) => pauses.push(...list.getEntries()));
  gc.observe({ entryTypes: ['gc'] });
  let from = performance.now();
  let cpu = process.threadCpuUsage();
  const tick = setInterval(() => {
    const used = process.threadCpuUsage(cpu);
    gaps.push({ from, to: performance.now(), cpu: (used.user + used.system) / 1000 });
    from = performance.now();
    cpu = process.threadCpuUsage();
  }, 1);
  await work();
  clearInterval(tick);
  pauses.push(...gc.takeRecords());
  gc.disconnect();
  const gcWithin = (a: number, b: number) => pauses.reduce((sum, p) => sum + Math.max(0, Math.min(b, p.startTime + p.duration) - Math.max(a, p.startTime)), 0);
  return Math.max(0, ...gaps.map((g) => Math.min(g.to - g.from, g.cpu) - gcWithin(g.from, g.to)));
}

test('a thousand Pods come up, get endpoints and go, never holding the event loop for 50 ms', async () => {
  cluster = startCluster(1000);
  cluster.registry.create(T.services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  const web = () => cluster.get(T.deployments, 'default', 'web');
  const endpoints = () => cluster.get(T.endpoints, 'default', 'web');

  const up = await longestBlock(async () => {
    cluster.registry.create(T.deployments, 'default', deployment('web', { replicas: 1000 }));
    await cluster.waitFor('1000 available', () => web()?.status?.availableReplicas === 1000, 60_000);
    await cluster.waitFor('1000 addresses', () => endpoints()?.subsets?.[0]?.addresses?.length === 1000, 60_000);
  });
  const slices = cluster.list(T.endpointSlices, 'default');
  expect(slices).toHaveLength(10);
  expect(slices.map((s: KubeObject) => s.endpoints.length)).toEqual(Array(10).fill(100));
  expect(up).toBeLessThan(50);

  // Counted from the change stream: listing a thousand Pods on every change would be the slow part.
  let pods = cluster.list(T.pods, 'default').length;
  const count = cluster.store.subscribe((e) => {
    if (e.object.kind === 'Pod') pods += e.type === 'ADDED' ? 1 : e.type === 'DELETED' ? -1 : 0;
  });
  const down = await longestBlock(async () => {
    cluster.registry.delete(T.deployments, 'default', 'web');
    await cluster.waitFor('Pods gone', () => pods === 0, 60_000);
  });
  count();
  expect(down).toBeLessThan(50);
}, 120_000);
