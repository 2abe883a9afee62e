/**
 * The LimitRanger and ResourceQuota admission plugins on their own: defaults, each constraint's
 * message (plugin/pkg/admission/limitranger), what objects cost and checkRequest's refusals
 * (k8s.io/apiserver/pkg/admission/plugin/resourcequota, pkg/quota/v1/evaluator/core).
 */
import { describe, expect, it } from 'vitest';
import { findType } from '../../../src/sandbox/api/resources.js';
import { ApiError, type KubeObject } from '../../../src/sandbox/api/status.js';
import { applyLimitRangeDefaults, validateLimitRanges } from '../../../src/sandbox/admission/limit-ranger.js';
import { checkQuotas, quotaStatus, type QuotaContext } from '../../../src/sandbox/admission/resource-quota.js';

const PODS = findType('', 'pods')!;
const SERVICES = findType('', 'services')!;
const DEPLOYMENTS = findType('apps', 'deployments')!;

const pod = (name: string, containers: KubeObject[], extra: KubeObject = {}): KubeObject => ({ metadata: { name, namespace: 'ns' }, spec: { containers, ...extra }, status: { phase: 'Running' } });
const container = (name: string, resources: KubeObject = {}) => ({ name, image: 'nginx', resources });
const limitRange = (...limits: KubeObject[]) => ({ metadata: { name: 'limits', namespace: 'ns' }, spec: { limits } });

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError && error.code === 403) return error.message;
    throw error;
  }
  return 'allowed';
}

describe('LimitRanger', () => {
  it('fills what a container leaves out and annotates the Pod', () => {
    const p = pod('web', [container('app', { limits: { memory: '1Gi' } }), container('side')], { initContainers: [container('init')] });
    applyLimitRangeDefaults(p, [limitRange({ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } })]);
    expect(p.spec.containers[0].resources).toEqual({ limits: { memory: '1Gi', cpu: '500m' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(p.metadata.annotations['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container app; cpu limit for container app; cpu, memory request for container side; cpu, memory limit for container side; cpu, memory request for init container init; cpu, memory limit for init container init',
    );
  });

  it.each([
    [{ type: 'Container', max: { cpu: '1' } }, container('app', { limits: { cpu: '1500m' } }), 'maximum cpu usage per Container is 1, but limit is 1500m.'],
    [{ type: 'Container', max: { cpu: '1' } }, container('app', { requests: { cpu: '200m' } }), 'maximum cpu usage per Container is 1.  No limit is specified.'],
    [{ type: 'Container', min: { memory: '64Mi' } }, container('app', { requests: { memory: '32Mi' } }), 'minimum memory usage per Container is 64Mi, but request is 32Mi.'],
    [{ type: 'Container', min: { memory: '64Mi' } }, container('app'), 'minimum memory usage per Container is 64Mi.  No request is specified.'],
    [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }, container('app', { requests: { cpu: '100m' }, limits: { cpu: '400m' } }), 'cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000.'],
  ])('%j refuses %j', (item, c, message) => {
    expect(refusal(() => validateLimitRanges(pod('web', [c]), [limitRange(item)], 'web-7d9c5b-'))).toBe(`pods "web-7d9c5b-" is forbidden: ${message}`);
  });

  it('sums the containers for a Pod limit, and lists several failures in brackets', () => {
    const p = pod('web', [container('a', { limits: { cpu: '600m' }, requests: { cpu: '600m' } }), container('b', { limits: { cpu: '600m' }, requests: { cpu: '600m' } })]);
    expect(refusal(() => validateLimitRanges(p, [limitRange({ type: 'Pod', max: { cpu: '1', memory: '1Gi' } })], 'web'))).toBe(
      'pods "web" is forbidden: [maximum cpu usage per Pod is 1, but limit is 1200m., maximum memory usage per Pod is 1Gi.  No limit is specified.]',
    );
  });
});

describe('ResourceQuota', () => {
  const stored: Record<string, KubeObject[]> = {};
  const ctx: QuotaContext = { list: (type) => stored[type.plural] ?? [], now: () => Date.now(), speed: 1 };
  const quota = (hard: Record<string, string>, extra: KubeObject = {}) => ({ metadata: { name: 'learner', namespace: 'ns' }, spec: { hard, ...extra } });
  const sized = (name: string, cpu: string, memory: string) => pod(name, [container('app', { requests: { cpu, memory }, limits: { cpu, memory } })]);

  it('counts Pods and their requests, leaving out finished ones', () => {
    stored.pods = [sized('a', '250m', '128Mi'), sized('b', '250m', '128Mi'), { ...sized('done', '1', '1Gi'), status: { phase: 'Succeeded' } }];
    stored.deployments = [{ metadata: { name: 'web', namespace: 'ns' } }];
    expect(quotaStatus(quota({ pods: '4', 'count/pods': '10', 'requests.cpu': '2', 'limits.memory': '1Gi', 'count/deployments.apps': '1', services: '2' }), ctx)).toEqual({
      hard: { 'count/deployments.apps': '1', 'count/pods': '10', 'limits.memory': '1Gi', pods: '4', 'requests.cpu': '2', services: '2' },
      used: { 'count/deployments.apps': '1', 'count/pods': '3', 'limits.memory': '256Mi', pods: '2', 'requests.cpu': '500m', services: '0' },
    });
  });

  it('refuses what would pass a limit, naming only the exceeded resources', () => {
    stored.pods = [sized('a', '750m', '128Mi')];
    const q = quota({ pods: '4', 'requests.cpu': '1', 'requests.memory': '1Gi' });
    expect(refusal(() => checkQuotas(PODS, sized('b', '500m', '128Mi'), [q], 'web-5d8-', ctx))).toBe(
      'pods "web-5d8-" is forbidden: exceeded quota: learner, requested: requests.cpu=500m, used: requests.cpu=750m, limited: requests.cpu=1',
    );
    expect(refusal(() => checkQuotas(PODS, sized('b', '250m', '128Mi'), [q], 'b', ctx))).toBe('allowed');
  });

  it('requires every container to state what a compute quota tracks', () => {
    const p = pod('web', [container('app', { requests: { cpu: '100m' } }), container('side')]);
    expect(refusal(() => checkQuotas(PODS, p, [quota({ 'requests.cpu': '1', 'limits.memory': '1Gi' })], 'web', ctx))).toBe(
      'pods "web" is forbidden: failed quota: learner: must specify limits.memory for: app,side; requests.cpu for: side',
    );
  });

  it('counts Deployments by count/deployments.apps and Services with their node ports', () => {
    stored.deployments = [{ metadata: { name: 'a', namespace: 'ns' } }, { metadata: { name: 'b', namespace: 'ns' } }];
    expect(refusal(() => checkQuotas(DEPLOYMENTS, { metadata: { name: 'c' } }, [quota({ 'count/deployments.apps': '2' })], 'c', ctx))).toBe(
      'deployments.apps "c" is forbidden: exceeded quota: learner, requested: count/deployments.apps=1, used: count/deployments.apps=2, limited: count/deployments.apps=2',
    );
    stored.services = [];
    const nodePort = { metadata: { name: 'web' }, spec: { type: 'NodePort', ports: [{ port: 80 }, { port: 443 }] } };
    expect(refusal(() => checkQuotas(SERVICES, nodePort, [quota({ services: '5', 'services.nodeports': '1' })], 'web', ctx))).toBe(
      'services "web" is forbidden: exceeded quota: learner, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1',
    );
  });

  it('applies a BestEffort-scoped quota to BestEffort Pods only', () => {
    stored.pods = [pod('free', [container('app')])];
    const scoped = quota({ pods: '1' }, { scopes: ['BestEffort'] });
    expect(refusal(() => checkQuotas(PODS, pod('another', [container('app')]), [scoped], 'another', ctx))).toMatch(/exceeded quota: learner, requested: pods=1, used: pods=1, limited: pods=1$/);
    expect(refusal(() => checkQuotas(PODS, sized('sized', '100m', '64Mi'), [scoped], 'sized', ctx))).toBe('allowed');
  });
});
