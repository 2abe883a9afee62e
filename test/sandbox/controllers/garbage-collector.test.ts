import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { deployment, isTerminating, podsOf, rolledOut, startCluster, T, type Cluster } from './harness.js';

let cluster: Cluster;
beforeEach(async () => {
  cluster = startCluster();
  cluster.registry.create(T.deployments, 'default', deployment('web', { replicas: 2 }));
  await cluster.waitFor('rollout', () => rolledOut(cluster, 'web'));
});
afterEach(() => cluster.stop());

const web = () => cluster.get(T.deployments, 'default', 'web');
const replicaSets = () => cluster.list(T.replicaSets, 'default');

describe('garbage collection', () => {
  test('Background: the Deployment goes at once, then its ReplicaSet, then its Pods', async () => {
    cluster.registry.delete(T.deployments, 'default', 'web', { propagationPolicy: 'Background' });
    expect(web()).toBeUndefined();
    await cluster.waitFor('ReplicaSet collected', () => replicaSets().length === 0);
    await cluster.waitFor('Pods collected', () => podsOf(cluster, 'web').length === 0);
  });

  test('Foreground: the Deployment stays, being deleted, until its ReplicaSet and Pods are gone', async () => {
    let removedEarly = false;
    const stop = cluster.store.subscribe((event) => {
      if (event.type === 'DELETED' && event.object.kind === 'Deployment') removedEarly = replicaSets().length > 0 || podsOf(cluster, 'web').length > 0;
    });
    cluster.registry.delete(T.deployments, 'default', 'web', { propagationPolicy: 'Foreground' });
    expect(web()?.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(web()?.metadata.deletionTimestamp).toBeDefined();
    await cluster.waitFor('Pods terminating', () => podsOf(cluster, 'web').every(isTerminating));
    expect(web()).toBeDefined();
    expect(replicaSets()[0]?.metadata.finalizers).toEqual(['foregroundDeletion']);
    await cluster.waitFor('Deployment removed', () => !web());
    stop();
    expect(removedEarly).toBe(false);
    expect(replicaSets()).toHaveLength(0);
    expect(podsOf(cluster, 'web')).toHaveLength(0);
  });

  test('Orphan: the ReplicaSet and its Pods stay, the ReplicaSet without its owner', async () => {
    const rsName = replicaSets()[0]!.metadata.name;
    const pods = podsOf(cluster, 'web').map((p) => p.metadata.name).sort();
    cluster.registry.delete(T.deployments, 'default', 'web', { propagationPolicy: 'Orphan' });
    await cluster.waitFor('Deployment removed', () => !web());
    const rs = cluster.get(T.replicaSets, 'default', rsName)!;
    expect(rs.metadata.ownerReferences).toBeUndefined();
    expect(podsOf(cluster, 'web').map((p) => p.metadata.name).sort()).toEqual(pods);
    // The orphaned ReplicaSet still heals its Pods.
    cluster.registry.delete(T.pods, 'default', pods[0]!);
    await cluster.waitFor('replacement', () => podsOf(cluster, 'web').filter((p) => !isTerminating(p)).length === 2 && !podsOf(cluster, 'web').some((p) => p.metadata.name === pods[0]));
  });

  test('an object whose owner never existed is collected', async () => {
    cluster.registry.create(T.pods, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'ghost', uid: '00000000-0000-0000-0000-000000000000' }] },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
    });
    await cluster.waitFor('stray Pod collected', () => !cluster.get(T.pods, 'default', 'stray'));
  });
});
