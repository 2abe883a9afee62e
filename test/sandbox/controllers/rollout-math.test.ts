import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { computeHash, safeEncodeString } from '../../../src/sandbox/controllers/deployment/hash.js';
import { maxUnavailable, newRSNewReplicas, resolveFenceposts } from '../../../src/sandbox/controllers/deployment/replica-math.js';
import { podsToDelete } from '../../../src/sandbox/controllers/replicaset/pod-ranking.js';

const rolling = (replicas: number, maxSurge?: number | string, maxUnavailable?: number | string): KubeObject => ({
  metadata: {},
  spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } },
});

describe('ResolveFenceposts', () => {
  test.each([
    [4, '25%', '25%', 1, 1],
    [10, '25%', '25%', 3, 2],
    [1, '25%', '25%', 1, 0],
    [4, 1, 0, 1, 0],
    // Both round to zero: one Pod may be unavailable, or nothing could ever move.
    [3, 0, '10%', 0, 1],
    [2, '0%', '1%', 0, 1],
  ])('%i replicas, maxSurge %s, maxUnavailable %s → surge %i, unavailable %i', (replicas, surge, unavailable, wantSurge, wantUnavailable) => {
    expect(resolveFenceposts(rolling(replicas, surge, unavailable))).toEqual({ surge: wantSurge, unavailable: wantUnavailable });
  });

  test('Recreate and zero replicas allow no unavailability', () => {
    expect(maxUnavailable({ metadata: {}, spec: { replicas: 3, strategy: { type: 'Recreate' } } })).toBe(0);
    expect(maxUnavailable(rolling(0, '25%', '25%'))).toBe(0);
  });
});

test('NewRSNewReplicas grows the new ReplicaSet up to replicas + maxSurge', () => {
  const d = rolling(4, '25%', '25%');
  const rs = (replicas: number): KubeObject => ({ metadata: {}, spec: { replicas } });
  const newRS = rs(0);
  expect(newRSNewReplicas(d, [rs(4), newRS], newRS)).toBe(1);
  const grown = rs(2);
  expect(newRSNewReplicas(d, [rs(2), grown], grown)).toBe(3);
  const full = rs(1);
  expect(newRSNewReplicas(d, [rs(4), full], full)).toBe(1);
});

describe('the pod-template-hash', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } };

  test('renders the decimal FNV sum in the safe alphabet', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(computeHash(template)).toMatch(/^[456789bcdf]{1,10}$/);
  });

  test('depends on the template and the collision count, not on key order', () => {
    const reordered = { spec: { containers: [{ image: 'nginx:1.25', name: 'nginx' }] }, metadata: { labels: { app: 'web' } } };
    expect(computeHash(reordered)).toBe(computeHash(template));
    expect(computeHash({ ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } })).not.toBe(computeHash(template));
    expect(computeHash(template, 1)).not.toBe(computeHash(template));
    expect(computeHash(template, 0)).not.toBe(computeHash(template));
  });
});

describe('which Pods a ReplicaSet deletes first', () => {
  const now = Date.now();
  const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
  const pod = (name: string, options: { node?: string; phase?: string; ready?: boolean; readyAgo?: number; created?: number; restarts?: number; cost?: string }): KubeObject => ({
    metadata: { name, uid: name, creationTimestamp: iso(options.created ?? 3_600_000), annotations: options.cost ? { 'controller.kubernetes.io/pod-deletion-cost': options.cost } : {} },
    spec: { nodeName: options.node ?? 'minikube' },
    status: {
      phase: options.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True', lastTransitionTime: iso(options.readyAgo ?? 3_600_000) }],
      containerStatuses: [{ restartCount: options.restarts ?? 0 }],
    },
  });
  const first = (...pods: KubeObject[]) => podsToDelete(pods, pods, 1)[0]!.metadata.name;

  test('unscheduled, then pending, then not ready', () => {
    expect(first(pod('running', {}), pod('unscheduled', { node: '', phase: 'Pending', ready: false }))).toBe('unscheduled');
    expect(first(pod('running', {}), pod('pending', { phase: 'Pending', ready: false }))).toBe('pending');
    expect(first(pod('ready', {}), pod('unready', { ready: false }))).toBe('unready');
  });

  test('lower deletion cost, then more recently ready, then more restarts, then younger', () => {
    expect(first(pod('dear', { cost: '100' }), pod('cheap', { cost: '-5' }))).toBe('cheap');
    expect(first(pod('veteran', { readyAgo: 3_600_000 }), pod('fresh', { readyAgo: 1_000 }))).toBe('fresh');
    expect(first(pod('steady', {}), pod('flaky', { restarts: 4 }))).toBe('flaky');
    expect(first(pod('old', { created: 86_400_000 }), pod('young', { created: 5_000 }))).toBe('young');
  });
});
