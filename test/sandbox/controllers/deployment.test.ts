import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { deployment, edit, eventsFor, isReady, ownedBy, podsOf, rolledOut, startCluster, T, type Cluster } from './harness.js';

let cluster: Cluster;
beforeEach(() => {
  cluster = startCluster();
});
afterEach(() => cluster.stop());

describe('a new Deployment', () => {
  test('gets one ReplicaSet named after its template hash, and three Ready Pods', async () => {
    cluster.registry.create(T.deployments, 'default', deployment('web', { replicas: 3 }));
    await cluster.waitFor('3 available replicas', () => cluster.get(T.deployments, 'default', 'web')?.status?.availableReplicas === 3);
    const d = cluster.get(T.deployments, 'default', 'web')!;
    const rss = cluster.list(T.replicaSets, 'default');
    expect(rss).toHaveLength(1);
    const rs = rss[0]!;
    const hash = rs.metadata.labels['pod-template-hash'];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(ownedBy(rs, d)).toBe(true);
    const pods = cluster.list(T.pods, 'default');
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(pod.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(isReady(pod)).toBe(true);
      expect(pod.spec.nodeName).toBe('minikube');
      expect(pod.status.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    }
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    await cluster.waitFor('rollout complete', () => cluster.get(T.deployments, 'default', 'web')?.status?.conditions?.some((c: { reason: string }) => c.reason === 'NewReplicaSetAvailable'));
    const status = cluster.get(T.deployments, 'default', 'web')!.status;
    expect(status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(status.unavailableReplicas).toBeUndefined();
    const conditions = Object.fromEntries(status.conditions.map((c: { type: string }) => [c.type, c]));
    expect(conditions.Available).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(conditions.Progressing).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.` });
  });
});

const web = () => cluster.get(T.deployments, 'default', 'web')!;
const condition = (type: string) => web().status?.conditions?.find((c: KubeObject) => c.type === type);
const setImage = (image: string) =>
  edit(cluster, T.deployments, 'default', 'web', (d) => {
    d.spec.template.spec.containers[0].image = image;
  });

describe('scaling', () => {
  test('scales the ReplicaSet with the real event text and updates the replica annotations', async () => {
    cluster.registry.create(T.deployments, 'default', deployment('web', { replicas: 2 }));
    await cluster.waitFor('rollout', () => rolledOut(cluster, 'web'));
    edit(cluster, T.deployments, 'default', 'web', (d) => {
      d.spec.replicas = 5;
    });
    await cluster.waitFor('5 available', () => rolledOut(cluster, 'web') && web().status.availableReplicas === 5);
    const rs = cluster.list(T.replicaSets, 'default')[0]!;
    expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '5', 'deployment.kubernetes.io/max-replicas': '7' });
    edit(cluster, T.deployments, 'default', 'web', (d) => {
      d.spec.replicas = 1;
    });
    await cluster.waitFor('1 Pod left', () => podsOf(cluster, 'web').length === 1);
    expect(eventsFor(cluster, web()).map((e) => e.message)).toEqual([
      `Scaled up replica set ${rs.metadata.name} from 0 to 2`,
      `Scaled up replica set ${rs.metadata.name} from 2 to 5`,
      `Scaled down replica set ${rs.metadata.name} from 5 to 1`,
    ]);
  });
});

describe('paused', () => {
  test('a paused Deployment does not roll out a new template until resumed', async () => {
    cluster.registry.create(T.deployments, 'default', deployment('web', { replicas: 2 }));
    await cluster.waitFor('rollout', () => rolledOut(cluster, 'web'));
    edit(cluster, T.deployments, 'default', 'web', (d) => {
      d.spec.paused = true;
    });
    await cluster.waitFor('paused condition', () => condition('Progressing')?.reason === 'DeploymentPaused');
    expect(condition('Progressing')).toMatchObject({ status: 'Unknown', message: 'Deployment is paused' });
    setImage('nginx:1.26');
    await cluster.waitFor('generation observed', () => web().status.observedGeneration === 3);
    expect(cluster.list(T.replicaSets, 'default')).toHaveLength(1);
    expect(podsOf(cluster, 'web').map((p) => p.spec.containers[0].image)).toEqual(['nginx:1.25', 'nginx:1.25']);

    edit(cluster, T.deployments, 'default', 'web', (d) => {
      delete d.spec.paused;
    });
    await cluster.waitFor('resumed rollout', () => rolledOut(cluster, 'web') && web().metadata.annotations['deployment.kubernetes.io/revision'] === '2');
    expect(cluster.list(T.replicaSets, 'default')).toHaveLength(2);
  });
});

describe('history', () => {
  test('revisionHistoryLimit 1 keeps only the newest old ReplicaSet', async () => {
    cluster.registry.create(T.deployments, 'default', deployment('web', { replicas: 1, revisionHistoryLimit: 1 }));
    await cluster.waitFor('rollout 1', () => rolledOut(cluster, 'web'));
    for (const [generation, image] of [[2, 'nginx:1.26'], [3, 'nginx:1.27']] as const) {
      setImage(image);
      await cluster.waitFor(`rollout of ${image}`, () => rolledOut(cluster, 'web') && web().status.observedGeneration === generation);
    }
    await cluster.waitFor('clean-up', () => cluster.list(T.replicaSets, 'default').length === 2);
    const revisions = cluster.list(T.replicaSets, 'default').map((rs) => rs.metadata.annotations['deployment.kubernetes.io/revision']);
    expect(revisions.sort()).toEqual(['2', '3']);
  });

  test('kubernetes.io/change-cause is copied to the new ReplicaSet', async () => {
    const d = deployment('web');
    d.metadata.annotations = { 'kubernetes.io/change-cause': 'kubectl create deployment web --image=nginx:1.25' };
    cluster.registry.create(T.deployments, 'default', d);
    await cluster.waitFor('rollout', () => rolledOut(cluster, 'web'));
    const rs = cluster.list(T.replicaSets, 'default')[0]!;
    expect(rs.metadata.annotations['kubernetes.io/change-cause']).toBe('kubectl create deployment web --image=nginx:1.25');
  });
});

describe('progress', () => {
  test('Pods that never become ready exceed the progress deadline', async () => {
    const d = deployment('web', { replicas: 2 });
    d.spec.progressDeadlineSeconds = 10;
    d.spec.template.spec.containers[0].readinessProbe = { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 100_000 };
    cluster.registry.create(T.deployments, 'default', d);
    await cluster.waitFor('deadline', () => condition('Progressing')?.reason === 'ProgressDeadlineExceeded');
    const rs = cluster.list(T.replicaSets, 'default')[0]!;
    expect(condition('Progressing')).toMatchObject({ status: 'False', message: `ReplicaSet "${rs.metadata.name}" has timed out progressing.` });
    expect(condition('Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
    expect(web().status).toMatchObject({ replicas: 2, updatedReplicas: 2, unavailableReplicas: 2 });
  });

  test('minReadySeconds holds availability back after readiness', async () => {
    cluster.registry.create(T.deployments, 'default', deployment('web', { replicas: 1, minReadySeconds: 100 }));
    await cluster.waitFor('ready', () => web().status?.readyReplicas === 1);
    expect(web().status.availableReplicas).toBeUndefined();
    await cluster.waitFor('available', () => web().status.availableReplicas === 1);
    expect(rolledOut(cluster, 'web')).toBe(true);
  });
});
