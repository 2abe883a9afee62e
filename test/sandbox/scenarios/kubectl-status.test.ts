/**
 * The Pod lifecycles of issue 4 as a learner sees them: through the real kubectl's `get pods` and
 * `describe` output. Each waits on the sandbox's state, then asserts what kubectl prints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, waitForState, type TestCluster } from '../../support/kubectl.js';
import { objectOf, objectsOf } from '../../support/objects.js';
import type { KubeObject } from '../../../src/sandbox/api/status.js';

// Slow enough that a back-off window (10 s, 20 s, … divided by the speed) outlasts a kubectl call.
let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ speed: 5 });
});
afterAll(() => cluster?.stop());

/** The row of one Pod in `kubectl get pods`, as cells. */
async function podRow(name: string): Promise<string[]> {
  const { stdout } = await cluster.kubectl(['get', 'pod', name, '--no-headers']);
  return stdout.trim().split(/\s{2,}/);
}

const containerStatus = (pod: KubeObject | undefined) => pod?.status?.containerStatuses?.[0];

describe('through kubectl get pods', () => {
  it('a container that exits goes into CrashLoopBackOff, RESTARTS counting', async () => {
    const run = await cluster.kubectl(['run', 'crash', '--image=busybox:1.36', '--', 'sh', '-c', 'echo starting; exit 1']);
    expect(run).toEqual({ stdout: 'pod/crash created', stderr: '', exitCode: 0 });
    await waitForState(cluster.sandbox, () => {
      const status = containerStatus(objectOf(cluster.sandbox, 'Pod', 'crash'));
      return status?.restartCount >= 2 && status?.state?.waiting?.reason === 'CrashLoopBackOff';
    }, 60_000, 'crash in CrashLoopBackOff after two restarts');
    const [name, ready, status, restarts] = await podRow('crash');
    expect([name, ready, status]).toEqual(['crash', '0/1', 'CrashLoopBackOff']);
    expect(restarts).toMatch(/^[2-9] \(\d+s ago\)$/);
    const previous = await cluster.kubectl(['logs', 'crash', '--previous']);
    expect(previous.stdout).toBe('starting');
    const described = await cluster.kubectl(['describe', 'pod', 'crash']);
    expect(described.stdout).toMatch(/Warning\s+BackOff\s+.*Back-off restarting failed container crash in pod crash_default\(/);
  });

  it('an unknown tag shows ErrImagePull / ImagePullBackOff, and set image recovers', async () => {
    await cluster.kubectl(['create', 'deployment', 'typo', '--image=nginx:9.9.9']);
    await waitForState(cluster.sandbox, () =>
      objectsOf(cluster.sandbox, 'Pod').some((p) => p.metadata.labels?.app === 'typo' && containerStatus(p)?.state?.waiting?.reason === 'ImagePullBackOff'),
    60_000, 'ImagePullBackOff');
    const pod = objectsOf(cluster.sandbox, 'Pod').find((p) => p.metadata.labels?.app === 'typo')!;
    const row = await podRow(pod.metadata.name);
    expect(row.slice(1, 3)).toEqual(['0/1', 'ImagePullBackOff']);
    const described = await cluster.kubectl(['describe', 'pod', pod.metadata.name]);
    expect(described.stdout).toMatch(/Failed to pull image "nginx:9\.9\.9"/);
    expect(described.stdout).toMatch(/Normal\s+BackOff\s+.*Back-off pulling image "nginx:9\.9\.9"/);

    expect((await cluster.kubectl(['set', 'image', 'deployment/typo', 'nginx=nginx:1.25'])).stdout).toBe('deployment.apps/typo image updated');
    const status = await cluster.kubectl(['rollout', 'status', 'deployment/typo', '--timeout=120s'], { timeout: 130_000 });
    expect(status.stdout.split('\n').at(-1)).toBe('deployment "typo" successfully rolled out');
  });

  it('a Pod that asks for more CPU than the node has stays Pending with FailedScheduling', async () => {
    const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: greedy
spec:
  containers:
    - name: web
      image: nginx:1.25
      resources:
        requests:
          cpu: "5"
`;
    expect((await cluster.kubectl(['apply', '-f', '-'], { input: manifest })).stdout).toBe('pod/greedy created');
    await waitForState(cluster.sandbox, () =>
      objectsOf(cluster.sandbox, 'Event').some((e) => e.involvedObject?.name === 'greedy' && e.reason === 'FailedScheduling'),
    30_000, 'FailedScheduling');
    expect((await podRow('greedy')).slice(0, 3)).toEqual(['greedy', '0/1', 'Pending']);
    const described = await cluster.kubectl(['describe', 'pod', 'greedy']);
    expect(described.stdout).toMatch(/Warning\s+FailedScheduling\s+.*0\/1 nodes are available: 1 Insufficient cpu\./);
  });

  it('a failing liveness probe restarts the container', async () => {
    const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: liveness
spec:
  containers:
    - name: app
      image: busybox:1.36
      args: ["sh", "-c", "touch /tmp/healthy; sleep 10; rm -f /tmp/healthy; sleep 600"]
      livenessProbe:
        exec:
          command: ["cat", "/tmp/healthy"]
        initialDelaySeconds: 2
        periodSeconds: 2
`;
    expect((await cluster.kubectl(['apply', '-f', '-'], { input: manifest })).stdout).toBe('pod/liveness created');
    await waitForState(cluster.sandbox, () => containerStatus(objectOf(cluster.sandbox, 'Pod', 'liveness'))?.restartCount >= 1, 90_000, 'a liveness restart');
    const [, , , restarts] = await podRow('liveness');
    expect(restarts).toMatch(/^[1-9] \(\d+s ago\)$/);
    const described = await cluster.kubectl(['describe', 'pod', 'liveness']);
    expect(described.stdout).toMatch(/Warning\s+Unhealthy\s+.*Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/);
    expect(described.stdout).toMatch(/Normal\s+Killing\s+.*Container app failed liveness probe, will be restarted/);
  }, 120_000);
});
