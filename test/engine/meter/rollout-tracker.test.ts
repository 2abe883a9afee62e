/**
 * The rollout tracker on fixed cluster states, in the order an informer can deliver them: the
 * Deployment's new template first, the controller's new ReplicaSet later. Until that ReplicaSet
 * exists every ready Pod is old: the timeline must not draw the old Pods as the new revision's.
 */
import { describe, expect, it } from 'vitest';
import { createStaticView } from '../../../src/engine/checks/cluster-view.js';
import type { KubeObject } from '../../../src/engine/checks/k8s.js';
import { RolloutTracker, type TrackedRollout } from '../../../src/engine/meter/rollout-tracker.js';
import { rolloutReplicaSet } from '../../../src/engine/meter/rollout-replica-set.js';

const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: 'shop', ...(hash === undefined ? {} : { 'pod-template-hash': hash }) } },
  spec: { containers: [{ name: 'shop', image }] },
});

function deployment(image: string, status: { updated: number; available: number; replicas: number }, generation: number): KubeObject {
  return {
    kind: 'Deployment',
    metadata: { name: 'shop', uid: 'd1', generation },
    spec: { replicas: 2, selector: { matchLabels: { app: 'shop' } }, template: template(image) },
    status: { observedGeneration: generation, replicas: status.replicas, updatedReplicas: status.updated, availableReplicas: status.available },
  } as KubeObject;
}

function replicaSet(name: string, image: string, revision: number, created: string): KubeObject {
  return {
    kind: 'ReplicaSet',
    metadata: {
      name,
      uid: name,
      creationTimestamp: created,
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: [{ kind: 'Deployment', name: 'shop', uid: 'd1' }],
    },
    spec: { template: template(image, name.slice(-4)) },
  } as KubeObject;
}

function pod(name: string, owner: string, ready: boolean, terminating = false): KubeObject {
  return {
    kind: 'Pod',
    metadata: {
      name,
      labels: { app: 'shop' },
      creationTimestamp: '2026-01-01T00:00:00Z',
      ownerReferences: [{ kind: 'ReplicaSet', name: owner, uid: owner }],
      ...(terminating ? { deletionTimestamp: '2026-01-01T00:01:00Z' } : {}),
    },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  } as KubeObject;
}

const v1 = replicaSet('shop-aaaa', 'shop:1', 1, '2026-01-01T00:00:00Z');
const v2 = replicaSet('shop-bbbb', 'shop:2', 2, '2026-01-01T00:02:00Z');
const oldPods = [pod('shop-aaaa-1', 'shop-aaaa', true), pod('shop-aaaa-2', 'shop-aaaa', true)];

describe('the rollout tracker', () => {
  it('counts the old Pods as old while the rollout’s ReplicaSet does not exist yet, then follows the new one', () => {
    const completed: TrackedRollout[] = [];
    const tracker = new RolloutTracker({ started: () => undefined, completed: (r) => completed.push(r) });
    tracker.observe(createStaticView([deployment('shop:1', { updated: 2, available: 2, replicas: 2 }, 1), v1, ...oldPods]), 0);
    expect(tracker.open).toEqual([]);

    // The new template, before the controller made the new ReplicaSet.
    tracker.observe(createStaticView([deployment('shop:2', { updated: 0, available: 2, replicas: 2 }, 2), v1, ...oldPods]), 100);
    const rollout = tracker.open[0]!;
    expect(rollout.span).toEqual({ deployment: 'shop', startedAt: 100, sawStart: true });
    expect(rollout.points).toEqual([{ at: 100, oldReady: 2, newReady: 0, terminating: 0 }]);
    expect(rollout.newRevision).toBeUndefined();

    // The new ReplicaSet and its first Pod, not ready yet, then ready; an old one terminating.
    tracker.observe(createStaticView([deployment('shop:2', { updated: 1, available: 2, replicas: 3 }, 2), v1, v2, ...oldPods, pod('shop-bbbb-1', 'shop-bbbb', false)]), 200);
    tracker.observe(
      createStaticView([deployment('shop:2', { updated: 1, available: 2, replicas: 3 }, 2), v1, v2, oldPods[0]!, pod('shop-aaaa-2', 'shop-aaaa', true, true), pod('shop-bbbb-1', 'shop-bbbb', true)]),
      300,
    );
    expect(rollout.newRevision).toBe(2);
    expect(rollout.oldRevisions).toEqual([1]);
    expect(rollout.points.slice(1)).toEqual([{ at: 300, oldReady: 1, newReady: 1, terminating: 1 }]);

    const newPods = [pod('shop-bbbb-1', 'shop-bbbb', true), pod('shop-bbbb-2', 'shop-bbbb', true)];
    tracker.observe(createStaticView([deployment('shop:2', { updated: 2, available: 2, replicas: 2 }, 2), v1, v2, ...newPods]), 400);
    expect(completed).toHaveLength(1);
    expect(completed[0]!.span.completedAt).toBe(400);
    expect(completed[0]!.points.at(-1)).toEqual({ at: 400, oldReady: 0, newReady: 2, terminating: 0 });
  });

  it('a rollback moves to the old ReplicaSet whose template is the Deployment’s again', () => {
    const back = deployment('shop:1', { updated: 0, available: 2, replicas: 2 }, 3);
    expect(rolloutReplicaSet(back, [v2, v1])).toBe(v1);
    expect(rolloutReplicaSet(deployment('shop:3', { updated: 0, available: 2, replicas: 2 }, 4), [v1, v2])).toBeUndefined();
  });
});
