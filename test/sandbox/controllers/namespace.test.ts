import { afterEach, beforeEach, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { deployment, rolledOut, startCluster, T, type Cluster } from './harness.js';

let cluster: Cluster;
beforeEach(() => {
  cluster = startCluster();
});
afterEach(() => cluster.stop());

const shop = () => cluster.get(T.namespaces, undefined, 'shop');
const everything = () => [T.pods, T.replicaSets, T.deployments, T.services, T.endpoints, T.endpointSlices, T.events].flatMap((t) => cluster.list(t, 'shop'));

test('a deleted namespace is emptied, reports what remains, and then goes', async () => {
  cluster.registry.create(T.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  cluster.registry.create(T.services, 'shop', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  cluster.registry.create(T.deployments, 'shop', deployment('web', { replicas: 2 }));
  await cluster.waitFor('rollout', () => rolledOut(cluster, 'web', 'shop'));
  expect(everything().length).toBeGreaterThan(6);

  const remaining: string[] = [];
  const stop = cluster.store.subscribe(() => {
    const condition = shop()?.status?.conditions?.find((c: KubeObject) => c.type === 'NamespaceContentRemaining' && c.status === 'True');
    if (condition && !remaining.includes(condition.message)) remaining.push(condition.message);
  });
  cluster.registry.delete(T.namespaces, undefined, 'shop');
  expect(shop()?.status.phase).toBe('Terminating');
  await cluster.waitFor('namespace removed', () => !shop());
  stop();
  expect(everything()).toEqual([]);
  // Graceful Pods are what a namespace waits for.
  expect(remaining).toContain('Some resources are remaining: pods has 2 resource instances');
});

test('the termination conditions carry the 1.32 reasons and messages', async () => {
  cluster.registry.create(T.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  cluster.registry.create(T.deployments, 'shop', deployment('web', { replicas: 1 }));
  await cluster.waitFor('rollout', () => rolledOut(cluster, 'web', 'shop'));
  let conditions: KubeObject[] = [];
  const stop = cluster.store.subscribe(() => {
    conditions = shop()?.status?.conditions ?? conditions;
  });
  cluster.registry.delete(T.namespaces, undefined, 'shop');
  await cluster.waitFor('namespace removed', () => !shop());
  stop();
  expect(conditions.map(({ type, status, reason }) => [type, status, reason])).toEqual([
    ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered'],
    ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions'],
    ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted'],
    ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain'],
    ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers'],
  ]);
  expect(conditions[2]!.message).toBe('All content successfully deleted, may be waiting on finalization');
});
