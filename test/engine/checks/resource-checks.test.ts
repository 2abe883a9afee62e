import { describe, expect, it } from 'vitest';
import { createStaticView } from '../../../src/engine/checks/cluster-view.js';
import { evaluateCheck } from '../../../src/engine/checks/evaluate.js';
import { check, noContext } from './check-helpers.js';
import { deployment, pod, replicaSet } from './cluster-fixtures.js';

const nginx = deployment('nginx-depl', 'nginx');
const nginxRs = replicaSet(nginx, '6777bffb6f', 'nginx', { revision: 1 });
const mongo = deployment('mongo-depl', 'mongo', { ready: 0 });
const mongoRs = replicaSet(mongo, '558475c797', 'mongo', { revision: 1 });
const mongoPod = pod(mongoRs, 'hz5ng', { waiting: 'ContainerCreating' });
const cluster = createStaticView([nginx, nginxRs, pod(nginxRs, '7hmls', { ip: '10.244.0.5' }), mongo, mongoRs, mongoPod]);
const run = (input: unknown, view = cluster) => evaluateCheck(check(input), view, noContext);

describe('exists', () => {
  it('finds an object by kind/name, with kubectl aliases', () => {
    expect(run({ exists: 'deployment/nginx-depl' })).toEqual({ ok: true, message: 'deployment nginx-depl: exists' });
    expect(run({ exists: 'deploy/nginx-depl' })).toEqual({ ok: true, message: 'deployment nginx-depl: exists' });
    expect(run({ exists: 'deployment/web' })).toEqual({ ok: false, message: 'deployment web: not found, want it to exist' });
  });

  it('does not count an object being deleted', () => {
    const view = createStaticView([{ ...nginx, metadata: { ...nginx.metadata, deletionTimestamp: '2025-11-24T22:07:01Z' } }]);
    expect(run({ exists: 'deployment/nginx-depl' }, view)).toEqual({ ok: false, message: 'deployment nginx-depl: terminating, want it to exist' });
  });

  it('finds objects by selector, or any of a kind', () => {
    expect(run({ exists: { kind: 'pod', selector: 'app=mongo-depl' } })).toEqual({ ok: true, message: 'pods app=mongo-depl: 1 found' });
    expect(run({ exists: { kind: 'pod', selector: 'app=redis' } })).toEqual({ ok: false, message: 'pods app=redis: none found, want at least one' });
    expect(run({ exists: { kind: 'rs' } })).toEqual({ ok: true, message: 'replicasets: 2 found' });
    expect(run({ exists: { kind: 'service' } })).toEqual({ ok: false, message: 'services: none found, want at least one' });
  });
});

describe('gone', () => {
  it('passes once the object is absent', () => {
    expect(run({ gone: 'deployment/web' })).toEqual({ ok: true, message: 'deployment web: gone' });
    expect(run({ gone: 'deployment/mongo-depl' })).toEqual({ ok: false, message: 'deployment mongo-depl: still exists, want it gone' });
  });

  it('waits for terminating objects', () => {
    const view = createStaticView([pod(mongoRs, 'hz5ng', { terminating: true })]);
    expect(run({ gone: 'pod/mongo-depl-558475c797-hz5ng' }, view)).toEqual({
      ok: false,
      message: 'pod mongo-depl-558475c797-hz5ng: still terminating, want it gone',
    });
    expect(run({ gone: { kind: 'pod', selector: 'app=mongo-depl' } }, view)).toEqual({
      ok: false,
      message: 'pods app=mongo-depl: 1 left (mongo-depl-558475c797-hz5ng), want none',
    });
  });

  it('lists at most three names of what is left', () => {
    const view = createStaticView(['a', 'b', 'c', 'd', 'e'].map((suffix) => pod(mongoRs, suffix)));
    expect(run({ gone: { kind: 'pod', selector: 'app=mongo-depl' } }, view).message).toBe(
      'pods app=mongo-depl: 5 left (mongo-depl-558475c797-a, mongo-depl-558475c797-b, mongo-depl-558475c797-c and 2 more), want none',
    );
    expect(run({ gone: { kind: 'pod', selector: 'app=nginx-depl' } }, view)).toEqual({ ok: true, message: 'pods app=nginx-depl: none left' });
  });
});

describe('field', () => {
  const image = { field: 'deployment/nginx-depl', path: 'spec.template.spec.containers[name=nginx].image' };

  it('equals', () => {
    expect(run({ ...image, equals: 'nginx:1.25' })).toEqual({ ok: false, message: 'deployment nginx-depl: image is nginx, want nginx:1.25' });
    expect(run({ ...image, equals: 'nginx' })).toEqual({ ok: true, message: 'deployment nginx-depl: image is nginx' });
  });

  it('compares scalars as text and collections deeply', () => {
    const revision = { field: 'deployment/nginx-depl', path: 'metadata.annotations["deployment.kubernetes.io/revision"]' };
    expect(run({ ...revision, equals: 1 })).toEqual({ ok: true, message: 'deployment nginx-depl: deployment.kubernetes.io/revision is 1' });
    expect(run({ field: 'deployment/nginx-depl', path: 'spec.selector.matchLabels', equals: { app: 'nginx-depl' } }).ok).toBe(true);
    expect(run({ field: 'deployment/nginx-depl', path: 'spec.selector.matchLabels', equals: { app: 'web' } })).toEqual({
      ok: false,
      message: 'deployment nginx-depl: matchLabels is {"app":"nginx-depl"}, want {"app":"web"}',
    });
  });

  it('contains: text, list item, mapping key', () => {
    expect(run({ ...image, contains: '1.25' })).toEqual({ ok: false, message: 'deployment nginx-depl: image is nginx, want it to contain 1.25' });
    expect(run({ field: 'deployment/nginx-depl', path: 'metadata.labels', contains: 'app' }).ok).toBe(true);
    expect(run({ field: 'deployment/nginx-depl', path: 'spec.template.spec.containers[0].ports', contains: 80 })).toEqual({
      ok: false,
      message: 'deployment nginx-depl: spec.template.spec.containers[0].ports is not set, want it to contain 80',
    });
  });

  it('matches a regular expression', () => {
    expect(run({ ...image, matches: '^nginx:1\\.2\\d$' })).toEqual({
      ok: false,
      message: 'deployment nginx-depl: image is nginx, want it to match ^nginx:1\\.2\\d$',
    });
    expect(run({ ...image, matches: '^nginx' }).ok).toBe(true);
  });

  it('atLeast compares numbers', () => {
    const available = { field: 'deployment/nginx-depl', path: 'status.availableReplicas' };
    expect(run({ ...available, atLeast: 1 })).toEqual({ ok: true, message: 'deployment nginx-depl: availableReplicas is 1' });
    expect(run({ ...available, atLeast: 2 })).toEqual({ ok: false, message: 'deployment nginx-depl: availableReplicas is 1, want at least 2' });
    expect(run({ ...image, atLeast: 2 })).toEqual({ ok: false, message: 'deployment nginx-depl: image is nginx, want at least 2' });
  });

  it('says when the object or the field is missing', () => {
    expect(run({ field: 'deployment/web', path: 'spec.replicas', equals: 2 })).toEqual({ ok: false, message: 'deployment web: not found' });
    expect(run({ field: 'deployment/nginx-depl', path: 'spec.template.spec.containers[name=redis].image', equals: 'redis' })).toEqual({
      ok: false,
      message: 'deployment nginx-depl: spec.template.spec.containers[name=redis].image is not set, want redis',
    });
  });
});
