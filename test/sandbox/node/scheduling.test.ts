import { afterEach, expect, test } from 'vitest';
import { eventsFor, isReady, pod, podOf, startNodeCluster, T, type Cluster } from './harness.js';

let cluster: Cluster;
afterEach(() => cluster?.stop());

const MINIKUBE = { cpu: '2', memory: '3912312Ki', pods: '110', 'ephemeral-storage': '61202244Ki' };
const asking = (cpu?: string, memory?: string) => ({ image: 'nginx:1.27', resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } } });
const failedScheduling = (name: string) => eventsFor(cluster, podOf(cluster, name)).filter((e) => e.reason === 'FailedScheduling');

test('a Pod that does not fit in what is left stays Pending with FailedScheduling, and is scheduled once room frees up', async () => {
  cluster = startNodeCluster({ allocatable: MINIKUBE });
  cluster.registry.create(T.pods, 'default', pod('big', asking('1500m', '1Gi')));
  await cluster.waitFor('big Ready', () => isReady(podOf(cluster, 'big')));
  cluster.registry.create(T.pods, 'default', pod('second', asking('1')));
  await cluster.waitFor('FailedScheduling', () => failedScheduling('second').length > 0);
  const message = '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';
  expect(failedScheduling('second')[0]).toMatchObject({ type: 'Warning', message, reportingComponent: 'default-scheduler', action: 'Scheduling' });
  expect(podOf(cluster, 'second').status).toMatchObject({ phase: 'Pending', conditions: [expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message })] });
  expect(podOf(cluster, 'second').spec.nodeName).toBeUndefined();

  // A Pod without requests fits anywhere.
  cluster.registry.create(T.pods, 'default', pod('small', { image: 'nginx:1.27' }));
  await cluster.waitFor('small Ready', () => isReady(podOf(cluster, 'small')));

  cluster.registry.delete(T.pods, 'default', 'big');
  await cluster.waitFor('second Ready', () => isReady(podOf(cluster, 'second')), 10_000);
  expect(podOf(cluster, 'second').spec.nodeName).toBe('minikube');
});

test('memory, several reasons at once, and the node full of Pods', async () => {
  cluster = startNodeCluster({ allocatable: { ...MINIKUBE, pods: '2' } });
  cluster.registry.create(T.pods, 'default', pod('hungry', asking(undefined, '5Gi')));
  cluster.registry.create(T.pods, 'default', pod('greedy', asking('3', '5Gi')));
  cluster.registry.create(T.pods, 'default', pod('one', { image: 'nginx:1.27' }));
  cluster.registry.create(T.pods, 'default', pod('two', { image: 'nginx:1.27' }));
  await cluster.waitFor('two Running', () => isReady(podOf(cluster, 'one')) && isReady(podOf(cluster, 'two')));
  cluster.registry.create(T.pods, 'default', pod('three', { image: 'nginx:1.27' }));
  await cluster.waitFor('all refused', () => ['hungry', 'greedy', 'three'].every((n) => failedScheduling(n).length > 0));
  const first = (name: string) => failedScheduling(name)[0]!.message.split('. preemption')[0];
  expect(first('hungry')).toBe('0/1 nodes are available: 1 Insufficient memory');
  expect(first('greedy')).toBe('0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory');
  expect(first('three')).toBe('0/1 nodes are available: 1 Too many pods');
});
