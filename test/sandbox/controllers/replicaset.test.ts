import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { edit, eventsFor, isReady, isTerminating, startCluster, T, type Cluster } from './harness.js';

let cluster: Cluster;
beforeEach(() => {
  cluster = startCluster();
});
afterEach(() => cluster.stop());

function replicaSet(name: string, replicas: number, container: KubeObject = { name: 'nginx', image: 'nginx:1.25' }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [container] } } },
  };
}

const rsNamed = (name: string) => cluster.get(T.replicaSets, 'default', name)!;
const livePods = (app: string) => cluster.list(T.pods, 'default').filter((p) => p.metadata.labels?.app === app && !isTerminating(p));

describe('ReplicaSet', () => {
  test('creates its Pods from the template and reports their counts', async () => {
    cluster.registry.create(T.replicaSets, 'default', replicaSet('front', 3));
    await cluster.waitFor('3 available', () => rsNamed('front').status?.availableReplicas === 3);
    expect(rsNamed('front').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    const created = eventsFor(cluster, rsNamed('front')).map((e) => e.message).sort();
    expect(created).toEqual(livePods('front').map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(eventsFor(cluster, rsNamed('front')).every((e) => e.reason === 'SuccessfulCreate' && e.source.component === 'replicaset-controller')).toBe(true);
  });

  test('replaces a deleted Pod', async () => {
    cluster.registry.create(T.replicaSets, 'default', replicaSet('front', 2));
    await cluster.waitFor('2 ready', () => rsNamed('front').status?.readyReplicas === 2);
    const victim = livePods('front')[0]!;
    cluster.registry.delete(T.pods, 'default', victim.metadata.name);
    await cluster.waitFor('victim gone and replaced', () => !cluster.get(T.pods, 'default', victim.metadata.name) && livePods('front').filter(isReady).length === 2);
    expect(livePods('front').map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
    expect(eventsFor(cluster, rsNamed('front')).filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(3);
  });

  test('scaling down deletes the not-ready Pod first and says so', async () => {
    cluster.registry.create(T.replicaSets, 'default', replicaSet('front', 2));
    await cluster.waitFor('2 ready', () => rsNamed('front').status?.readyReplicas === 2);
    // A third Pod whose readiness probe never passes in time.
    edit(cluster, T.replicaSets, 'default', 'front', (rs) => {
      rs.spec.replicas = 3;
      rs.spec.template.spec.containers[0].readinessProbe = { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 100_000 };
    });
    await cluster.waitFor('third Pod running', () => livePods('front').some((p) => p.status?.phase === 'Running' && !isReady(p)));
    const notReady = livePods('front').find((p) => !isReady(p))!;
    edit(cluster, T.replicaSets, 'default', 'front', (rs) => {
      rs.spec.replicas = 2;
    });
    await cluster.waitFor('2 live Pods', () => livePods('front').length === 2);
    expect(livePods('front').every(isReady)).toBe(true);
    expect(eventsFor(cluster, rsNamed('front')).find((e) => e.reason === 'SuccessfulDelete')?.message).toBe(`Deleted pod: ${notReady.metadata.name}`);
    await cluster.waitFor('status', () => rsNamed('front').status.replicas === 2);
    expect(rsNamed('front').status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 3 });
  });

  test('releases a relabelled Pod and replaces it; adopts it back when it matches again, removing one Pod', async () => {
    cluster.registry.create(T.replicaSets, 'default', replicaSet('front', 2));
    await cluster.waitFor('2 ready', () => rsNamed('front').status?.readyReplicas === 2);
    const originals = livePods('front').map((p) => p.metadata.name);
    const moved = livePods('front')[0]!;
    // Given a Pod relabelled out of the selector (kubectl label pod … app=debug --overwrite)
    edit(cluster, T.pods, 'default', moved.metadata.name, (pod) => {
      pod.metadata.labels.app = 'debug';
    });
    // Then the ReplicaSet drops its controller reference and makes a replacement
    await cluster.waitFor('replacement ready', () => livePods('front').filter(isReady).length === 2);
    const released = cluster.get(T.pods, 'default', moved.metadata.name)!;
    expect(released.metadata.ownerReferences).toBeUndefined();
    expect(isTerminating(released)).toBe(false);
    expect(livePods('front').filter((p) => !originals.includes(p.metadata.name))).toHaveLength(1);
    // When the label is put back, the orphan is adopted and one surplus Pod removed (which one
    // depends on their ages in log2 buckets, then on UIDs: here they are all seconds old)
    edit(cluster, T.pods, 'default', moved.metadata.name, (pod) => {
      pod.metadata.labels.app = 'front';
    });
    await cluster.waitFor('back to 2 live Pods', () => livePods('front').length === 2);
    for (const pod of livePods('front')) expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'front', controller: true });
    expect(eventsFor(cluster, rsNamed('front')).filter((e) => e.reason === 'SuccessfulDelete')).toHaveLength(1);
  });

  test('a failed Pod creation is reported as FailedCreate and a ReplicaFailure condition', async () => {
    // Priority admission rejects the Pod, not the ReplicaSet: the PriorityClass does not exist.
    const rs = replicaSet('broken', 1);
    rs.spec.template.spec.priorityClassName = 'high';
    cluster.registry.create(T.replicaSets, 'default', rs);
    await cluster.waitFor('failure condition', () => rsNamed('broken').status?.conditions?.some((c: KubeObject) => c.type === 'ReplicaFailure'));
    const failure = rsNamed('broken').status.conditions.find((c: KubeObject) => c.type === 'ReplicaFailure');
    expect(failure).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    const event = eventsFor(cluster, rsNamed('broken')).find((e) => e.reason === 'FailedCreate')!;
    expect(event.type).toBe('Warning');
    expect(event.message).toMatch(/^Error creating: pods "broken-[a-z0-9]{5}" is forbidden: no PriorityClass with name high was found$/);
    expect(failure.message).toBe(event.message.replace('Error creating: ', ''));
  });
});
