import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { deployment, edit, eventsFor, isReady, isTerminating, podsOf, rolledOut, startCluster, T, type Cluster } from './harness.js';

let cluster: Cluster;
beforeEach(() => {
  cluster = startCluster();
});
afterEach(() => cluster.stop());

const rsByRevision = (revision: string) =>
  cluster.list(T.replicaSets, 'default').find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision)!;

/** Watches every store change during a rollout: the fewest available and the most live Pods seen. */
function sample(app: string) {
  const seen = { minAvailable: Infinity, maxLive: 0 };
  const check = () => {
    const live = podsOf(cluster, app).filter((p) => !isTerminating(p));
    seen.maxLive = Math.max(seen.maxLive, live.length);
    seen.minAvailable = Math.min(seen.minAvailable, live.filter(isReady).length);
  };
  const stop = cluster.store.subscribe(check);
  return { seen, stop };
}

async function rollTo(image: string, strategy?: KubeObject, replicas = 4) {
  cluster.registry.create(T.deployments, 'default', deployment('web', { replicas, strategy }));
  await cluster.waitFor('first rollout', () => rolledOut(cluster, 'web'));
  const sampler = sample('web');
  edit(cluster, T.deployments, 'default', 'web', (d) => {
    d.spec.template.spec.containers[0].image = image;
  });
  await cluster.waitFor('second rollout', () => rolledOut(cluster, 'web') && cluster.get(T.deployments, 'default', 'web')!.status.observedGeneration === 2);
  await cluster.waitFor('old Pods gone', () => podsOf(cluster, 'web').length === replicas);
  sampler.stop();
  return sampler.seen;
}

describe('RollingUpdate', () => {
  test('25% / 25% of 4 keeps 3 available and at most 5 Pods, and ends on the new ReplicaSet', async () => {
    const seen = await rollTo('nginx:1.26');
    expect(seen).toEqual({ minAvailable: 3, maxLive: 5 });
    const [oldRS, newRS] = [rsByRevision('1'), rsByRevision('2')];
    expect(oldRS.spec.replicas).toBe(0);
    expect(oldRS.status.replicas).toBe(0);
    expect(newRS.spec.replicas).toBe(4);
    expect(newRS.spec.template.spec.containers[0].image).toBe('nginx:1.26');
    const d = cluster.get(T.deployments, 'default', 'web')!;
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(podsOf(cluster, 'web').every((p) => p.metadata.labels['pod-template-hash'] === newRS.metadata.labels['pod-template-hash'])).toBe(true);
    const scaling = eventsFor(cluster, d).filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    expect(scaling.slice(0, 3)).toEqual([
      `Scaled up replica set ${oldRS.metadata.name} from 0 to 4`,
      `Scaled up replica set ${newRS.metadata.name} from 0 to 1`,
      `Scaled down replica set ${oldRS.metadata.name} from 4 to 3`,
    ]);
    // How many Pods each later step moves depends on how many became available in between.
    expect(scaling.at(-1)).toMatch(new RegExp(`^Scaled (down replica set ${oldRS.metadata.name} from \\d to 0|up replica set ${newRS.metadata.name} from \\d to 4)$`));
    expect(scaling.filter((m) => / to 0$/.test(m))).toHaveLength(1);
  });

  test('maxUnavailable 0 / maxSurge 1 never drops below 4 available', async () => {
    const seen = await rollTo('nginx:1.26', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    expect(seen).toEqual({ minAvailable: 4, maxLive: 5 });
    expect(rsByRevision('2').spec.replicas).toBe(4);
  });

  test('a rollback to an earlier template reuses its ReplicaSet with a new revision', async () => {
    await rollTo('nginx:1.26', undefined, 2);
    const first = rsByRevision('1').metadata.name;
    edit(cluster, T.deployments, 'default', 'web', (d) => {
      d.spec.template.spec.containers[0].image = 'nginx:1.25';
    });
    await cluster.waitFor('rollback', () => rolledOut(cluster, 'web') && cluster.get(T.deployments, 'default', 'web')!.status.observedGeneration === 3);
    const rs = cluster.get(T.replicaSets, 'default', first)!;
    expect(rs.spec.replicas).toBe(2);
    expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(cluster.list(T.replicaSets, 'default')).toHaveLength(2);
  });
});

describe('scaling during a stuck rollout', () => {
  test('spreads the new replicas over both ReplicaSets in proportion (GetProportion)', async () => {
    cluster.registry.create(T.deployments, 'default', deployment('web', { replicas: 10 }));
    await cluster.waitFor('first rollout', () => rolledOut(cluster, 'web'));
    // The new template's Pods never become ready: the rollout stalls at 8 old + 5 new (10 + 3 surge).
    edit(cluster, T.deployments, 'default', 'web', (d) => {
      d.spec.template.spec.containers[0].image = 'nginx:1.26';
      d.spec.template.spec.containers[0].readinessProbe = { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 100_000 };
    });
    await cluster.waitFor('stalled', () => rsByRevision('2')?.spec.replicas === 5 && rsByRevision('1').spec.replicas === 8);
    edit(cluster, T.deployments, 'default', 'web', (d) => {
      d.spec.replicas = 20;
    });
    const scaling = () => eventsFor(cluster, cluster.get(T.deployments, 'default', 'web')!).map((e) => e.message);
    const [oldName, newName] = [rsByRevision('1').metadata.name, rsByRevision('2').metadata.name];
    await cluster.waitFor('proportional scaling', () => rsByRevision('1').spec.replicas + rsByRevision('2').spec.replicas === 25);
    // 25 allowed (20 + 5 surge), 13 there: old 8·25/13 → 15, new 5·25/13 → 10, nothing left over.
    expect([rsByRevision('1').spec.replicas, rsByRevision('2').spec.replicas]).toEqual([15, 10]);
    expect(scaling().slice(-2)).toEqual([`Scaled up replica set ${oldName} from 8 to 15`, `Scaled up replica set ${newName} from 5 to 10`]);
  });
});

describe('Recreate', () => {
  test('every old Pod has stopped before the first new one exists', async () => {
    cluster.registry.create(T.deployments, 'default', deployment('web', { replicas: 3, strategy: { type: 'Recreate' } }));
    await cluster.waitFor('first rollout', () => rolledOut(cluster, 'web'));
    const oldHash = rsByRevision('1').metadata.labels['pod-template-hash'];
    let overlap = 0;
    let sawGap = false;
    // As in a real cluster, a stopped Pod (Succeeded) may linger a moment before its removal.
    const stop = cluster.store.subscribe(() => {
      const pods = podsOf(cluster, 'web');
      const oldRunning = pods.filter((p) => p.metadata.labels['pod-template-hash'] === oldHash && p.status?.phase !== 'Succeeded').length;
      const fresh = pods.filter((p) => p.metadata.labels['pod-template-hash'] !== oldHash).length;
      if (oldRunning && fresh) overlap++;
      if (!oldRunning && !fresh) sawGap = true;
    });
    edit(cluster, T.deployments, 'default', 'web', (d) => {
      d.spec.template.spec.containers[0].image = 'nginx:1.26';
    });
    await cluster.waitFor('second rollout', () => rolledOut(cluster, 'web') && cluster.get(T.deployments, 'default', 'web')!.status.observedGeneration === 2);
    stop();
    expect(overlap).toBe(0);
    expect(sawGap).toBe(true);
    const [oldRS, newRS] = [rsByRevision('1'), rsByRevision('2')];
    const messages = eventsFor(cluster, cluster.get(T.deployments, 'default', 'web')!).map((e) => e.message);
    expect(messages).toEqual([
      `Scaled up replica set ${oldRS.metadata.name} from 0 to 3`,
      `Scaled down replica set ${oldRS.metadata.name} from 3 to 0`,
      `Scaled up replica set ${newRS.metadata.name} from 0 to 3`,
    ]);
  });
});
