/**
 * Rolling updates, history, rollback, pause / resume and restart through the real kubectl, with the
 * RollingUpdate bounds checked on every change the sandbox makes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, waitForState, type TestCluster } from '../../support/kubectl.js';
import { deploymentSettled, isPodReady, livePodsOf, objectOf, objectsOf, podsOf } from '../../support/objects.js';
import type { KubeObject } from '../../../src/sandbox/api/status.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ speed: 20 });
});
afterAll(() => cluster?.stop());

const settled = (name: string, replicas: number) =>
  waitForState(cluster.sandbox, () => deploymentSettled(cluster.sandbox, name, replicas), 30_000, `${name} settled at ${replicas}`);

const imageOf = (name: string) => objectOf(cluster.sandbox, 'Deployment', name)?.spec.template.spec.containers[0].image;

/** Available = Ready (minReadySeconds is 0 here) and not terminating. */
function available(pods: KubeObject[]): number {
  return pods.filter(isPodReady).length;
}

/**
 * The Pods the controllers count: a Pod marked for deletion no longer belongs to its ReplicaSet's
 * replicas (it shows as Terminating until its containers stop), exactly as on a real cluster.
 */
function active(pods: KubeObject[]): number {
  return pods.filter((p) => !p.metadata.deletionTimestamp).length;
}

describe('a rolling update from nginx:1.25 to nginx:1.26 with 4 replicas', () => {
  beforeAll(async () => {
    expect((await cluster.kubectl(['create', 'deployment', 'shop', '--image=nginx:1.25', '--replicas=4'])).stdout).toBe('deployment.apps/shop created');
    await settled('shop', 4);
  });

  it('keeps at least replicas - maxUnavailable available and at most replicas + maxSurge Pods', async () => {
    // 25% of 4: maxSurge rounds up to 1, maxUnavailable rounds down to 1.
    let minAvailable = Infinity;
    let maxPods = 0;
    const unsubscribe = cluster.sandbox.store.subscribe((event) => {
      if (event.typeKey !== '/pods') return;
      const pods = podsOf(cluster.sandbox, 'shop');
      minAvailable = Math.min(minAvailable, available(pods));
      maxPods = Math.max(maxPods, active(pods));
    });
    const updated = await cluster.kubectl(['set', 'image', 'deployment/shop', 'nginx=nginx:1.26']);
    expect(updated).toEqual({ stdout: 'deployment.apps/shop image updated', stderr: '', exitCode: 0 });
    const status = await cluster.kubectl(['rollout', 'status', 'deployment/shop', '--timeout=60s']);
    unsubscribe();
    expect(status.exitCode).toBe(0);
    expect(status.stdout.split('\n').at(-1)).toBe('deployment "shop" successfully rolled out');
    expect(status.stdout).toMatch(/Waiting for deployment "shop" rollout to finish: \d+ (out of 4 new replicas have been updated|old replicas are pending termination)\.\.\./);
    expect(minAvailable).toBe(3);
    expect(maxPods).toBe(5);
    await settled('shop', 4);
    expect(livePodsOf(cluster.sandbox, 'shop').map((p) => p.spec.containers[0].image)).toEqual(Array(4).fill('nginx:1.26'));
  });

  it('annotate records a change-cause that rollout history shows', async () => {
    const annotated = await cluster.kubectl(['annotate', 'deployment/shop', 'kubernetes.io/change-cause=Black Friday: nginx 1.26']);
    expect(annotated).toEqual({ stdout: 'deployment.apps/shop annotated', stderr: '', exitCode: 0 });
    await waitForState(cluster.sandbox, () =>
      objectsOf(cluster.sandbox, 'ReplicaSet').some((r) => r.metadata.annotations?.['kubernetes.io/change-cause'] === 'Black Friday: nginx 1.26'),
    );
    const history = await cluster.kubectl(['rollout', 'history', 'deployment/shop']);
    expect(history.exitCode).toBe(0);
    // kubectl ends the table with an empty line.
    expect(history.stdout.split('\n').map((l) => l.trimEnd())).toEqual([
      'deployment.apps/shop',
      'REVISION  CHANGE-CAUSE',
      '1         <none>',
      '2         Black Friday: nginx 1.26',
      '',
    ]);
    const revision = await cluster.kubectl(['rollout', 'history', 'deployment/shop', '--revision=1']);
    expect(revision.stdout).toMatch(/Image:\s+nginx:1\.25/);
  });

  it('undo --to-revision=1 restores the first template, undo goes back again', async () => {
    const undone = await cluster.kubectl(['rollout', 'undo', 'deployment/shop', '--to-revision=1']);
    expect(undone).toEqual({ stdout: 'deployment.apps/shop rolled back', stderr: '', exitCode: 0 });
    expect(imageOf('shop')).toBe('nginx:1.25');
    await settled('shop', 4);
    const history = await cluster.kubectl(['rollout', 'history', 'deployment/shop']);
    expect(history.stdout.trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/)[0])).toEqual(['2', '3']);

    expect((await cluster.kubectl(['rollout', 'undo', 'deployment/shop'])).stdout).toBe('deployment.apps/shop rolled back');
    expect(imageOf('shop')).toBe('nginx:1.26');
    await settled('shop', 4);
  });

  it('a paused Deployment does not roll until resumed', async () => {
    expect((await cluster.kubectl(['rollout', 'pause', 'deployment/shop'])).stdout).toBe('deployment.apps/shop paused');
    await cluster.kubectl(['set', 'image', 'deployment/shop', 'nginx=nginx:1.27']);
    await waitForState(cluster.sandbox, () => {
      const d = objectOf(cluster.sandbox, 'Deployment', 'shop')!;
      return d.status?.observedGeneration === d.metadata.generation;
    });
    expect(livePodsOf(cluster.sandbox, 'shop').map((p) => p.spec.containers[0].image)).toEqual(Array(4).fill('nginx:1.26'));
    const status = await cluster.kubectl(['rollout', 'status', 'deployment/shop', '--timeout=1s']);
    expect(status.stdout).toContain('Waiting for deployment "shop" rollout to finish: 0 out of 4 new replicas have been updated...');

    expect((await cluster.kubectl(['rollout', 'resume', 'deployment/shop'])).stdout).toBe('deployment.apps/shop resumed');
    await settled('shop', 4);
    expect(livePodsOf(cluster.sandbox, 'shop').map((p) => p.spec.containers[0].image)).toEqual(Array(4).fill('nginx:1.27'));
  });

  it('restart replaces every Pod with the same image', async () => {
    const before = new Set(podsOf(cluster.sandbox, 'shop').map((p) => p.metadata.name));
    expect((await cluster.kubectl(['rollout', 'restart', 'deployment/shop'])).stdout).toBe('deployment.apps/shop restarted');
    await waitForState(cluster.sandbox, () => {
      const pods = livePodsOf(cluster.sandbox, 'shop');
      return deploymentSettled(cluster.sandbox, 'shop', 4) && pods.length === 4 && pods.every((p) => !before.has(p.metadata.name));
    }, 30_000, 'all Pods replaced');
    expect(objectOf(cluster.sandbox, 'Deployment', 'shop')!.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
