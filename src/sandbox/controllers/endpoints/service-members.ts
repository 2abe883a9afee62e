/**
 * The Endpoints and EndpointSlice controllers' indexes: Services by the label pairs of their
 * selectors, and each Service's selected Pods. A Pod event looks up only the Services that select
 * one of its labels, and a sync walks only its Service's Pods, never the namespace's (issue 9;
 * client-go's indexers and the endpoints controller's getPodServiceMemberships).
 */
import type { KubeObject } from '../../api/status.js';
import { typeKey } from '../../api/resources.js';
import type { StoreEvent } from '../../store/object-store.js';
import type { ClusterIndex } from '../cluster-index.js';
import { PODS, SERVICES } from '../kinds.js';
import { objectKey } from '../object-meta.js';

const POD_KEY = typeKey(PODS);
const SERVICE_KEY = typeKey(SERVICES);

type Selector = Record<string, string>;

interface ServiceEntry {
  namespace: string;
  selector: Selector;
  /** Pod uid → the Pod, as stored now. */
  pods: Map<string, KubeObject>;
}

const pair = (key: string, value: string) => `${key}=${value}`;

function selectorOf(service: KubeObject): Selector | undefined {
  const selector: Selector | undefined = service.spec?.selector;
  return selector && Object.keys(selector).length > 0 ? selector : undefined;
}

function matches(selector: Selector, labels: Record<string, string> | undefined): boolean {
  if (!labels) return false;
  for (const key in selector) if (labels[key] !== selector[key]) return false;
  return true;
}

export class ServiceMembers {
  /** `namespace/name` → the Service's selector and Pods. */
  private readonly services = new Map<string, ServiceEntry>();
  /** namespace → `key=value` → keys of the Services whose selector has that pair. */
  private readonly byPair = new Map<string, Map<string, Set<string>>>();

  constructor(private readonly index: ClusterIndex) {}

  /** Runs after the ClusterIndex saw the event. */
  observe(event: StoreEvent): void {
    if (event.typeKey === SERVICE_KEY) this.observeService(event);
    else if (event.typeKey === POD_KEY) this.observePod(event);
  }

  /** The Pods `serviceKey`'s selector selects, read-only. */
  members(serviceKey: string): Iterable<KubeObject> {
    return this.services.get(serviceKey)?.pods.values() ?? [];
  }

  size(serviceKey: string): number {
    return this.services.get(serviceKey)?.pods.size ?? 0;
  }

  /** Keys of the Services in `namespace` whose selector selects `labels`. */
  selecting(namespace: string, labels: Record<string, string> | undefined): string[] {
    const pairs = this.byPair.get(namespace);
    if (!pairs || !labels) return [];
    const found = new Set<string>();
    for (const key in labels) {
      for (const serviceKey of pairs.get(pair(key, labels[key]!)) ?? []) {
        if (!found.has(serviceKey) && matches(this.services.get(serviceKey)!.selector, labels)) found.add(serviceKey);
      }
    }
    return [...found];
  }

  private observeService(event: StoreEvent): void {
    const key = objectKey(event.object);
    const selector = event.type === 'DELETED' ? undefined : selectorOf(event.object);
    const existing = this.services.get(key);
    if (existing && selector && JSON.stringify(existing.selector) === JSON.stringify(selector)) return;
    if (existing) this.forget(key, existing);
    if (!selector) return;
    const namespace: string = event.object.metadata.namespace;
    const entry: ServiceEntry = { namespace, selector, pods: new Map() };
    // A new or changed selector: the one time a Service's Pods are found by a walk of the namespace.
    for (const pod of this.index.inNamespace(PODS, namespace)) if (matches(selector, pod.metadata.labels)) entry.pods.set(pod.metadata.uid, pod);
    this.services.set(key, entry);
    let pairs = this.byPair.get(namespace);
    if (!pairs) this.byPair.set(namespace, (pairs = new Map()));
    for (const [k, v] of Object.entries(selector)) {
      let keys = pairs.get(pair(k, v));
      if (!keys) pairs.set(pair(k, v), (keys = new Set()));
      keys.add(key);
    }
  }

  private forget(key: string, entry: ServiceEntry): void {
    this.services.delete(key);
    const pairs = this.byPair.get(entry.namespace);
    for (const [k, v] of Object.entries(entry.selector)) {
      const keys = pairs?.get(pair(k, v));
      keys?.delete(key);
      if (keys?.size === 0) pairs!.delete(pair(k, v));
    }
  }

  private observePod(event: StoreEvent): void {
    const pod = event.object;
    const uid: string = pod.metadata.uid;
    const namespace: string = pod.metadata.namespace;
    const now = event.type === 'DELETED' ? [] : this.selecting(namespace, pod.metadata.labels);
    const before = event.previous ? this.selecting(namespace, event.previous.metadata.labels) : [];
    for (const key of before) if (!now.includes(key)) this.services.get(key)?.pods.delete(uid);
    for (const key of now) this.services.get(key)!.pods.set(uid, pod);
  }
}
