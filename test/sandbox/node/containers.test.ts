import { afterEach, describe, expect, test } from 'vitest';
import { goDuration } from '../../../src/sandbox/node/images.js';
import { eventsFor, isReady, pod, podOf, recordEvents, simSeconds, slack, startNodeCluster, statusOf, T, waitForLog, type Cluster } from './harness.js';

let cluster: Cluster;
afterEach(() => cluster?.stop());

const logs = (name: string, previous = false) => cluster.node.logSource.read('default', name, 'app', { previous, timestamps: false });

describe('a command that exits', () => {
  test('restarts at once, then in CrashLoopBackOff after 10 s, 20 s, 40 s, with RESTARTS, events and --previous logs', async () => {
    // ×50, not ×100: exits and starts are timed when their writes are seen, and on a loaded machine
    // a write seen 50 ms late was 5 simulated seconds late at ×100.
    cluster = startNodeCluster({ speed: 50 });
    const seen = recordEvents(cluster, 'crash', ['Started', 'BackOff']);
    const exits: number[] = [];
    const waiting: string[] = [];
    cluster.store.subscribe((e) => {
      if (e.object.metadata?.name !== 'crash' || e.object.kind !== 'Pod') return;
      const s = e.object.status?.containerStatuses?.[0];
      if (s?.state?.terminated && exits.length === s.restartCount) exits.push(simSeconds(cluster));
      const message = s?.state?.waiting?.message;
      if (message && message !== waiting.at(-1)) waiting.push(message);
    });
    cluster.registry.create(T.pods, 'default', pod('crash', { image: 'busybox:1.36', command: ['sh', '-c', 'echo "run $HOSTNAME"; exit 3'] }));
    await cluster.waitFor('the fifth start', () => seen.filter((e) => e.reason === 'Started').length === 5, 20_000);

    const starts = seen.filter((e) => e.reason === 'Started').map((e) => e.at);
    // The first restart comes at the next sync; later ones wait the back-off, then the next resync (≤ 15 s).
    expect(starts[1]! - exits[0]!).toBeLessThan(1 + slack(cluster));
    [10, 20, 40].forEach((backoff, i) => {
      const delay = starts[i + 2]! - exits[i + 1]!;
      expect(delay).toBeGreaterThanOrEqual(backoff);
      expect(delay).toBeLessThan(backoff + 15 + slack(cluster));
    });
    const uid = podOf(cluster, 'crash').metadata.uid;
    expect(waiting.filter((m) => m.startsWith('back-off'))).toEqual([10_000, 20_000, 40_000].map((ms) => `back-off ${goDuration(ms)} restarting failed container=app pod=crash_default(${uid})`));
    expect(new Set(seen.filter((e) => e.reason === 'BackOff').map((e) => e.message))).toEqual(new Set([`Back-off restarting failed container app in pod crash_default(${uid})`]));
    const status = statusOf(cluster, 'crash');
    expect(status.restartCount).toBe(4);
    expect(status.lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(podOf(cluster, 'crash').status.phase).toBe('Running');
    expect(logs('crash', true)).toBe('run crash\n');
  }, 30_000);

  test('echo exits 0: Completed, and restarted all the same under restartPolicy Always', async () => {
    cluster = startNodeCluster();
    cluster.registry.create(T.pods, 'default', pod('hello', { image: 'busybox', command: ['echo', 'hi'] }));
    await cluster.waitFor('a restart', () => statusOf(cluster, 'hello').restartCount >= 1);
    expect(statusOf(cluster, 'hello').lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(logs('hello', true)).toBe('hi\n');
  });

  test('busybox with its default command (sh, no stdin) exits at once, as on a real node', async () => {
    cluster = startNodeCluster();
    cluster.registry.create(T.pods, 'default', pod('bb', { image: 'busybox' }));
    await cluster.waitFor('CrashLoopBackOff', () => statusOf(cluster, 'bb').state?.waiting?.reason === 'CrashLoopBackOff');
    expect(statusOf(cluster, 'bb').lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  test('restartPolicy Never: the Pod fails and stays failed', async () => {
    cluster = startNodeCluster();
    cluster.registry.create(T.pods, 'default', pod('once', { image: 'busybox', command: ['false'] }, { restartPolicy: 'Never' }));
    await cluster.waitFor('Failed', () => podOf(cluster, 'once').status?.phase === 'Failed');
    expect(statusOf(cluster, 'once')).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } });
  });

  test('a binary the image does not have cannot start: StartError, then the crash loop', async () => {
    cluster = startNodeCluster();
    cluster.registry.create(T.pods, 'default', pod('nocurl', { image: 'busybox', command: ['curl', 'http://web'] }));
    await cluster.waitFor('StartError', () => statusOf(cluster, 'nocurl').lastState?.terminated?.reason === 'StartError' || statusOf(cluster, 'nocurl').state?.terminated?.reason === 'StartError');
    const failed = eventsFor(cluster, podOf(cluster, 'nocurl')).find((e) => e.reason === 'Failed')!;
    expect(failed.message).toBe(
      'Error: failed to start container "app": Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown',
    );
    expect(eventsFor(cluster, podOf(cluster, 'nocurl')).map((e) => e.reason)).not.toContain('Started');
  });
});

describe('what runs', () => {
  test('sleep before exec nginx: Running and Ready (no probe) at once, but nothing listens until the sleep is over', async () => {
    cluster = startNodeCluster({ speed: 100 });
    cluster.registry.create(T.pods, 'default', pod('slow', { image: 'nginx:1.27', command: ['sh', '-c', "sleep 10; exec nginx -g 'daemon off;'"] }));
    await cluster.waitFor('Ready', () => isReady(podOf(cluster, 'slow')));
    const readyAt = simSeconds(cluster);
    const ip = podOf(cluster, 'slow').status.podIP;
    expect(cluster.node.connect(ip, 80)).toBeUndefined();
    await waitForLog(cluster, 'slow', /start worker processes$/);
    expect(simSeconds(cluster) - readyAt).toBeGreaterThanOrEqual(9);
    expect(cluster.node.connect(ip, 80)).toBeDefined();
    // The command replaced the entrypoint: nginx's own lines only, no docker-entrypoint.sh.
    expect(logs('slow')).not.toContain('docker-entrypoint.sh');
  });

  test('a loop writes its lines as it goes', async () => {
    cluster = startNodeCluster({ speed: 100 });
    cluster.registry.create(T.pods, 'default', pod('loop', { image: 'busybox', args: ['sh', '-c', 'while true; do echo "tick from $HOSTNAME"; sleep 2; done'] }));
    await waitForLog(cluster, 'loop', /tick/);
    const first = simSeconds(cluster);
    await waitForLog(cluster, 'loop', (log) => log.split('\n').filter(Boolean).length === 3);
    expect(logs('loop')).toBe('tick from loop\ntick from loop\ntick from loop\n');
    expect(simSeconds(cluster) - first).toBeGreaterThanOrEqual(4);
    expect(simSeconds(cluster) - first).toBeLessThan(4 + slack(cluster));
  });

  test('shell the sandbox does not run is said plainly, in an event and the log, with exit 126', async () => {
    cluster = startNodeCluster();
    cluster.registry.create(T.pods, 'default', pod('assign', { image: 'busybox', command: ['sh', '-c', 'i=0; echo start'] }));
    await cluster.waitFor('exit 126', () => (statusOf(cluster, 'assign').lastState?.terminated ?? statusOf(cluster, 'assign').state?.terminated)?.exitCode === 126);
    const event = eventsFor(cluster, podOf(cluster, 'assign')).find((e) => e.reason === 'SandboxUnsupported')!;
    expect(event).toMatchObject({ type: 'Warning', message: 'kubedojo sandbox: "sh -c i=0; echo start" is not available in the sandbox', involvedObject: { fieldPath: 'spec.containers{app}' } });
    const log = logs('assign', statusOf(cluster, 'assign').restartCount > 0);
    expect(log).toBe('kubedojo sandbox: "sh -c i=0; echo start" is not available in the sandbox\n');
  });
});
