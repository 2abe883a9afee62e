/**
 * The DaemonSet controller's pure parts, on the upstream rules (pkg/controller/daemon): where a
 * daemon runs (NodeShouldRunDaemonPod: node name, nodeSelector, required node affinity, taints),
 * what its Pods look like (CreatePodTemplate, ReplaceDaemonSetPodNodeNameNodeAffinity), and which
 * Pods a RollingUpdate replaces on a multi-node cluster (by maxUnavailable, or maxSurge).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { daemonPodTemplate, isPodUpdated, nodeShouldRunDaemonPod, targetNodeName } from '../../../src/sandbox/controllers/daemonset/node-placement.js';
import { rollingUpdateDeletions, scaledValue, type NodePods } from '../../../src/sandbox/controllers/daemonset/rolling-update.js';

const node = (name: string, extra: { labels?: Record<string, string>; taints?: KubeObject[] } = {}): KubeObject => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...extra.labels } },
  spec: extra.taints ? { taints: extra.taints } : {},
});
const ds = (spec: KubeObject = {}, rolling: KubeObject = { maxUnavailable: 1, maxSurge: 0 }): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default', uid: 'u1' },
  spec: { selector: { matchLabels: { app: 'agent' } }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: rolling }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'nginx' }], ...spec } } },
});

describe('NodeShouldRunDaemonPod', () => {
  it('runs everywhere by default, and only where nodeSelector and the required affinity match', () => {
    expect(nodeShouldRunDaemonPod(node('a'), ds())).toEqual({ shouldRun: true, shouldContinueRunning: true });
    expect(nodeShouldRunDaemonPod(node('a'), ds({ nodeSelector: { disk: 'ssd' } })).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(node('a', { labels: { disk: 'ssd' } }), ds({ nodeSelector: { disk: 'ssd' } })).shouldRun).toBe(true);
    const affinity = (terms: KubeObject[]) => ds({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
    // Terms are ORed; an empty term matches nothing; Gt compares integers.
    const terms = [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['x'] }] }, { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }];
    expect(nodeShouldRunDaemonPod(node('a', { labels: { zone: 'x' } }), affinity(terms)).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node('a', { labels: { cores: '8' } }), affinity(terms)).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node('a', { labels: { cores: '2' } }), affinity(terms)).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(node('a'), affinity([{}])).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(node('b'), affinity([{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['a'] }] }])).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node('b'), ds({ nodeName: 'a' }))).toEqual({ shouldRun: false, shouldContinueRunning: false });
  });

  it('taints: NoSchedule keeps a new daemon out but lets a running one stay, NoExecute evicts, tolerations and the daemon defaults let it in', () => {
    const noSchedule = node('a', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
    const noExecute = node('a', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] });
    expect(nodeShouldRunDaemonPod(noSchedule, ds())).toEqual({ shouldRun: false, shouldContinueRunning: true });
    expect(nodeShouldRunDaemonPod(noExecute, ds())).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeShouldRunDaemonPod(noExecute, ds({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db' }] })).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(noExecute, ds({ tolerations: [{ operator: 'Exists' }] })).shouldRun).toBe(true);
    // The controller's own tolerations: a cordoned or not-ready node still runs its daemons.
    expect(nodeShouldRunDaemonPod(node('a', { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), ds()).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node('a', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }), ds()).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node('a', { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] }), ds()).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(node('a', { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] }), ds({ hostNetwork: true })).shouldRun).toBe(true);
  });
});

describe('a daemon Pod’s template', () => {
  it('adds the revision labels and the daemon tolerations, and replaces only the required node affinity', () => {
    const template = daemonPodTemplate(
      ds({
        tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }, { operator: 'Exists' }],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['x'] }] }] }, preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: {} }] }, podAntiAffinity: { x: 1 } },
      }),
      'abc123',
      3,
      'node-2',
    );
    expect(template.metadata.labels).toEqual({ app: 'agent', 'pod-template-generation': '3', 'controller-revision-hash': 'abc123' });
    expect(template.spec.tolerations.map((t: KubeObject) => t.key ?? '*')).toEqual([
      'node.kubernetes.io/not-ready',
      '*',
      'node.kubernetes.io/unreachable',
      'node.kubernetes.io/disk-pressure',
      'node.kubernetes.io/memory-pressure',
      'node.kubernetes.io/pid-pressure',
      'node.kubernetes.io/unschedulable',
    ]);
    expect(template.spec.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: {} }],
      },
      podAntiAffinity: { x: 1 },
    });
    const pod = { metadata: { labels: template.metadata.labels }, spec: template.spec };
    expect(targetNodeName(pod)).toBe('node-2');
    expect(isPodUpdated(pod, 'abc123', 9)).toBe(true);
    expect(isPodUpdated(pod, 'other', 3)).toBe(true);
    expect(isPodUpdated(pod, 'other', 4)).toBe(false);
  });
});

describe('RollingUpdate', () => {
  const pod = (name: string, updated: boolean, available = true): KubeObject => ({ metadata: { name, labels: { v: updated ? 'new' : 'old' } }, available });
  const judge = { isUpdated: (p: KubeObject) => p.metadata.labels.v === 'new', isAvailable: (p: KubeObject) => p.available === true };
  const on = (nodes: KubeObject[][]): NodePods[] => nodes.map((pods, i) => ({ node: `n${i}`, shouldRun: true, pods }));

  it('rounds percentages up, as GetScaledValueFromIntOrPercent does for these fields', () => {
    expect(scaledValue('10%', 3)).toBe(1);
    expect(scaledValue('50%', 5)).toBe(3);
    expect(scaledValue(2, 5)).toBe(2);
  });

  it('without surge: deletes old Pods while at most maxUnavailable nodes lack an available one', () => {
    const nodes = on([[pod('a', false)], [pod('b', false)], [pod('c', false)], [pod('d', false)]]);
    expect(rollingUpdateDeletions(ds(), nodes, judge).remove.map((p) => p.metadata.name)).toEqual(['a']);
    expect(rollingUpdateDeletions(ds({}, { maxUnavailable: '50%', maxSurge: 0 }), nodes, judge).remove.map((p) => p.metadata.name)).toEqual(['a', 'b']);
    // A new Pod still starting uses the budget; an old Pod that is unavailable anyway is replaced regardless.
    const busy = on([[pod('a2', true, false)], [pod('b', false, false)], [pod('c', false)], []]);
    expect(rollingUpdateDeletions(ds(), busy, judge)).toEqual({ remove: [busy[1]!.pods[0]], create: [] });
  });

  it('with surge: starts new Pods beside old ones, then deletes each old one once its node’s new one is available', () => {
    const rolling = { maxUnavailable: 0, maxSurge: 1 };
    const start = on([[pod('a', false)], [pod('b', false)]]);
    expect(rollingUpdateDeletions(ds({}, rolling), start, judge)).toEqual({ remove: [], create: ['n0'] });
    const starting = on([[pod('a', false), pod('a2', true, false)], [pod('b', false)]]);
    expect(rollingUpdateDeletions(ds({}, rolling), starting, judge)).toEqual({ remove: [], create: [] });
    const ready = on([[pod('a', false), pod('a2', true)], [pod('b', false)]]);
    expect(rollingUpdateDeletions(ds({}, rolling), ready, judge)).toEqual({ remove: [ready[0]!.pods[0]], create: ['n1'] });
  });
});
