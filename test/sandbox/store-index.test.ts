/**
 * The store's namespace index and cached key orders: every list answers exactly what a scan and sort
 * of the whole type answers, through creates, updates, deletes and a load.
 */
import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../../src/sandbox/store/object-store.js';
import { findType } from '../../src/sandbox/api/resources.js';
import type { KubeObject } from '../../src/sandbox/api/status.js';

const CONFIGMAPS = findType('', 'configmaps')!;
const NAMESPACES = findType('', 'namespaces')!;

/** A small deterministic generator (the test must fail the same way every time). */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/** What list() answered before the index: every object of the type, filtered, in key order. */
function reference(objects: Map<string, KubeObject>, namespace?: string): string[] {
  return [...objects.entries()]
    .filter(([, o]) => !namespace || o.metadata.namespace === namespace)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, o]) => `${o.metadata.namespace}/${o.metadata.name}@${o.metadata.resourceVersion}`);
}

const listed = (store: ObjectStore, namespace?: string, labelSelector?: string) =>
  store.list(CONFIGMAPS, { namespace, labelSelector }).items.map((o) => `${o.metadata.namespace}/${o.metadata.name}@${o.metadata.resourceVersion}`);

describe('ObjectStore index', () => {
  it('lists each namespace and all of them in key order through random creates, updates and deletes', () => {
    const store = new ObjectStore();
    const live = new Map<string, KubeObject>();
    const next = random(7);
    // Names that sort differently by byte than by length or case: 'a' < 'a-1' < 'a.b' < 'aa' < 'b' < 'B'? ('B' < 'a').
    const names = ['a', 'aa', 'a-1', 'a.b', 'b', 'B', 'z9', 'web-7d9c5b-x2k4p', 'web-7d9c5b-bcdfg', '0'];
    const namespaces = ['default', 'kubedojo-learner-01', 'kubedojo-learner-02', 'kubedojo-learner-10', 'kube-system'];
    for (let step = 0; step < 3000; step++) {
      const namespace = namespaces[Math.floor(next() * namespaces.length)]!;
      const name = names[Math.floor(next() * names.length)]!;
      const key = `${namespace}/${name}`;
      const existing = live.get(key);
      const roll = next();
      if (!existing) live.set(key, store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels: { tier: roll < 0.5 ? 'web' : 'db' } } }));
      else if (roll < 0.5) live.set(key, store.update(CONFIGMAPS, { ...existing, data: { step: String(step) } }));
      else {
        store.remove(CONFIGMAPS, namespace, name);
        live.delete(key);
      }
      // Lists between writes, so cached orders are read and must be dropped at the right moments.
      if (step % 7 === 0) expect(listed(store, namespace), `step ${step}`).toEqual(reference(live, namespace));
      if (step % 11 === 0) expect(listed(store), `step ${step}`).toEqual(reference(live));
    }
    for (const namespace of [...namespaces, 'empty']) expect(listed(store, namespace)).toEqual(reference(live, namespace));
    expect(listed(store)).toEqual(reference(live));
    // Selectors still filter the namespace's objects.
    const web = [...live.values()].filter((o) => o.metadata.namespace === 'default' && o.metadata.labels.tier === 'web');
    expect(listed(store, 'default', 'tier=web')).toEqual(reference(new Map(web.map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o])), 'default'));
  });

  it('hands out a new array each time: a caller sorting its list changes nothing for the next one', () => {
    const store = new ObjectStore();
    for (const name of ['c', 'a', 'b']) store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
    store.list(CONFIGMAPS, { namespace: 'default' }).items.reverse();
    store.list(CONFIGMAPS).items.splice(0, 3);
    expect(store.list(CONFIGMAPS, { namespace: 'default' }).items.map((o) => o.metadata.name)).toEqual(['a', 'b', 'c']);
    expect(store.list(CONFIGMAPS).items.map((o) => o.metadata.name)).toEqual(['a', 'b', 'c']);
  });

  it('lists the newest version of an updated object, and a cluster-scoped type whatever namespace is asked', () => {
    const store = new ObjectStore();
    const a = store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } });
    store.list(CONFIGMAPS, { namespace: 'default' });
    const updated = store.update(CONFIGMAPS, { ...a, data: { x: '1' } });
    expect(store.list(CONFIGMAPS, { namespace: 'default' }).items).toEqual([updated]);
    for (const name of ['b', 'a']) store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, namespace: 'ignored' } });
    expect(store.list(NAMESPACES, { namespace: 'default' }).items.map((o) => o.metadata.name)).toEqual(['a', 'b']);
  });

  it('indexes what load() restores', () => {
    const source = new ObjectStore();
    for (const [namespace, name] of [['b', 'x'], ['a', 'y'], ['a', 'x']] as const) source.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace } });
    const store = new ObjectStore();
    store.load(source.dump());
    expect(listed(store, 'a')).toEqual(listed(source, 'a'));
    expect(listed(store)).toEqual(['a/x@4', 'a/y@3', 'b/x@2']);
    store.remove(CONFIGMAPS, 'a', 'x');
    expect(listed(store, 'a')).toEqual(['a/y@3']);
    expect(listed(store)).toEqual(['a/y@3', 'b/x@2']);
  });
});
