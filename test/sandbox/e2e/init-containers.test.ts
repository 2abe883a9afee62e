/**
 * Init containers on the simulated node, through the real kubectl: each runs to completion, in
 * order, before the containers start — `Init:0/2`, `Init:1/2`, `PodInitializing`, `Running` — with
 * the Initialized condition, initContainerStatuses and events on `spec.initContainers{…}`; one that
 * fails is restarted with the back-off and holds the Pod in `Init:…`. This is how `workshop
 * prepull`'s DaemonSet pulls the course's images.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { PODS } from '../../../src/sandbox/controllers/kinds.js';
import { startTestCluster, waitForState, type TestCluster } from '../../support/kubectl.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ speed: 10 });
});
afterAll(() => cluster?.stop());

const pod = (name: string, init: { image: string; command: string }[]) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  initContainers:
${init.map((c, i) => `  - name: init-${i}\n    image: ${c.image}\n    command: [sh, -c, '${c.command}']`).join('\n')}
  containers:
  - name: app
    image: registry.k8s.io/pause:3.10
`;

const stored = (name: string): KubeObject | undefined => cluster.sandbox.store.peek(PODS, 'default', name);

/** What `child` has printed so far, and a wait for it to print a line that matches. */
function printedBy(child: ReturnType<TestCluster['spawn']>): { until(pattern: RegExp, ms: number): Promise<void> } {
  let text = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    for (const check of waiters) check();
  });
  return {
    until: (pattern, ms) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`kubectl did not print ${pattern} in ${ms} ms; it printed:\n${text}`)), ms);
        const check = (): void => {
          if (!pattern.test(text)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
  };
}

describe('init containers', () => {
  it('run one after another to completion, then the containers start', async () => {
    const statuses = cluster.spawn(['get', 'pods', '--watch']);
    const printed = printedBy(statuses);
    expect((await cluster.kubectl(['apply', '-f', '-'], { input: pod('init-ok', [{ image: 'busybox:1.36', command: 'sleep 3' }, { image: 'nginx:1.27.3', command: 'true' }]) })).exitCode).toBe(0);

    await waitForState(cluster.sandbox, () => stored('init-ok')?.status?.initContainerStatuses?.[0]?.state?.running !== undefined, 20_000, 'init-0 running');
    const during = stored('init-ok')!;
    expect(during.status.phase).toBe('Pending');
    expect(during.status.conditions.find((c: KubeObject) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-0 init-1]' });
    expect(during.status.initContainerStatuses[1].state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(during.status.containerStatuses[0].state).toEqual({ waiting: { reason: 'PodInitializing' } });

    await waitForState(cluster.sandbox, () => stored('init-ok')?.status?.containerStatuses?.[0]?.ready === true, 30_000, 'app ready');
    // Stop the watch only once kubectl has printed the Running row: the store is ahead of its output.
    await printed.until(/^init-ok\s+1\/1\s+Running/m, 20_000);
    statuses.kill();
    const table = await statuses;
    const done = stored('init-ok')!;
    expect(done.status.phase).toBe('Running');
    expect(done.status.conditions.find((c: KubeObject) => c.type === 'Initialized')).toMatchObject({ status: 'True' });
    for (const status of done.status.initContainerStatuses) {
      expect(status).toMatchObject({ ready: false, started: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
    }
    // kubectl's STATUS column went through the init steps in order.
    const seen = String(table.stdout).split('\n').filter((l) => l.startsWith('init-ok')).map((l) => l.trim().split(/\s+/)[2]);
    const order = ['Init:0/2', 'Init:1/2', 'PodInitializing', 'Running'].map((s) => seen.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const events = (await cluster.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=init-ok', '-o', 'jsonpath={range .items[*]}{.involvedObject.fieldPath} {.reason}{"\\n"}{end}'])).stdout;
    expect(events).toContain('spec.initContainers{init-0} Started');
    expect(events).toContain('spec.initContainers{init-1} Pulling');
    expect(events).toContain('spec.containers{app} Started');
  });

  it('a failing init container is restarted with the back-off, and the containers never start', async () => {
    expect((await cluster.kubectl(['apply', '-f', '-'], { input: pod('init-fails', [{ image: 'busybox:1.36', command: 'exit 3' }]) })).exitCode).toBe(0);
    await waitForState(cluster.sandbox, () => (stored('init-fails')?.status?.initContainerStatuses?.[0]?.restartCount ?? 0) >= 1, 30_000, 'a restart');
    const failing = stored('init-fails')!;
    expect(failing.status.phase).toBe('Pending');
    expect(failing.status.initContainerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(failing.status.containerStatuses[0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
    const row = (await cluster.kubectl(['get', 'pod', 'init-fails', '--no-headers'])).stdout.trim().split(/\s+/);
    expect(row[2]).toMatch(/^Init:(Error|CrashLoopBackOff)$/);
    expect(Number(row[3])).toBeGreaterThanOrEqual(1);
  });
});
