/**
 * The patch meta table: the struct tags it copies from k8s.io/api, and how kinds share it.
 */
import { describe, expect, it } from 'vitest';
import { isSupportedPatchType } from '../../../src/sandbox/patch/index.js';
import { type FieldMeta, type StructMeta, fieldMeta, patchMetaFor, strategyOf } from '../../../src/sandbox/patch/patch-meta.js';

/** The meta at a dotted path of fields, each step entering the struct the previous one holds. */
function metaAt(kind: string, path: string): FieldMeta {
  let struct: StructMeta | undefined = patchMetaFor(kind);
  let meta: FieldMeta = {};
  for (const field of path.split('.')) {
    meta = fieldMeta(struct, field);
    struct = meta.of;
  }
  return { strategy: meta.strategy, mergeKey: meta.mergeKey };
}

describe('the struct tags of k8s.io/api v0.32', () => {
  it.each([
    ['Pod', 'metadata.finalizers', 'merge', undefined],
    ['Pod', 'metadata.ownerReferences', 'merge', 'uid'],
    ['Pod', 'spec.containers', 'merge', 'name'],
    ['Pod', 'spec.initContainers', 'merge', 'name'],
    ['Pod', 'spec.ephemeralContainers', 'merge', 'name'],
    ['Pod', 'spec.volumes', 'merge,retainKeys', 'name'],
    ['Pod', 'spec.imagePullSecrets', 'merge', 'name'],
    ['Pod', 'spec.hostAliases', 'merge', 'ip'],
    ['Pod', 'spec.topologySpreadConstraints', 'merge', 'topologyKey'],
    ['Pod', 'spec.containers.ports', 'merge', 'containerPort'],
    ['Pod', 'spec.containers.env', 'merge', 'name'],
    ['Pod', 'spec.containers.volumeMounts', 'merge', 'mountPath'],
    ['Pod', 'spec.containers.volumeDevices', 'merge', 'devicePath'],
    ['Pod', 'spec.containers.resizePolicy', undefined, undefined],
    ['Pod', 'spec.tolerations', undefined, undefined],
    ['Pod', 'status.conditions', 'merge', 'type'],
    ['Pod', 'status.podIPs', 'merge', 'ip'],
    ['Deployment', 'spec.strategy', 'retainKeys', undefined],
    ['Deployment', 'status.conditions', 'merge', 'type'],
    ['ReplicaSet', 'status.conditions', 'merge', 'type'],
    ['Service', 'spec.ports', 'merge', 'port'],
    ['Node', 'status.addresses', 'merge', 'type'],
    ['Node', 'status.conditions', 'merge', 'type'],
    ['Node', 'spec.podCIDRs', 'merge', undefined],
    ['ServiceAccount', 'secrets', 'merge', 'name'],
    ['PodDisruptionBudget', 'spec.selector', 'replace', undefined],
    ['CronJob', 'spec.jobTemplate.spec.template.spec.containers', 'merge', 'name'],
  ])('%s %s', (kind, path, strategy, mergeKey) => {
    expect(metaAt(kind, path)).toEqual({ strategy, mergeKey });
  });
});

describe('kinds', () => {
  it('the pod template of every workload reuses the Pod spec meta', () => {
    const podSpec = fieldMeta(patchMetaFor('Pod'), 'spec').of;
    const templateSpec = (kind: string, ...path: string[]) =>
      [...path, 'template', 'spec'].reduce<StructMeta | undefined>((struct, field) => fieldMeta(struct, field).of, patchMetaFor(kind));
    for (const kind of ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']) {
      expect(templateSpec(kind, 'spec')).toBe(podSpec);
    }
    expect(templateSpec('PodTemplate')).toBe(podSpec);
    expect(templateSpec('CronJob', 'spec', 'jobTemplate', 'spec')).toBe(podSpec);
  });

  it('kinds without tagged fields besides metadata still have meta', () => {
    for (const kind of ['ConfigMap', 'Secret', 'Namespace', 'Scale', 'Ingress', 'Role']) {
      expect(metaAt(kind, 'metadata.finalizers')).toEqual({ strategy: 'merge', mergeKey: undefined });
    }
  });

  it('custom resources, and names inherited from Object, have none', () => {
    expect(patchMetaFor('Widget')).toBeUndefined();
    expect(patchMetaFor('constructor')).toBeUndefined();
    expect(patchMetaFor('__proto__')).toBeUndefined();
  });

  it('the list strategy leaves retainKeys aside', () => {
    expect(strategyOf({ strategy: 'merge,retainKeys' })).toBe('merge');
    expect(strategyOf({ strategy: 'retainKeys' })).toBe('');
    expect(strategyOf({ strategy: 'replace' })).toBe('replace');
    expect(strategyOf({})).toBe('');
  });
});

describe('isSupportedPatchType', () => {
  it.each([
    ['application/strategic-merge-patch+json', 'Deployment', true],
    ['application/strategic-merge-patch+json; charset=utf-8', 'Service', true],
    ['application/strategic-merge-patch+json', 'Widget', false],
    ['application/merge-patch+json', 'Widget', true],
    ['application/json-patch+json', 'Pod', true],
    ['application/apply-patch+yaml', 'Deployment', false],
    ['application/json', 'Deployment', false],
  ])('%s for %s: %s', (contentType, kind, supported) => {
    expect(isSupportedPatchType(contentType, kind)).toBe(supported);
  });
});
