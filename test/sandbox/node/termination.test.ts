import { afterEach, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { eventsFor, isReady, pod, podOf, simSeconds, slack, startNodeCluster, T, waitForLog, type Cluster } from './harness.js';

let cluster: Cluster;
afterEach(() => cluster?.stop());

const GET = { method: 'GET', path: '/', headers: { 'user-agent': 'curl/8.5.0' }, remoteAddress: '10.244.0.1' };

/** The Pod's last status before it was removed, and when the container's termination was seen. */
function watchTermination(name: string): { last?: KubeObject; terminatedAt?: number } {
  const seen: { last?: KubeObject; terminatedAt?: number } = {};
  cluster.store.subscribe((e) => {
    if (e.object.kind !== 'Pod' || e.object.metadata.name !== name || e.type === 'DELETED') return;
    seen.last = e.object;
    if (seen.terminatedAt === undefined && e.object.status?.containerStatuses?.[0]?.state?.terminated) seen.terminatedAt = simSeconds(cluster);
  });
  return seen;
}

describe('deleting a Pod', () => {
  test('Terminating, out of the Endpoints at once, preStop sleep while still serving, then SIGQUIT and a graceful exit', async () => {
    cluster = startNodeCluster({ speed: 50 });
    cluster.registry.create(T.services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    cluster.registry.create(T.pods, 'default', pod('web', { image: 'nginx:1.27', lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } }));
    const addresses = () => cluster.get(T.endpoints, 'default', 'web')?.subsets?.[0]?.addresses ?? [];
    await cluster.waitFor('Ready and in the Endpoints', () => isReady(podOf(cluster, 'web')) && addresses().length === 1);
    const ip = podOf(cluster, 'web').status.podIP;
    const end = watchTermination('web');

    cluster.registry.delete(T.pods, 'default', 'web');
    const deletedAt = simSeconds(cluster);
    expect(podOf(cluster, 'web').metadata.deletionTimestamp).toBeDefined();
    await cluster.waitFor('out of the Endpoints', () => addresses().length === 0);
    expect(simSeconds(cluster) - deletedAt).toBeLessThan(slack(cluster));
    // The hook is running: nginx has not been signalled, and still answers.
    expect((await cluster.node.connect(ip, 80)!.handle(GET)).status).toBe(200);

    await waitForLog(cluster, 'web', /signal 3 \(SIGQUIT\) received, shutting down$/);
    const signalledAfter = simSeconds(cluster) - deletedAt;
    expect(signalledAfter).toBeGreaterThanOrEqual(5);
    expect(signalledAfter).toBeLessThan(5 + slack(cluster));
    expect(cluster.node.connect(ip, 80)).toBeUndefined();
    await cluster.waitFor('removed', () => !cluster.get(T.pods, 'default', 'web'));
    expect(end.last!.status.phase).toBe('Succeeded');
    expect(end.last!.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(eventsFor(cluster, end.last!).find((e) => e.reason === 'Killing')!.message).toBe('Stopping container app');
  });

  test('the grace period counts from the start: the native sleep hook, then SIGTERM, then SIGKILL when PID 1 ignores it', async () => {
    cluster = startNodeCluster({ speed: 50 });
    cluster.registry.create(T.pods, 'default', pod('sleeper', { image: 'busybox', command: ['sleep', '3600'], lifecycle: { preStop: { sleep: { seconds: 4 } } } }, { terminationGracePeriodSeconds: 10 }));
    await cluster.waitFor('Ready', () => isReady(podOf(cluster, 'sleeper')));
    const end = watchTermination('sleeper');
    cluster.registry.delete(T.pods, 'default', 'sleeper');
    const deletedAt = simSeconds(cluster);
    await cluster.waitFor('removed', () => !cluster.get(T.pods, 'default', 'sleeper'));
    // 4 s of hook, then the 6 s left of the 10: sleep as PID 1 has no SIGTERM handler.
    expect(end.terminatedAt! - deletedAt).toBeGreaterThanOrEqual(10);
    expect(end.terminatedAt! - deletedAt).toBeLessThan(10 + slack(cluster));
    expect(end.last!.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(end.last!.status.phase).toBe('Failed');
  });

  test('a hook that outlasts the grace period is cut off, and the container still gets 2 s after its signal', async () => {
    cluster = startNodeCluster({ speed: 50 });
    cluster.registry.create(T.pods, 'default', pod('long', { image: 'busybox', command: ['sleep', '3600'], lifecycle: { preStop: { exec: { command: ['sleep', '40'] } } } }, { terminationGracePeriodSeconds: 10 }));
    await cluster.waitFor('Ready', () => isReady(podOf(cluster, 'long')));
    const end = watchTermination('long');
    cluster.registry.delete(T.pods, 'default', 'long');
    const deletedAt = simSeconds(cluster);
    await cluster.waitFor('removed', () => !cluster.get(T.pods, 'default', 'long'));
    expect(end.terminatedAt! - deletedAt).toBeGreaterThanOrEqual(12);
    expect(end.terminatedAt! - deletedAt).toBeLessThan(12 + slack(cluster));
  });

  test('an httpGet hook reaches the container; a failing hook is recorded and the stop goes on', async () => {
    cluster = startNodeCluster({ speed: 50 });
    cluster.registry.create(T.pods, 'default', pod('hooked', { image: 'nginx:1.25', lifecycle: { preStop: { httpGet: { path: '/drain', port: 80 } } } }));
    cluster.registry.create(T.pods, 'default', pod('broken', { image: 'nginx:1.25', lifecycle: { preStop: { exec: { command: ['false'] } } } }));
    await cluster.waitFor('both Ready', () => isReady(podOf(cluster, 'hooked')) && isReady(podOf(cluster, 'broken')));
    const lines: string[] = [];
    cluster.node.logSource.follow('default', 'hooked', 'app', { previous: false, timestamps: false }, (chunk) => lines.push(...chunk.trimEnd().split('\n')), () => {});
    const broken = podOf(cluster, 'broken');
    cluster.registry.delete(T.pods, 'default', 'hooked');
    cluster.registry.delete(T.pods, 'default', 'broken');
    await cluster.waitFor('both removed', () => !cluster.get(T.pods, 'default', 'hooked') && !cluster.get(T.pods, 'default', 'broken'));
    const hook = lines.findIndex((l) => l.includes('"GET /drain HTTP/1.1" 404'));
    expect(hook).toBeGreaterThanOrEqual(0);
    expect(lines[hook]).toContain('"kube-probe/1.32"');
    expect(lines.findIndex((l) => l.includes('SIGQUIT'))).toBeGreaterThan(hook);
    expect(eventsFor(cluster, broken).filter((e) => e.reason === 'FailedPreStopHook').map((e) => [e.type, e.message])).toEqual([['Warning', 'PreStopHook failed']]);
  });

  test('a Pod whose container never ran goes at once', async () => {
    cluster = startNodeCluster({ speed: 50 });
    cluster.registry.create(T.pods, 'default', pod('never', { image: 'nginx:nope' }));
    await cluster.waitFor('ErrImagePull', () => podOf(cluster, 'never').status?.containerStatuses?.[0]?.state?.waiting?.reason?.includes('Image'));
    cluster.registry.delete(T.pods, 'default', 'never');
    const deletedAt = simSeconds(cluster);
    await cluster.waitFor('removed', () => !cluster.get(T.pods, 'default', 'never'));
    expect(simSeconds(cluster) - deletedAt).toBeLessThan(slack(cluster));
  });
});
