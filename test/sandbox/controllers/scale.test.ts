import { afterEach, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { deployment, startCluster, T, type Cluster } from './harness.js';

let cluster: Cluster;
afterEach(() => cluster.stop());

// How long the event loop is held meanwhile is a figure of `npm run bench`, not a timed test.
test('a thousand Pods come up, get endpoints and go', async () => {
  cluster = startCluster(1000);
  cluster.registry.create(T.services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  const web = () => cluster.get(T.deployments, 'default', 'web');
  const endpoints = () => cluster.get(T.endpoints, 'default', 'web');

  cluster.registry.create(T.deployments, 'default', deployment('web', { replicas: 1000 }));
  await cluster.waitFor('1000 available', () => web()?.status?.availableReplicas === 1000, 60_000);
  await cluster.waitFor('1000 addresses', () => endpoints()?.subsets?.[0]?.addresses?.length === 1000, 60_000);
  const slices = cluster.list(T.endpointSlices, 'default');
  expect(slices).toHaveLength(10);
  expect(slices.map((s: KubeObject) => s.endpoints.length)).toEqual(Array(10).fill(100));

  // Counted from the change stream: listing a thousand Pods on every change would be the slow part.
  let pods = cluster.list(T.pods, 'default').length;
  const count = cluster.store.subscribe((e) => {
    if (e.object.kind === 'Pod') pods += e.type === 'ADDED' ? 1 : e.type === 'DELETED' ? -1 : 0;
  });
  cluster.registry.delete(T.deployments, 'default', 'web');
  await cluster.waitFor('Pods gone', () => pods === 0, 60_000);
  count();
  expect(cluster.list(T.replicaSets, 'default')).toEqual([]);
}, 120_000);
