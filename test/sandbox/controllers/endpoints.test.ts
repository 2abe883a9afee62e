import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { deployment, isReady, isTerminating, podsOf, rolledOut, startCluster, T, type Cluster } from './harness.js';

let cluster: Cluster;
beforeEach(() => {
  cluster = startCluster();
});
afterEach(() => cluster.stop());

function service(name: string, spec: KubeObject): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, labels: { tier: 'front' } }, spec };
}

const endpoints = () => cluster.get(T.endpoints, 'default', 'web');
const slices = () => cluster.list(T.endpointSlices, 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
const readyIPs = () => podsOf(cluster, 'web').filter((p) => isReady(p) && !isTerminating(p)).map((p) => p.status.podIP).sort();
const addressIPs = (field: 'addresses' | 'notReadyAddresses') => (endpoints()?.subsets ?? []).flatMap((s: KubeObject) => s[field] ?? []).map((a: KubeObject) => a.ip).sort();

describe('Endpoints and EndpointSlices', () => {
  test('list the ready Pods on the resolved target port', async () => {
    cluster.registry.create(T.services, 'default', service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }));
    await cluster.waitFor('empty Endpoints and placeholder slice', () => !!endpoints() && slices().length === 1);
    expect(endpoints()!.subsets).toBeUndefined();
    expect(slices()[0]).toMatchObject({ addressType: 'IPv4', endpoints: [] });
    expect(slices()[0]!.ports).toBeNull();

    cluster.registry.create(T.deployments, 'default', deployment('web', { replicas: 2 }));
    await cluster.waitFor('rollout', () => rolledOut(cluster, 'web'));
    await cluster.waitFor('2 addresses', () => addressIPs('addresses').length === 2 && slices()[0]?.endpoints.filter((e: KubeObject) => e.conditions.ready).length === 2);
    expect(addressIPs('addresses')).toEqual(readyIPs());
    const pod = podsOf(cluster, 'web').find((p) => p.status.podIP === endpoints()!.subsets[0].addresses[0].ip)!;
    expect(endpoints()!.metadata.labels).toEqual({ tier: 'front' });
    expect(endpoints()!.subsets[0]).toMatchObject({
      addresses: expect.arrayContaining([{ ip: pod.status.podIP, nodeName: 'minikube', targetRef: { kind: 'Pod', namespace: 'default', name: pod.metadata.name, uid: pod.metadata.uid } }]),
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    });

    const slice = slices()[0]!;
    expect(slice.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice.metadata.labels).toEqual({ tier: 'front', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    const svc = cluster.get(T.services, 'default', 'web')!;
    expect(slice.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    expect(slice.endpoints.map((e: KubeObject) => e.addresses[0]).sort()).toEqual(readyIPs());
    expect(slice.endpoints[0]).toMatchObject({ conditions: { ready: true, serving: true, terminating: false }, nodeName: 'minikube', targetRef: { kind: 'Pod' } });
  });

  test('not-ready Pods are notReadyAddresses; terminating Pods leave the addresses at once', async () => {
    cluster.registry.create(T.services, 'default', service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] }));
    const d = deployment('web', { replicas: 2 });
    d.spec.template.spec.containers[0].readinessProbe = { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 100_000 };
    cluster.registry.create(T.deployments, 'default', d);
    await cluster.waitFor('2 not-ready endpoints', () => addressIPs('notReadyAddresses').length === 2 && slices()[0]?.endpoints.length === 2);
    expect(addressIPs('addresses')).toEqual([]);
    expect(slices()[0]!.endpoints.map((e: KubeObject) => e.conditions)).toEqual([
      { ready: false, serving: false, terminating: false },
      { ready: false, serving: false, terminating: false },
    ]);
    expect(slices()[0]!.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);

    // A ready Pod on a node no kubelet runs: once deleted, it stays terminating for as long as we look.
    const created = cluster.registry.create(T.pods, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'elsewhere', labels: { app: 'web' } },
      spec: { nodeName: 'other', containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
    }).object;
    const now = cluster.clock.timestamp();
    cluster.registry.update(T.pods, 'default', 'elsewhere', { ...created, status: { ...created.status, phase: 'Running', podIP: '10.244.99.9', podIPs: [{ ip: '10.244.99.9' }], conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] } }, { subresource: 'status' });
    const elsewhere = () => slices()[0]!.endpoints.find((e: KubeObject) => e.targetRef.name === 'elsewhere');
    await cluster.waitFor('ready address', () => addressIPs('addresses').includes('10.244.99.9') && elsewhere()?.conditions.ready === true);

    let listedWhileTerminating = false;
    const stop = cluster.store.subscribe((event) => {
      if (event.object.kind !== 'Endpoints') return;
      const pod = cluster.get(T.pods, 'default', 'elsewhere');
      if (pod && isTerminating(pod) && addressIPs('addresses').concat(addressIPs('notReadyAddresses')).includes('10.244.99.9')) listedWhileTerminating = true;
    });
    cluster.registry.delete(T.pods, 'default', 'elsewhere');
    await cluster.waitFor('out of Endpoints', () => !addressIPs('addresses').includes('10.244.99.9'));
    await cluster.waitFor('terminating in the slice', () => elsewhere()?.conditions.terminating === true);
    stop();
    expect(listedWhileTerminating).toBe(false);
    expect(isTerminating(cluster.get(T.pods, 'default', 'elsewhere')!)).toBe(true);
    expect(elsewhere()!.conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  test('Endpoints follow readiness as Pods come and go in a rollout', async () => {
    cluster.registry.create(T.services, 'default', service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    cluster.registry.create(T.deployments, 'default', deployment('web', { replicas: 3 }));
    await cluster.waitFor('3 addresses', () => addressIPs('addresses').length === 3);
    cluster.registry.delete(T.deployments, 'default', 'web');
    await cluster.waitFor('no addresses', () => addressIPs('addresses').length === 0 && addressIPs('notReadyAddresses').length === 0);
    await cluster.waitFor('placeholder slice', () => slices().length === 1 && slices()[0]!.endpoints.length === 0);
  });

  test('a Service without a selector is left alone; a deleted Service takes its endpoints along', async () => {
    cluster.registry.create(T.services, 'default', service('external', { ports: [{ port: 443 }] }));
    cluster.registry.create(T.endpoints, 'default', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external' }, subsets: [{ addresses: [{ ip: '192.0.2.10' }], ports: [{ port: 443 }] }] });
    cluster.registry.create(T.services, 'default', service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    await cluster.waitFor('web Endpoints', () => !!endpoints() && slices().length === 1);
    expect(cluster.get(T.endpoints, 'default', 'external')!.subsets[0].addresses).toEqual([{ ip: '192.0.2.10' }]);
    expect(cluster.list(T.endpointSlices, 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'external')).toHaveLength(0);

    cluster.registry.delete(T.services, 'default', 'web');
    await cluster.waitFor('web endpoints gone', () => !endpoints() && slices().length === 0);
  });
});
