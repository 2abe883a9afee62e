/**
 * Which changes resync a namespace's quota: every create and delete of what it counts, and only
 * the updates that change what an object costs (upstream's quota monitor), not a Pod's status.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { findType, typeKey, type ResourceType } from '../../../src/sandbox/api/resources.js';
import { SimClock } from '../../../src/sandbox/clock.js';
import { ObjectStore, type StoreEvent } from '../../../src/sandbox/store/object-store.js';
import { Registry } from '../../../src/sandbox/registry/registry.js';
import { ResourceQuotaController } from '../../../src/sandbox/controllers/resource-quota.js';

const PODS = findType('', 'pods')!;
const SERVICES = findType('', 'services')!;
const CONFIGMAPS = findType('', 'configmaps')!;
const QUOTAS = findType('', 'resourcequotas')!;

const pod = (extra: { phase?: string; ready?: boolean; deletion?: string; grace?: number; deadline?: number; cpu?: string } = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'room', ...(extra.deletion ? { deletionTimestamp: extra.deletion, deletionGracePeriodSeconds: extra.grace ?? 30 } : {}) },
  spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: extra.cpu ?? '50m' } } }], ...(extra.deadline ? { activeDeadlineSeconds: extra.deadline } : {}) },
  status: { phase: extra.phase ?? 'Running', conditions: [{ type: 'Ready', status: extra.ready ? 'True' : 'False' }] },
});

function setup(hard: Record<string, string>, scopes?: string[]) {
  const clock = new SimClock(1);
  const store = new ObjectStore();
  const registry = new Registry(store, clock);
  store.create(QUOTAS, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'room' }, spec: { hard, ...(scopes ? { scopes } : {}) } });
  const queued: string[] = [];
  const controller = new ResourceQuotaController(registry, clock, { add: (key) => queued.push(key), addAfter: () => {} });
  const event = (type: ResourceType, kind: StoreEvent['type'], object: KubeObject, previous?: KubeObject): boolean => {
    queued.length = 0;
    controller.onEvent({ type: kind, typeKey: typeKey(type), object, previous, resourceVersion: 1 });
    clock.stop();
    return queued.includes('room');
  };
  return { event };
}

describe('ResourceQuota controller: what resyncs', () => {
  it('a counted kind created or deleted resyncs; an uncounted kind never does', () => {
    const { event } = setup({ pods: '10', 'requests.cpu': '2' });
    expect(event(PODS, 'ADDED', pod())).toBe(true);
    expect(event(PODS, 'DELETED', pod(), pod())).toBe(true);
    expect(event(CONFIGMAPS, 'ADDED', { metadata: { name: 'c', namespace: 'room' } })).toBe(false);
  });

  it("a Pod's status change does not resync; turning terminal does", () => {
    const { event } = setup({ pods: '10', 'requests.cpu': '2' });
    expect(event(PODS, 'MODIFIED', pod({ ready: true }), pod({ ready: false }))).toBe(false);
    expect(event(PODS, 'MODIFIED', pod({ phase: 'Running' }), pod({ phase: 'Pending' }))).toBe(false);
    expect(event(PODS, 'MODIFIED', pod({ phase: 'Succeeded' }), pod({ phase: 'Running' }))).toBe(true);
    expect(event(PODS, 'MODIFIED', pod({ phase: 'Failed' }), pod({ phase: 'Running' }))).toBe(true);
  });

  it('a deletion past its grace period resyncs; one within it costs the same and does not', () => {
    const { event } = setup({ pods: '10', 'requests.cpu': '2' });
    expect(event(PODS, 'MODIFIED', pod({ deletion: new Date(Date.now() + 30_000).toISOString(), grace: 30 }), pod())).toBe(false);
    expect(event(PODS, 'MODIFIED', pod({ deletion: new Date(Date.now() - 60_000).toISOString(), grace: 0 }), pod())).toBe(true);
  });

  it("a change of a quota's scope resyncs (activeDeadlineSeconds and the Terminating scope)", () => {
    const { event } = setup({ pods: '10' }, ['Terminating']);
    expect(event(PODS, 'MODIFIED', pod({ deadline: 60 }), pod())).toBe(true);
    expect(event(PODS, 'MODIFIED', pod({ deadline: 60, ready: true }), pod({ deadline: 60 }))).toBe(false);
  });

  it("a Service's type change resyncs when node ports or load balancers are counted", () => {
    const { event } = setup({ 'services.nodeports': '5', services: '10' });
    const service = (type: string, label = 'a'): KubeObject => ({ metadata: { name: 's', namespace: 'room', labels: { l: label } }, spec: { type, ports: [{ port: 80 }] } });
    expect(event(SERVICES, 'MODIFIED', service('NodePort'), service('ClusterIP'))).toBe(true);
    expect(event(SERVICES, 'MODIFIED', service('ClusterIP', 'b'), service('ClusterIP', 'a'))).toBe(false);
  });
});
