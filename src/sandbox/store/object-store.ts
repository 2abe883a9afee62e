/**
 * The sandbox's etcd: every object of every type, one global resourceVersion counter, and a bounded
 * history of changes so a watch can resume from a resourceVersion (or get 410 Gone when it is too old,
 * as the apiserver's watch cache answers).
 *
 * The store takes ownership of the objects handed in (the registry gives it fresh ones from
 * admission); objects handed out must be treated as read-only (callers that want to change one
 * clone it first). No copying on the hot path keeps a 1,000-Pod rollout cheap.
 */
import { randomUUID } from 'node:crypto';
import { alreadyExists, badRequest, gone, notFound, staleUpdate, type KubeObject } from '../api/status.js';
import { typeKey, type ResourceType } from '../api/resources.js';
import { parseFieldSelector, parseLabelSelector, type FieldSelector, type LabelSelector } from './selectors.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  typeKey: string;
  object: KubeObject;
  /** The object before this change (MODIFIED, DELETED), so a filtered watch can tell moves in and out. */
  previous?: KubeObject;
  resourceVersion: number;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Resume after this resourceVersion; undefined or "0" starts with synthetic ADDED events. */
  resourceVersion?: string;
}

/** Every stored object with its type key, and the revision counter: what persistence.ts saves. */
export interface StoreDump {
  revision: number;
  objects: { type: string; object: KubeObject }[];
}

export type WatchListener = (event: { type: WatchEventType; object: KubeObject }) => void;

/**
 * How many changes of one type a watch can resume across: the apiserver's watch cache keeps a
 * bounded window per resource too, and clients relist on 410. Per type, so a busy Endpoints object
 * (1,000 addresses, rewritten on every readiness change) cannot pin hundreds of megabytes.
 */
const DEFAULT_HISTORY_PER_TYPE = 250;

/**
 * The same window's bound in bytes (the objects' JSON size): a count alone let big objects pin
 * memory - 250 versions of a 1,000-address Endpoints are 25 MB (issue #7). At least the newest
 * change is always kept. 2 MiB: on the heap an Endpoints or EndpointSlice costs ~2.5× its JSON
 * (a heap snapshot of a 500-replica rollout: ~10 MB per type at 4 MiB), and 2 MiB still holds ~30
 * versions of a 500-address one (upstream's watch cache holds 100 events per type).
 */
const DEFAULT_HISTORY_BYTES_PER_TYPE = 2 * 1024 * 1024;

/** One type's window of recent changes, oldest first from `head`. */
interface History {
  events: StoreEvent[];
  sizes: number[];
  head: number;
  bytes: number;
  /** Whether any change was dropped: then a resume from before the window gets 410 Gone. */
  truncated: boolean;
}

interface Watcher {
  typeKey: string;
  namespace?: string;
  label: LabelSelector;
  field: FieldSelector;
  listener: WatchListener;
}

const objectKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

/** The apiserver lists in key order: keys compared as strings (UTF-16 code units, like Go's bytes for ASCII names). */
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The slot of a whole type's key order, beside its namespaces'. */
const ALL = Symbol('all namespaces');

/**
 * One type's objects by key, with an index by namespace and the key order each list needs, so a
 * namespaced list or watch reads only its namespace's objects (a room's 40 namespaces made every
 * learner's `get pods` scan and sort every Pod of the room). The orders are kept until a key is
 * added or removed in their namespace; an update replaces an object under the same key.
 */
class Bucket {
  readonly objects = new Map<string, KubeObject>();
  private readonly namespaces = new Map<string, Map<string, KubeObject>>();
  /** Sorted keys of the whole type (under ALL) and of each namespace that was listed. */
  private readonly orders = new Map<string | typeof ALL, string[]>();

  get(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  has(key: string): boolean {
    return this.objects.has(key);
  }

  set(key: string, object: KubeObject): void {
    const namespace = object.metadata?.namespace ?? '';
    let members = this.namespaces.get(namespace);
    if (!members) this.namespaces.set(namespace, (members = new Map()));
    if (!this.objects.has(key)) {
      this.orders.delete(ALL);
      this.orders.delete(namespace);
    }
    this.objects.set(key, object);
    members.set(key, object);
  }

  delete(key: string): void {
    const object = this.objects.get(key);
    if (!object) return;
    const namespace = object.metadata?.namespace ?? '';
    this.objects.delete(key);
    const members = this.namespaces.get(namespace);
    members?.delete(key);
    if (members?.size === 0) this.namespaces.delete(namespace);
    this.orders.delete(ALL);
    this.orders.delete(namespace);
  }

  /** The objects of one namespace (or all), in key order, as a new array. */
  sorted(namespace: string | undefined): KubeObject[] {
    const members = namespace === undefined ? this.objects : this.namespaces.get(namespace);
    if (!members) return [];
    const slot = namespace ?? ALL;
    let keys = this.orders.get(slot);
    if (!keys) this.orders.set(slot, (keys = [...members.keys()].sort(byKey)));
    return keys.map((key) => members.get(key)!);
  }

  values(): IterableIterator<KubeObject> {
    return this.objects.values();
  }
}

export class ObjectStore {
  private revision = 1;
  private readonly buckets = new Map<string, Bucket>();
  private readonly histories = new Map<string, History>();
  private readonly watchers = new Set<Watcher>();
  /** In-process subscribers (controllers) see every change of every type. */
  private readonly subscribers = new Set<(event: StoreEvent) => void>();

  constructor(
    private readonly historySize = DEFAULT_HISTORY_PER_TYPE,
    private readonly historyBytes = DEFAULT_HISTORY_BYTES_PER_TYPE,
  ) {}

  get resourceVersion(): string {
    return String(this.revision);
  }

  private bucket(type: ResourceType): Bucket {
    const key = typeKey(type);
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new Bucket()));
    return bucket;
  }

  /** The stored object, read-only, or undefined. */
  peek(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.bucket(type).get(objectKey(type.namespaced ? namespace : undefined, name));
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const object = this.peek(type, namespace, name);
    if (!object) throw notFound(type.plural, type.group, name);
    return object;
  }

  /** Read-only objects of a type, in name order (the apiserver lists in key order). */
  list(type: ResourceType, options: ListOptions = {}): ListResult {
    const label = parseLabelSelector(options.labelSelector);
    const field = parseFieldSelector(options.fieldSelector);
    const all = this.bucket(type).sorted(options.namespace && type.namespaced ? options.namespace : undefined);
    let matching = all.filter((o) => label(o.metadata.labels) && field(o));
    const resourceVersion = this.resourceVersion;
    if (options.continue) {
      const after = decodeContinue(options.continue);
      matching = matching.filter((o) => objectKey(o.metadata.namespace, o.metadata.name) > after);
    }
    if (options.limit && options.limit > 0 && matching.length > options.limit) {
      const page = matching.slice(0, options.limit);
      const last = page[page.length - 1]!;
      return {
        items: page,
        resourceVersion,
        continue: encodeContinue(objectKey(last.metadata.namespace, last.metadata.name), resourceVersion),
        remainingItemCount: matching.length - options.limit,
      };
    }
    return { items: matching, resourceVersion };
  }

  /** Stores a new object: assigns uid, resourceVersion, creationTimestamp and a generated name. */
  create(type: ResourceType, input: KubeObject): KubeObject {
    // Metadata is the store's to write: a shallow copy keeps the caller's untouched.
    const meta = { ...(input.metadata ?? {}) };
    const object = { ...input, metadata: meta };
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    const key = objectKey(type.namespaced ? meta.namespace : undefined, meta.name);
    const bucket = this.bucket(type);
    if (bucket.has(key)) throw alreadyExists(type.plural, type.group, meta.name);
    if (!type.namespaced) delete meta.namespace;
    meta.uid = randomUUID();
    meta.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    meta.resourceVersion = String(++this.revision);
    bucket.set(key, object);
    this.emit({ type: 'ADDED', typeKey: typeKey(type), object, resourceVersion: this.revision });
    return object;
  }

  /**
   * Replaces a stored object. With a resourceVersion in the input, it must match the stored one
   * (optimistic concurrency); the caller decides whether an empty one means "unconditional".
   */
  update(type: ResourceType, input: KubeObject): KubeObject {
    const meta = input.metadata ?? {};
    const key = objectKey(type.namespaced ? meta.namespace : undefined, meta.name);
    const bucket = this.bucket(type);
    const previous = bucket.get(key);
    if (!previous) throw notFound(type.plural, type.group, meta.name);
    if (meta.resourceVersion && meta.resourceVersion !== previous.metadata.resourceVersion) {
      throw staleUpdate(type.plural, type.group, meta.name);
    }
    // Identity fields are the store's, whatever the writer sent (ObjectMetaUpdateValidation refuses
    // changing them; the registry reports that before we get here).
    const object = {
      ...input,
      metadata: {
        ...input.metadata,
        uid: previous.metadata.uid,
        creationTimestamp: previous.metadata.creationTimestamp,
        resourceVersion: String(++this.revision),
      },
    };
    bucket.set(key, object);
    this.emit({ type: 'MODIFIED', typeKey: typeKey(type), object, previous, resourceVersion: this.revision });
    return object;
  }

  /** Removes an object for good (the registry handles graceful deletion and finalizers first). */
  remove(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const key = objectKey(type.namespaced ? namespace : undefined, name);
    const bucket = this.bucket(type);
    const previous = bucket.get(key);
    if (!previous) throw notFound(type.plural, type.group, name);
    bucket.delete(key);
    // A deleted object carries the resourceVersion of its deletion, as etcd3's watch reports it.
    const object = { ...previous, metadata: { ...previous.metadata, resourceVersion: String(++this.revision) } };
    this.emit({ type: 'DELETED', typeKey: typeKey(type), object, previous, resourceVersion: this.revision });
    return object;
  }

  /** A snapshot of every object (shared, read-only) and the revision, for persistence.ts. */
  dump(): StoreDump {
    const objects: StoreDump['objects'] = [];
    for (const [type, bucket] of this.buckets) for (const object of bucket.values()) objects.push({ type, object });
    return { revision: this.revision, objects };
  }

  /**
   * Fills an empty store from a dump, before anything reads or subscribes: no events, no watch
   * history (a watch from an older resourceVersion starts after the restart, as after an etcd
   * compaction).
   */
  load(dump: StoreDump): void {
    if (this.buckets.size > 0 || this.subscribers.size > 0) throw new Error('load() needs an empty, unwatched store');
    for (const { type, object } of dump.objects) {
      let bucket = this.buckets.get(type);
      if (!bucket) this.buckets.set(type, (bucket = new Bucket()));
      bucket.set(objectKey(object.metadata.namespace, object.metadata.name), object);
    }
    this.revision = dump.revision;
  }

  /** Every change of every type, for in-process controllers. Returns an unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /**
   * A filtered watch of one type. Throws 410 Gone when `resourceVersion` is older than the history
   * holds. Returns a stop function.
   */
  watch(type: ResourceType, options: WatchOptions, listener: WatchListener): () => void {
    const watcher: Watcher = {
      typeKey: typeKey(type),
      namespace: type.namespaced ? options.namespace : undefined,
      label: parseLabelSelector(options.labelSelector),
      field: parseFieldSelector(options.fieldSelector),
      listener,
    };
    const rv = options.resourceVersion;
    if (!rv || rv === '0') {
      // "Start at most recent": synthetic ADDED events for the current state (watch semantics docs).
      for (const object of this.list(type, { namespace: watcher.namespace, labelSelector: options.labelSelector, fieldSelector: options.fieldSelector }).items) {
        listener({ type: 'ADDED', object });
      }
    } else {
      const from = Number(rv);
      if (!Number.isInteger(from)) throw gone(`too old resource version: ${rv} (${this.revision})`);
      const history = this.histories.get(watcher.typeKey);
      const events = history ? history.events.slice(history.head) : [];
      // A window that dropped changes may lack some after `from`; an untruncated one holds all since creation.
      const oldest = history?.truncated && events.length > 0 ? events[0]!.resourceVersion - 1 : 0;
      if (from < oldest) throw gone(`too old resource version: ${rv} (${oldest})`);
      for (const event of events) if (event.resourceVersion > from) deliver(watcher, event);
    }
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Adds a change to its type's window, dropping the oldest past the count or byte bound. */
  private remember(event: StoreEvent): void {
    let history = this.histories.get(event.typeKey);
    if (!history) this.histories.set(event.typeKey, (history = { events: [], sizes: [], head: 0, bytes: 0, truncated: false }));
    const size = jsonBytes(event.object);
    history.events.push(event);
    history.sizes.push(size);
    history.bytes += size;
    while (history.events.length - history.head > 1 && (history.events.length - history.head > this.historySize || history.bytes > this.historyBytes)) {
      history.bytes -= history.sizes[history.head]!;
      history.head++;
      history.truncated = true;
    }
    // Amortized compaction: copy only once half the array is dropped entries.
    if (history.head > 64 && history.head * 2 > history.events.length) {
      history.events = history.events.slice(history.head);
      history.sizes = history.sizes.slice(history.head);
      history.head = 0;
    }
  }

  private emit(event: StoreEvent): void {
    this.remember(event);
    for (const watcher of this.watchers) if (watcher.typeKey === event.typeKey) deliver(watcher, event);
    for (const subscriber of this.subscribers) subscriber(event);
  }
}

/** JSON bytes of an object, the measure of the history window. */
function jsonBytes(object: KubeObject): number {
  return JSON.stringify(object).length;
}

/**
 * Delivers one change to one filtered watcher. An object that stops matching the selector is seen
 * as DELETED, one that starts matching as ADDED — the apiserver's cacher does the same.
 */
function deliver(watcher: Watcher, event: StoreEvent): void {
  const inScope = (o: KubeObject | undefined) =>
    !!o && (!watcher.namespace || o.metadata.namespace === watcher.namespace) && watcher.label(o.metadata.labels) && watcher.field(o);
  const now = inScope(event.object);
  if (event.type === 'MODIFIED') {
    const before = inScope(event.previous);
    if (now && before) watcher.listener({ type: 'MODIFIED', object: event.object });
    else if (now) watcher.listener({ type: 'ADDED', object: event.object });
    else if (before) watcher.listener({ type: 'DELETED', object: event.object });
  } else if (now) {
    watcher.listener({ type: event.type, object: event.object });
  }
}

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** apiserver's names.SimpleNameGenerator: five characters without vowels or look-alikes. */
export function randomSuffix(length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += SUFFIX_ALPHABET[Math.floor(Math.random() * SUFFIX_ALPHABET.length)];
  return out;
}

function encodeContinue(lastKey: string, resourceVersion: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(resourceVersion), start: lastKey + '\u0000' })).toString('base64');
}

function decodeContinue(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (typeof parsed.start !== 'string') throw new Error('no start');
    return parsed.start.replace(/\u0000$/, '');
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data at input byte 0');
  }
}
