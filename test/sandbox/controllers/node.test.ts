import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import type { LogOptions } from '../../../src/sandbox/server/logs.js';
import { edit, eventsFor, isReady, startCluster, T, type Cluster } from './harness.js';

let cluster: Cluster;
beforeEach(() => {
  cluster = startCluster();
});
afterEach(() => cluster.stop());

function pod(name: string, image = 'nginx:1.25', extra: KubeObject = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { containers: [{ name: 'nginx', image, ...extra }] } };
}
const get = (name: string) => cluster.get(T.pods, 'default', name)!;
const logs = (name: string, options: Partial<LogOptions> = {}) => cluster.node.logSource.read('default', name, 'nginx', { previous: false, timestamps: false, ...options });

describe('the simulated node', () => {
  test('schedules, pulls, creates and starts a Pod with the kubelet events and status of 1.32', async () => {
    cluster.registry.create(T.pods, 'default', pod('one'));
    await cluster.waitFor('Ready', () => isReady(get('one')));
    const p = get('one');
    expect(p.spec.nodeName).toBe('minikube');
    expect(p.status).toMatchObject({ phase: 'Running', hostIP: '192.168.49.2', hostIPs: [{ ip: '192.168.49.2' }], podIPs: [{ ip: p.status.podIP }], qosClass: 'BestEffort' });
    expect(p.status.conditions.map((c: KubeObject) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    const [container] = p.status.containerStatuses;
    expect(container).toMatchObject({ name: 'nginx', ready: true, started: true, restartCount: 0, image: 'nginx:1.25', lastState: {} });
    expect(container.containerID).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
    expect(container.imageID).toMatch(/^docker-pullable:\/\/nginx@sha256:[0-9a-f]{64}$/);
    expect(Date.parse(container.state.running.startedAt)).not.toBeNaN();

    const events = eventsFor(cluster, p);
    expect(events.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    const [scheduled, pulling, pulled, created, started] = events as [KubeObject, KubeObject, KubeObject, KubeObject, KubeObject];
    expect(scheduled).toMatchObject({ message: 'Successfully assigned default/one to minikube', action: 'Binding', reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-minikube', source: {} });
    expect(scheduled.eventTime).toMatch(/\.\d{6}Z$/);
    expect(pulling).toMatchObject({ message: 'Pulling image "nginx:1.25"', source: { component: 'kubelet', host: 'minikube' }, involvedObject: { kind: 'Pod', name: 'one', fieldPath: 'spec.containers{nginx}' } });
    expect(pulled.message).toMatch(/^Successfully pulled image "nginx:1\.25" in (\d+ms|\d+(\.\d+)?s) \((\d+ms|\d+(\.\d+)?s) including waiting\)\. Image size: \d+ bytes\.$/);
    expect(created.message).toBe('Created container: nginx');
    expect(started.message).toBe('Started container nginx');
    expect(pulling.metadata.name).toMatch(/^one\.[0-9a-f]{16}$/);
  });

  test('a cached image is "already present"; every Pod gets its own address', async () => {
    cluster.registry.create(T.pods, 'default', pod('one'));
    await cluster.waitFor('one Ready', () => isReady(get('one')));
    cluster.registry.create(T.pods, 'default', pod('two'));
    await cluster.waitFor('two Ready', () => isReady(get('two')));
    expect(eventsFor(cluster, get('two')).find((e) => e.reason === 'Pulled')!.message).toBe('Container image "nginx:1.25" already present on machine');
    expect(get('one').status.podIP).not.toBe(get('two').status.podIP);
  });

  test('a deleted Pod stops gracefully: Killing, terminated containers, then removal', async () => {
    cluster.registry.create(T.pods, 'default', pod('one'));
    await cluster.waitFor('Ready', () => isReady(get('one')));
    const uid = get('one').metadata.uid;
    let last: KubeObject | undefined;
    const stop = cluster.store.subscribe((e) => {
      if (e.object.metadata.uid === uid && e.type !== 'DELETED') last = e.object;
    });
    cluster.registry.delete(T.pods, 'default', 'one');
    expect(get('one').metadata.deletionGracePeriodSeconds).toBe(30);
    await cluster.waitFor('removed', () => !cluster.get(T.pods, 'default', 'one'));
    stop();
    expect(last!.status.phase).toBe('Succeeded');
    expect(last!.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(last!.status.conditions.find((c: KubeObject) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    const killing = cluster.list(T.events, 'default').find((e) => e.involvedObject.uid === uid && e.reason === 'Killing')!;
    expect(killing).toMatchObject({ message: 'Stopping container nginx', involvedObject: { fieldPath: 'spec.containers{nginx}' } });
  });

  test('nginx logs its start-up; tail, timestamps and follow work as the kubelet serves them', async () => {
    cluster.registry.create(T.pods, 'default', pod('one', 'nginx:1.27'));
    await cluster.waitFor('Ready', () => isReady(get('one')));
    const lines = logs('one').trimEnd().split('\n');
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(lines.some((l) => /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: nginx\/1\.27\.\d+$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/\[notice\] 1#1: start worker process 30$/);
    expect(logs('one', { tailLines: 2 }).split('\n').filter(Boolean)).toEqual(lines.slice(-2));
    expect(logs('one', { timestamps: true, tailLines: 1 })).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z \d{4}\/.* start worker process 30\n$/);
    expect(logs('one', { limitBytes: 10 })).toBe('/docker-en');

    const chunks: string[] = [];
    let ended = false;
    cluster.node.logSource.follow('default', 'one', 'nginx', { previous: false, timestamps: false }, (c) => chunks.push(c), () => (ended = true));
    cluster.registry.delete(T.pods, 'default', 'one');
    await cluster.waitFor('stream ended', () => ended);
    expect(chunks.join('')).toContain('[notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n');
    expect(chunks.join('').trimEnd().split('\n').at(-1)).toMatch(/\[notice\] 1#1: exit$/);
  });

  test('a cordoned node leaves new Pods Pending with FailedScheduling until uncordoned', async () => {
    edit(cluster, T.nodes, undefined, 'minikube', (n) => {
      n.spec = { ...n.spec, unschedulable: true };
    });
    cluster.registry.create(T.pods, 'default', pod('one'));
    await cluster.waitFor('FailedScheduling', () => eventsFor(cluster, get('one')).some((e) => e.reason === 'FailedScheduling'));
    expect(get('one').status.conditions).toEqual([
      expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.' }),
    ]);
    edit(cluster, T.nodes, undefined, 'minikube', (n) => {
      delete n.spec.unschedulable;
    });
    await cluster.waitFor('Ready', () => isReady(get('one')));
  });
});
