import { afterEach, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { eventsFor, isReady, pod, podOf, recordEvents, simSeconds, slack, startNodeCluster, statusOf, T, waitForLog, type Cluster } from './harness.js';

let cluster: Cluster;
afterEach(() => cluster?.stop());

const messages = (name: string, reason: string) => eventsFor(cluster, podOf(cluster, name)).filter((e) => e.reason === reason).map((e) => e.message);
const ready = (name: string) => isReady(podOf(cluster, name));
const exec = (name: string, ...argv: string[]) => cluster.node.exec('default', name, 'app', argv);

describe('readiness', () => {
  test('gates Ready and the Endpoints, after successThreshold successes and failureThreshold failures', async () => {
    cluster = startNodeCluster({ speed: 50 });
    cluster.registry.create(T.services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    const readinessProbe = { httpGet: { path: '/ready.html', port: 80 }, periodSeconds: 2, successThreshold: 2, failureThreshold: 3 };
    cluster.registry.create(T.pods, 'default', pod('web', { image: 'nginx:1.27-alpine', readinessProbe }));
    await cluster.waitFor('a failed probe', () => messages('web', 'Unhealthy').length > 0);
    expect(messages('web', 'Unhealthy')).toEqual(['Readiness probe failed: HTTP probe failed with statuscode: 404']);
    expect(ready('web')).toBe(false);
    const addresses = () => cluster.get(T.endpoints, 'default', 'web')?.subsets?.[0]?.addresses ?? [];
    expect(addresses()).toEqual([]);
    // nginx logs every probe: count the kubelet's requests and their answers from here on.
    const log = () => cluster.node.logSource.read('default', 'web', 'app', { previous: false, timestamps: false });
    const probesSince = (mark: number) => log().slice(mark).split('\n').filter((l) => l.includes('kube-probe')).map((l) => / (\d{3}) \d+ "-"/.exec(l)![1]);

    let mark = log().length;
    expect(await exec('web', 'touch', '/usr/share/nginx/html/ready.html')).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    const touched = simSeconds(cluster);
    await cluster.waitFor('Ready', () => ready('web'));
    // Ready exactly on the second success in a row, a period apart.
    expect(probesSince(mark)).toEqual(['200', '200']);
    expect(simSeconds(cluster) - touched).toBeGreaterThanOrEqual(1);
    expect(simSeconds(cluster) - touched).toBeLessThan(4 + slack(cluster));
    await cluster.waitFor('in the Endpoints', () => addresses().length === 1);
    expect(addresses()[0].ip).toBe(podOf(cluster, 'web').status.podIP);

    mark = log().length;
    await exec('web', 'rm', '/usr/share/nginx/html/ready.html');
    await cluster.waitFor('not Ready', () => !ready('web'));
    // Not Ready exactly on the third failure in a row.
    expect(probesSince(mark)).toEqual(['404', '404', '404']);
    await cluster.waitFor('out of the Endpoints', () => addresses().length === 0);
    expect(statusOf(cluster, 'web')).toMatchObject({ ready: false, started: true, restartCount: 0, state: { running: {} } });
  });

  test('httpGet and tcpSocket probes answer from the simulated server', async () => {
    cluster = startNodeCluster();
    cluster.registry.create(T.pods, 'default', pod('notfound', { image: 'nginx:1.26', readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 1 } }));
    cluster.registry.create(T.pods, 'default', pod('tcp', { image: 'nginx:1.26', ports: [{ name: 'http', containerPort: 80 }], readinessProbe: { tcpSocket: { port: 'http' }, periodSeconds: 1 } }));
    cluster.registry.create(T.pods, 'default', pod('closed', { image: 'nginx:1.26', readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 } }));
    await cluster.waitFor('tcp Ready', () => ready('tcp'));
    await cluster.waitFor('failures', () => messages('notfound', 'Unhealthy').length > 0 && messages('closed', 'Unhealthy').length > 0);
    expect(messages('notfound', 'Unhealthy')[0]).toBe('Readiness probe failed: HTTP probe failed with statuscode: 404');
    const ip = podOf(cluster, 'closed').status.podIP;
    expect(messages('closed', 'Unhealthy')[0]).toBe(`Readiness probe failed: dial tcp ${ip}:8080: connect: connection refused`);
    expect(ready('notfound') || ready('closed')).toBe(false);
    // The kubelet's requests are in nginx's access log, from the node's bridge address.
    expect(cluster.node.logSource.read('default', 'notfound', 'app', { previous: false, timestamps: false })).toMatch(
      /^10\.244\.0\.1 - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/healthz HTTP\/1\.1" 404 153 "-" "kube-probe\/1\.32" "-"$/m,
    );
  });
});

describe('liveness', () => {
  test('a failing liveness probe: Unhealthy, Killing, then a restarted container', async () => {
    cluster = startNodeCluster({ speed: 50 });
    const seen = recordEvents(cluster, 'live', ['Unhealthy', 'Killing', 'Started']);
    const livenessProbe = { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5, failureThreshold: 2 };
    const command = ['sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'];
    cluster.registry.create(T.pods, 'default', pod('live', { image: 'busybox', command, livenessProbe }, { terminationGracePeriodSeconds: 10 }));
    await cluster.waitFor('a restart', () => statusOf(cluster, 'live').restartCount === 1, 15_000);
    const starts = seen.filter((e) => e.reason === 'Started');
    const unhealthy = seen.filter((e) => e.reason === 'Unhealthy');
    const killing = seen.find((e) => e.reason === 'Killing')!;
    expect(unhealthy.map((e) => e.message)).toEqual(Array(2).fill("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n"));
    expect(killing.message).toBe('Container app failed liveness probe, will be restarted');
    // The file goes at 30 s; the second failure in a row kills the container.
    expect(unhealthy[0]!.at - starts[0]!.at).toBeGreaterThanOrEqual(30);
    expect(killing.at - unhealthy[1]!.at).toBeLessThan(slack(cluster));
    // sh as PID 1 ignores SIGTERM: SIGKILL at the end of the 10 s grace period.
    expect(statusOf(cluster, 'live').lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(starts[1]!.at - killing.at).toBeGreaterThanOrEqual(10);
    expect(starts[1]!.at - killing.at).toBeLessThan(10.5 + slack(cluster));
  });
});

describe('startup', () => {
  const slowNginx = (probes: KubeObject) => ({ image: 'nginx:1.27', command: ['sh', '-c', "sleep 20; exec nginx -g 'daemon off;'"], ...probes });

  test('holds liveness and readiness back until it succeeds', async () => {
    cluster = startNodeCluster({ speed: 50 });
    const http = { httpGet: { path: '/', port: 80 }, periodSeconds: 1 };
    cluster.registry.create(T.pods, 'default', pod('guarded', slowNginx({ startupProbe: { ...http, failureThreshold: 30 }, livenessProbe: { ...http, failureThreshold: 1 }, readinessProbe: http })));
    await cluster.waitFor('running', () => statusOf(cluster, 'guarded').state?.running !== undefined);
    expect(statusOf(cluster, 'guarded')).toMatchObject({ started: false, ready: false });
    await cluster.waitFor('Ready', () => ready('guarded'), 10_000);
    expect(statusOf(cluster, 'guarded')).toMatchObject({ started: true, restartCount: 0 });
    const unhealthy = messages('guarded', 'Unhealthy');
    expect(unhealthy.length).toBeGreaterThan(0);
    expect(unhealthy.every((m) => m.startsWith('Startup probe failed: Get "http://'))).toBe(true);
    expect(messages('guarded', 'Killing')).toEqual([]);
  });

  test('a startup probe that never succeeds restarts the container', async () => {
    cluster = startNodeCluster({ speed: 50 });
    cluster.registry.create(T.pods, 'default', pod('hopeless', slowNginx({ startupProbe: { tcpSocket: { port: 80 }, periodSeconds: 2, failureThreshold: 3 } })));
    await cluster.waitFor('Killing', () => messages('hopeless', 'Killing').length > 0, 10_000);
    expect(messages('hopeless', 'Killing')).toEqual(['Container app failed startup probe, will be restarted']);
  });
});

describe("the seed's v2: 20 s of warm-up before it listens", () => {
  test('without a readiness probe the Pod is Ready at once, while its port still refuses', async () => {
    cluster = startNodeCluster({ speed: 50 });
    cluster.registry.create(T.pods, 'default', pod('v2', { image: 'kubedojo/shop:2', ports: [{ containerPort: 80 }] }));
    await cluster.waitFor('Ready', () => ready('v2'));
    const readyAt = simSeconds(cluster);
    const ip = podOf(cluster, 'v2').status.podIP;
    expect(cluster.node.connect(ip, 80)).toBeUndefined();
    await waitForLog(cluster, 'v2', /listening on :80$/);
    expect(simSeconds(cluster) - readyAt).toBeGreaterThanOrEqual(19);
    const answer = await cluster.node.connect(ip, 80)!.handle({ method: 'GET', path: '/', headers: {}, remoteAddress: '10.244.0.1' });
    expect(answer.body).toBe('Black Friday shop v2 — served by v2\n');
  });

  test("with the seed's readinessProbe the Pod becomes Ready only once it answers", async () => {
    cluster = startNodeCluster({ speed: 50 });
    const readinessProbe = { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5, successThreshold: 1 };
    cluster.registry.create(T.pods, 'default', pod('v2', { image: 'jahongirr/myapp:2', ports: [{ containerPort: 80 }], readinessProbe }));
    await cluster.waitFor('running', () => statusOf(cluster, 'v2').state?.running !== undefined);
    const startedAt = simSeconds(cluster);
    await cluster.waitFor('Ready', () => ready('v2'), 10_000);
    const ip = podOf(cluster, 'v2').status.podIP;
    expect(simSeconds(cluster) - startedAt).toBeGreaterThanOrEqual(20);
    expect(simSeconds(cluster) - startedAt).toBeLessThan(25 + slack(cluster));
    // Refused at 5, 10, 15 s (one Event, its count going up), answering from 20 s on.
    const refused = eventsFor(cluster, podOf(cluster, 'v2')).filter((e) => e.reason === 'Unhealthy');
    expect(refused.map((e) => e.message)).toEqual([`Readiness probe failed: Get "http://${ip}:80/": dial tcp ${ip}:80: connect: connection refused`]);
    expect(refused[0]!.count).toBeGreaterThanOrEqual(3);
    const answer = await cluster.node.connect(ip, 80)!.handle({ method: 'GET', path: '/', headers: {}, remoteAddress: '10.244.0.1' });
    expect(answer.body).toContain('Version 2 of my awesome app! More Money is pouring in!');
  });
});
