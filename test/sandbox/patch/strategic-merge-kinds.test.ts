/**
 * Strategic merge patch on the built-in kinds, through the entry point: how the patch meta of each
 * kind shapes the merge, and the exact Status kube-apiserver refuses a malformed patch with.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { STRATEGIC_MERGE_PATCH, applyPatch } from '../../../src/sandbox/patch/index.js';
import { failureOf, unknownFailure } from './failure.js';
import { deployment } from './fixtures.js';

const smp = (object: KubeObject, body: unknown, kind = object.kind as string): KubeObject =>
  applyPatch(STRATEGIC_MERGE_PATCH, object, body, kind);

/** Status fields beyond message, as errors.NewBadRequest builds them. */
const badRequest = (message: string): KubeObject => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason: 'BadRequest',
  code: 400,
});

const pod = (spec: KubeObject, metadata: KubeObject = { name: 'p' }): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata,
  spec,
});

describe('the patch meta of each kind drives the merge', () => {
  it('metadata.finalizers merge as a set, in the order of the patch', () => {
    const original = pod({}, { name: 'p', finalizers: ['a'] });
    expect(smp(original, { metadata: { finalizers: ['b', 'a'] } })).toEqual(pod({}, { name: 'p', finalizers: ['b', 'a'] }));
  });

  it('metadata.ownerReferences merge by uid', () => {
    const ref = (uid: string, name: string) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid });
    const original = pod({}, { name: 'p', ownerReferences: [ref('u1', 'a')] });
    expect(smp(original, { metadata: { ownerReferences: [{ uid: 'u1', controller: true }] } })).toEqual(
      pod({}, { name: 'p', ownerReferences: [{ ...ref('u1', 'a'), controller: true }] }),
    );
  });

  it('a new container port lands before the existing ones when nothing orders it', () => {
    const original = pod({ containers: [{ name: 'c', ports: [{ containerPort: 80, protocol: 'TCP' }] }] });
    expect(smp(original, { spec: { containers: [{ name: 'c', ports: [{ containerPort: 443 }] }] } })).toEqual(
      pod({ containers: [{ name: 'c', ports: [{ containerPort: 443 }, { containerPort: 80, protocol: 'TCP' }] }] }),
    );
  });

  it('tolerations carry no strategy: the patch list replaces the whole list', () => {
    const original = pod({ tolerations: [{ key: 'a', operator: 'Exists' }] });
    expect(smp(original, { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } })).toEqual(
      pod({ tolerations: [{ key: 'b', operator: 'Exists' }] }),
    );
  });

  it('a Job merges the containers of its pod template by name, like a Pod', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', spec: { template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } } };
    expect(smp(job, { spec: { template: { spec: { containers: [{ name: 'b', image: 'z' }] } } } })).toEqual({
      ...job,
      spec: { template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'z' }] } } },
    });
  });

  it('a PodDisruptionBudget selector is replaced, not merged label by label', () => {
    const pdb = { kind: 'PodDisruptionBudget', spec: { selector: { matchLabels: { app: 'web', tier: 'a' } } } };
    expect(smp(pdb, { spec: { selector: { matchLabels: { app: 'api' } } } })).toEqual({
      kind: 'PodDisruptionBudget',
      spec: { selector: { matchLabels: { app: 'api' } } },
    });
  });

  it('a volume switched to another source through $retainKeys loses the old source', () => {
    const withVolume = (volume: KubeObject) => pod({ volumes: [volume, { name: 'tmp', emptyDir: {} }] });
    const body = { spec: { volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'cfg' }, name: 'data' }] } };
    expect(smp(withVolume({ name: 'data', emptyDir: {} }), body)).toEqual(
      withVolume({ name: 'data', configMap: { name: 'cfg' } }),
    );
  });

  it('$patch: replace on a list makes the other elements the whole list', () => {
    const original = pod({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] });
    expect(smp(original, { spec: { containers: [{ $patch: 'replace' }, { name: 'c', image: 'z' }] } })).toEqual(
      pod({ containers: [{ name: 'c', image: 'z' }] }),
    );
  });

  it('$patch: delete on a map empties it', () => {
    expect(smp(deployment, { spec: { strategy: { $patch: 'delete' } } })).toEqual({
      ...deployment,
      spec: { ...deployment.spec, strategy: {} },
    });
  });

  it('nulls inside a value the object lacks are dropped', () => {
    expect(smp(deployment, { spec: { template: { metadata: { annotations: { a: '1', b: null } } } } })).toEqual({
      ...deployment,
      spec: {
        ...deployment.spec,
        template: { ...deployment.spec.template, metadata: { ...deployment.spec.template.metadata, annotations: { a: '1' } } },
      },
    });
  });

  it('a null body changes nothing', () => {
    expect(smp(deployment, null)).toEqual(deployment);
  });

  it('accepts a Content-Type with parameters', () => {
    expect(applyPatch(`${STRATEGIC_MERGE_PATCH}; charset=utf-8`, deployment, { spec: { paused: true } }, 'Deployment')).toEqual({
      ...deployment,
      spec: { ...deployment.spec, paused: true },
    });
  });
});

describe("Go's ordering when an item is missing from the order it sorts by", () => {
  // With an empty $setElementOrder, the merged items are sorted by the live list with a less()
  // that answers true for any pair involving a new item: the outcome is whatever Go's
  // sort.SliceStable (insertion sort in blocks of 20, then SymMerge) makes of it.
  const finalizers = (names: string[]) => pod({}, { name: 'p', finalizers: names });
  const named = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  const addWithEmptyOrder = (live: string[], added: string[]) =>
    smp(finalizers(live), { metadata: { '$setElementOrder/finalizers': [], finalizers: added } });

  it('new items come after the live ones, reversed', () => {
    expect(addWithEmptyOrder(named('f', 5), named('n', 3))).toEqual(finalizers([...named('f', 5), 'n2', 'n1', 'n0']));
  });

  it('the same across insertion-sort blocks', () => {
    expect(addWithEmptyOrder(named('f', 30), named('n', 15))).toEqual(finalizers([...named('f', 30), ...named('n', 15).reverse()]));
  });
});

describe('malformed strategic merge patches fail like kube-apiserver', () => {
  const containers = (list: unknown[]) => ({ spec: { template: { spec: { containers: list } } } });

  it('a merge list element without its merge key: 500, kubectl prints "Error from server: map: ..."', () => {
    expect(failureOf(() => smp(deployment, containers([{ image: 'nginx:1.27' }])))).toEqual(
      unknownFailure('map: map[image:nginx:1.27] does not contain declared merge key: name'),
    );
  });

  it('an unknown $patch in a map', () => {
    expect(failureOf(() => smp(deployment, { spec: { strategy: { $patch: 'remove' } } }))).toEqual(
      unknownFailure('unknown patch type: remove in map: map[$patch:remove]'),
    );
  });

  it('$patch: merge in a map is refused too', () => {
    expect(failureOf(() => smp(deployment, { spec: { strategy: { $patch: 'merge', type: 'Recreate' } } }))).toEqual(
      unknownFailure('unknown patch type: merge in map: map[$patch:merge type:Recreate]'),
    );
  });

  it('$patch: merge in a list', () => {
    expect(failureOf(() => smp(deployment, containers([{ $patch: 'merge', name: 'nginx' }])))).toEqual(
      unknownFailure('merging lists cannot yet be specified in the patch'),
    );
  });

  it('an unknown $patch in a list element', () => {
    expect(failureOf(() => smp(deployment, containers([{ $patch: 'foo', name: 'nginx' }])))).toEqual(
      unknownFailure('unknown patch type: foo in map: map[$patch:foo name:nginx]'),
    );
  });

  it('a body that is not an object: 400', () => {
    expect(failureOf(() => smp(deployment, [{ spec: {} }]))).toEqual(
      badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}'),
    );
    expect(failureOf(() => smp(deployment, 'spec'))).toEqual(
      badRequest('json: cannot unmarshal string into Go value of type map[string]interface {}'),
    );
  });

  it('$retainKeys that is not a list, or that omits a key the patch sets: 400', () => {
    expect(failureOf(() => smp(deployment, { spec: { strategy: { $retainKeys: 'type', type: 'Recreate' } } }))).toEqual(
      badRequest('invalid patch format of retainKeys'),
    );
    const setsMore = { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: { maxSurge: 1 } } } };
    expect(failureOf(() => smp(deployment, setsMore))).toEqual(badRequest('invalid patch format of retainKeys'));
  });

  it('directive keys without their /field: 400', () => {
    expect(failureOf(() => smp(deployment, { metadata: { $deleteFromPrimitiveList: ['x'] } }))).toEqual(
      badRequest('invalid patch format of primitive list'),
    );
    expect(failureOf(() => smp(deployment, { spec: { template: { spec: { $setElementOrderContainers: [] } } } }))).toEqual(
      badRequest('invalid patch format of setElementOrder list'),
    );
  });

  it('a $setElementOrder that is not a list', () => {
    const body = { spec: { template: { spec: { '$setElementOrder/containers': 'nginx' } } } };
    expect(failureOf(() => smp(deployment, body))).toEqual(unknownFailure('expected a []interface {}, but received a string'));
  });

  it('a list of lists merged into a list: 422 with the generic text', () => {
    expect(failureOf(() => smp(pod({}, { name: 'p', finalizers: [] }), { metadata: { finalizers: [['a']] } }))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      code: 422,
      details: {},
    });
  });

  it('list elements of another type than the live ones', () => {
    expect(failureOf(() => smp(pod({ containers: [{ name: 'a' }] }), { spec: { containers: ['a'] } }))).toEqual(
      unknownFailure('list element types are not identical: [[map[name:a]] [a]]'),
    );
  });

  it('a merge list starting with null makes the real handler panic', () => {
    expect(failureOf(() => smp(pod({}, { name: 'p', finalizers: [] }), { metadata: { finalizers: [null] } }))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'This request caused apiserver to panic. Look in the logs for details.',
      reason: 'InternalError',
      code: 500,
    });
  });
});

describe('patch types an endpoint does not consume: 415', () => {
  const unsupported = (accepted: string): KubeObject => ({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `the body of the request was in an unknown format - accepted media types include: ${accepted}`,
    reason: 'UnsupportedMediaType',
    code: 415,
  });
  const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1 } };

  it('strategic merge patch of a custom resource', () => {
    expect(failureOf(() => smp(widget, { spec: { size: 2 } }))).toEqual(
      unsupported('application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml'),
    );
  });

  it('an unknown patch Content-Type on a built-in kind', () => {
    expect(failureOf(() => applyPatch('application/json', deployment, {}, 'Deployment'))).toEqual(
      unsupported(
        'application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
      ),
    );
  });
});
