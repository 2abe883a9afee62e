/**
 * The controllers' indexes (issue 9): a Service's Pods found through its selector's label pairs and
 * kept as Pods come, change labels and go; the Endpoints API's 1,000-address capacity.
 */
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { SimClock } from '../../../src/sandbox/clock.js';
import { ObjectStore } from '../../../src/sandbox/store/object-store.js';
import { Registry } from '../../../src/sandbox/registry/registry.js';
import { ClusterIndex } from '../../../src/sandbox/controllers/cluster-index.js';
import { ServiceMembers } from '../../../src/sandbox/controllers/endpoints/service-members.js';
import { truncateEndpoints } from '../../../src/sandbox/controllers/endpoints/truncate-endpoints.js';
import { OwnedPodTally } from '../../../src/sandbox/controllers/replicaset/owned-pod-tally.js';
import { labelSelectorFromMap } from '../../../src/sandbox/store/selectors.js';
import { T } from './harness.js';

function indexed() {
  const store = new ObjectStore();
  const registry = new Registry(store, new SimClock(1));
  const index = new ClusterIndex();
  const members = new ServiceMembers(index);
  const tally = new OwnedPodTally();
  store.subscribe((event) => {
    index.observe(event);
    members.observe(event);
    tally.observe(event);
  });
  registry.create(T.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  registry.create(T.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
  const pod = (name: string, labels: Record<string, string>, namespace = 'default', extra: KubeObject = {}) =>
    registry.create(T.pods, namespace, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ...extra }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }).object;
  const service = (name: string, selector: Record<string, string>) =>
    registry.create(T.services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector, ports: [{ port: 80 }] } }).object;
  const names = (key: string) => [...members.members(key)].map((p) => p.metadata.name).sort();
  return { store, registry, index, members, tally, pod, service, names };
}

describe('ServiceMembers', () => {
  test('a Service selects the Pods whose labels hold all of its selector, in its namespace only', () => {
    const { pod, service, names, members } = indexed();
    pod('before', { app: 'web', tier: 'front' });
    service('web', { app: 'web', tier: 'front' });
    pod('after', { app: 'web', tier: 'front', extra: 'x' });
    pod('half', { app: 'web' });
    pod('elsewhere', { app: 'web', tier: 'front' }, 'other');
    expect(names('default/web')).toEqual(['after', 'before']);
    expect(members.selecting('default', { app: 'web', tier: 'front' })).toEqual(['default/web']);
    expect(members.selecting('default', { app: 'web' })).toEqual([]);
  });

  test('follows relabelled and deleted Pods, and a changed or deleted Service', () => {
    const { registry, pod, service, names, members } = indexed();
    service('web', { app: 'web' });
    pod('a', { app: 'web' });
    pod('b', { app: 'web' });
    registry.patch(T.pods, 'default', 'a', 'application/merge-patch+json', { metadata: { labels: { app: 'api' } } });
    expect(names('default/web')).toEqual(['b']);
    // The index holds the stored object, not a stale copy.
    registry.patch(T.pods, 'default', 'b', 'application/merge-patch+json', { metadata: { annotations: { seen: 'yes' } } });
    expect([...members.members('default/web')][0]!.metadata.annotations).toEqual({ seen: 'yes' });
    registry.patch(T.services, 'default', 'web', 'application/merge-patch+json', { spec: { selector: { app: 'api' } } });
    expect(names('default/web')).toEqual(['a']);
    registry.delete(T.pods, 'default', 'a', { gracePeriodSeconds: 0 });
    expect(names('default/web')).toEqual([]);
    registry.delete(T.services, 'default', 'web');
    expect(members.selecting('default', { app: 'api' })).toEqual([]);
  });
});

describe('OwnedPodTally', () => {
  test('counts the active Pods a controller owns, the ready ones, and those with the template labels', () => {
    const { registry, pod, tally } = indexed();
    const owner = { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true }] };
    pod('a', { app: 'web' }, 'default', owner);
    pod('b', { app: 'web' }, 'default', owner);
    pod('c', { app: 'other' }, 'default', owner);
    pod('free', { app: 'web' });
    const ready = { status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    registry.update(T.pods, 'default', 'a', { ...registry.store.get(T.pods, 'default', 'a'), ...ready }, { subresource: 'status' });
    const counts = tally.of('rs-uid');
    expect([counts.active, counts.ready, counts.labelled(labelSelectorFromMap({ app: 'web' }))]).toEqual([3, 1, 2]);
    // A Pod being deleted is no longer active (nodeName unset: it goes at once).
    registry.delete(T.pods, 'default', 'a');
    registry.delete(T.pods, 'default', 'c');
    const after = tally.of('rs-uid');
    expect([after.active, after.ready, after.labelled(labelSelectorFromMap({ app: 'web' }))]).toEqual([1, 0, 1]);
  });
});

describe('truncateEndpoints', () => {
  const addresses = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ ip: `10.244.${(from + i) >> 8}.${(from + i) & 255}` }));

  test('leaves 1,000 addresses or fewer alone', () => {
    const subsets = [{ addresses: addresses(600), notReadyAddresses: addresses(400, 600) }];
    expect(truncateEndpoints(subsets)).toBe(false);
    expect(subsets[0]!.addresses).toHaveLength(600);
  });

  test('keeps every ready address and fills the rest with not-ready ones', () => {
    const subsets: KubeObject[] = [{ addresses: addresses(900), notReadyAddresses: addresses(300, 900), ports: [{ port: 80 }] }];
    expect(truncateEndpoints(subsets)).toBe(true);
    expect(subsets[0]!.addresses).toHaveLength(900);
    expect(subsets[0]!.notReadyAddresses).toEqual(addresses(100, 900));
  });

  test('over 1,000 ready addresses: shares them among the subsets by size and drops the not-ready ones', () => {
    const subsets: KubeObject[] = [
      { addresses: addresses(1500), notReadyAddresses: addresses(10, 3000), ports: [{ port: 80 }] },
      { addresses: addresses(500, 1500), ports: [{ port: 81 }] },
    ];
    expect(truncateEndpoints(subsets)).toBe(true);
    expect(subsets.map((s) => [s.addresses.length, s.notReadyAddresses])).toEqual([
      [750, undefined],
      [250, undefined],
    ]);
  });
});
