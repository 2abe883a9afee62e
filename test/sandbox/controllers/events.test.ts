import { afterEach, beforeEach, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { deployment, eventsFor, rolledOut, startCluster, T, type Cluster } from './harness.js';

let cluster: Cluster;
beforeEach(() => {
  cluster = startCluster();
});
afterEach(() => cluster.stop());

test('controller events are core/v1 Events shaped like client-go writes them', async () => {
  cluster.registry.create(T.deployments, 'default', deployment('web', { replicas: 1 }));
  await cluster.waitFor('rollout', () => rolledOut(cluster, 'web'));
  const d = cluster.get(T.deployments, 'default', 'web')!;
  const [event] = eventsFor(cluster, d) as [KubeObject];
  const rs = cluster.list(T.replicaSets, 'default')[0]!;
  expect(event).toMatchObject({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { namespace: 'default' },
    involvedObject: { kind: 'Deployment', namespace: 'default', name: 'web', uid: d.metadata.uid, apiVersion: 'apps/v1' },
    reason: 'ScalingReplicaSet',
    message: `Scaled up replica set ${rs.metadata.name} from 0 to 1`,
    source: { component: 'deployment-controller' },
    count: 1,
    type: 'Normal',
    reportingComponent: 'deployment-controller',
    reportingInstance: '',
  });
  expect(event.metadata.name).toMatch(/^web\.[0-9a-f]{16}$/);
  expect(event.involvedObject.resourceVersion).toMatch(/^\d+$/);
  expect(event.firstTimestamp).toBe(event.lastTimestamp);
  expect(event.firstTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('a repeated event raises the count of the first one', () => {
  const ns = cluster.get(T.namespaces, undefined, 'default')!;
  const kubelet = cluster.events.legacy({ component: 'kubelet', host: 'minikube' });
  kubelet.event(ns, 'Warning', 'BackOff', 'Back-off restarting failed container');
  kubelet.event(ns, 'Warning', 'BackOff', 'Back-off restarting failed container');
  kubelet.event(ns, 'Warning', 'BackOff', 'Back-off pulling image "nginx:nope"');
  const events = eventsFor(cluster, ns);
  expect(events.map((e) => [e.message, e.count])).toEqual([
    ['Back-off restarting failed container', 2],
    ['Back-off pulling image "nginx:nope"', 1],
  ]);
  // Cluster-scoped objects' events live in `default`, without a namespace in the reference.
  expect(events[0]!.involvedObject.namespace).toBeUndefined();

  const scheduler = cluster.events.eventsApi('default-scheduler', 'default-scheduler-minikube');
  scheduler.event(ns, 'Warning', 'FailedScheduling', 'no nodes available to schedule pods', { action: 'Scheduling' });
  scheduler.event(ns, 'Warning', 'FailedScheduling', 'no nodes available to schedule pods', { action: 'Scheduling' });
  const failed = eventsFor(cluster, ns).find((e) => e.reason === 'FailedScheduling')!;
  expect(failed.series.count).toBe(2);
  expect(failed.count).toBeUndefined();
});

test("a failing ReplicaSet's FailedCreate flood is combined into one Event with a growing count", async () => {
  cluster.registry.create(T.replicaSets, 'default', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'broken' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'broken' } }, template: { metadata: { labels: { app: 'broken' } }, spec: { priorityClassName: 'high', containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  const failures = () => eventsFor(cluster, cluster.get(T.replicaSets, 'default', 'broken')!).filter((e) => e.reason === 'FailedCreate');
  const combined = () => failures().find((e) => e.message.startsWith('(combined from similar events): '));
  await cluster.waitFor('retries', () => (combined()?.count ?? 0) >= 3);
  // Nine distinct messages (each names the Pod it tried), then the combined one.
  expect(failures()).toHaveLength(10);
  expect(combined()!.message).toMatch(/^\(combined from similar events\): Error creating: pods "broken-[a-z0-9]{5}" is forbidden: no PriorityClass with name high was found$/);
});
