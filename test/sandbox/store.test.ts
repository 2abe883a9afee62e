/** The store's semantics: resourceVersions, optimistic concurrency, names, selectors, paging, watches. */
import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../../src/sandbox/store/object-store.js';
import { findType } from '../../src/sandbox/api/resources.js';
import { ApiError, type KubeObject } from '../../src/sandbox/api/status.js';

const CONFIGMAPS = findType('', 'configmaps')!;
const cm = (name: string, labels: Record<string, string> = {}, namespace = 'default') => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, labels },
});

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('ObjectStore', () => {
  it('assigns uid, creationTimestamp and increasing resourceVersions', () => {
    const store = new ObjectStore();
    const a = store.create(CONFIGMAPS, cm('a'));
    const b = store.create(CONFIGMAPS, cm('b'));
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(store.resourceVersion).toBe(b.metadata.resourceVersion);
  });

  it('generates names from generateName', () => {
    const store = new ObjectStore();
    const made = store.create(CONFIGMAPS, { metadata: { generateName: 'web-', namespace: 'default' } });
    expect(made.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('refuses duplicates (409 AlreadyExists) and stale updates (409 Conflict)', () => {
    const store = new ObjectStore();
    const a = store.create(CONFIGMAPS, cm('a'));
    expect(apiError(() => store.create(CONFIGMAPS, cm('a'))).toStatus()).toMatchObject({ code: 409, reason: 'AlreadyExists', message: 'configmaps "a" already exists' });
    store.update(CONFIGMAPS, { ...a, data: { x: '1' } });
    const stale = apiError(() => store.update(CONFIGMAPS, { ...a, data: { x: '2' } }));
    expect(stale.code).toBe(409);
    expect(stale.reason).toBe('Conflict');
  });

  it('lists by label and field selector, in name order, with limit and continue', () => {
    const store = new ObjectStore();
    for (const name of ['c', 'a', 'b', 'd']) store.create(CONFIGMAPS, cm(name, { tier: name === 'd' ? 'db' : 'web' }));
    store.create(CONFIGMAPS, cm('a', { tier: 'web' }, 'other'));
    const names = (r: { items: KubeObject[] }) => r.items.map((o) => o.metadata.name);
    expect(names(store.list(CONFIGMAPS, { namespace: 'default', labelSelector: 'tier=web' }))).toEqual(['a', 'b', 'c']);
    expect(names(store.list(CONFIGMAPS, { namespace: 'default', labelSelector: 'tier in (db),!missing' }))).toEqual(['d']);
    expect(names(store.list(CONFIGMAPS, { fieldSelector: 'metadata.namespace=other' }))).toEqual(['a']);
    const page = store.list(CONFIGMAPS, { namespace: 'default', limit: 2 });
    expect(names(page)).toEqual(['a', 'b']);
    expect(page.remainingItemCount).toBe(2);
    expect(names(store.list(CONFIGMAPS, { namespace: 'default', limit: 2, continue: page.continue }))).toEqual(['c', 'd']);
    expect(apiError(() => store.list(CONFIGMAPS, { continue: '%%%' })).code).toBe(400);
  });

  it('watches resume from a resourceVersion and answer 410 Gone beyond the history', () => {
    const store = new ObjectStore(3);
    const first = store.create(CONFIGMAPS, cm('a'));
    const seen: string[] = [];
    const stop = store.watch(CONFIGMAPS, { resourceVersion: first.metadata.resourceVersion }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    store.create(CONFIGMAPS, cm('b'));
    store.remove(CONFIGMAPS, 'default', 'a');
    stop();
    store.create(CONFIGMAPS, cm('c'));
    store.create(CONFIGMAPS, cm('d'));
    expect(seen).toEqual(['ADDED b', 'DELETED a']);
    const expired = apiError(() => store.watch(CONFIGMAPS, { resourceVersion: first.metadata.resourceVersion }, () => {}));
    expect(expired.code).toBe(410);
    expect(expired.reason).toBe('Expired');
    expect(expired.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });

  it('bounds the history by bytes as well as by count: big objects leave the window sooner (410 beyond it)', () => {
    // Room for 250 changes by count, but only about three 1 KB objects by bytes.
    const store = new ObjectStore(250, 3500);
    const big = (name: string) => ({ ...cm(name), data: { blob: 'x'.repeat(1000) } });
    const first = store.create(CONFIGMAPS, big('a'));
    for (const name of ['b', 'c', 'd', 'e']) store.create(CONFIGMAPS, big(name));
    expect(apiError(() => store.watch(CONFIGMAPS, { resourceVersion: first.metadata.resourceVersion }, () => {})).code).toBe(410);
    // A resume within the window still gets every change after it.
    const seen: string[] = [];
    const recent = store.peek(CONFIGMAPS, 'default', 'c')!.metadata.resourceVersion;
    store.watch(CONFIGMAPS, { resourceVersion: recent }, (e) => seen.push(e.object.metadata.name))();
    expect(seen).toEqual(['d', 'e']);
  });

  it('a filtered watch sees objects moving in and out of its selector as ADDED and DELETED', () => {
    const store = new ObjectStore();
    const seen: string[] = [];
    store.watch(CONFIGMAPS, { resourceVersion: store.resourceVersion, labelSelector: 'tier=web' }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    const a = store.create(CONFIGMAPS, cm('a', { tier: 'db' }));
    const moved = store.update(CONFIGMAPS, { ...a, metadata: { ...a.metadata, labels: { tier: 'web' } } });
    const changed = store.update(CONFIGMAPS, { ...moved, data: { x: '1' } });
    store.update(CONFIGMAPS, { ...changed, metadata: { ...changed.metadata, labels: {} } });
    expect(seen).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
  });

  it('a watch without resourceVersion starts with the current objects', () => {
    const store = new ObjectStore();
    store.create(CONFIGMAPS, cm('a'));
    const seen: string[] = [];
    store.watch(CONFIGMAPS, {}, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    expect(seen).toEqual(['ADDED a']);
  });
});
