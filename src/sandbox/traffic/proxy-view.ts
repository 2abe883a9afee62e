/**
 * kube-proxy's picture of the cluster: the Services and EndpointSlices it has programmed into the
 * node, which lags the API. Real kube-proxy receives changes from its informers at once but only
 * rewrites iptables in syncProxyRules, at most once per --iptables-min-sync-period (1 s by default)
 * and then only after iptables-restore has run (pkg/proxy/iptables/proxier.go, pkg/util/async
 * BoundedFrequencyRunner). So a request sent right after a Pod left the endpoints can still reach
 * it — the window a preStop sleep exists to cover. Here every change is applied a fixed simulated
 * delay after the store made it, in order.
 */
import type { SimClock } from '../clock.js';
import { typeKey } from '../api/resources.js';
import type { KubeObject } from '../api/status.js';
import { ENDPOINT_SLICES, SERVICES } from '../controllers/kinds.js';
import type { ObjectStore, StoreEvent } from '../store/object-store.js';
import { usableEndpoints, type Endpoint } from './endpoints.js';

/** The default propagation delay, in simulated milliseconds: the iptables min sync period. */
export const DEFAULT_PROPAGATION_MS = 1000;

const SERVICE_KEY = typeKey(SERVICES);
const SLICE_KEY = typeKey(ENDPOINT_SLICES);
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

export type ViewListener = (namespace: string, name: string) => void;

export class ProxyView {
  /** `namespace/name` → the Service as programmed. */
  private readonly services = new Map<string, KubeObject>();
  /** `namespace/service` → slice name → slice. */
  private readonly slices = new Map<string, Map<string, KubeObject>>();
  /** `namespace/slice` → the Service key it was filed under (its label may change). */
  private readonly sliceOwner = new Map<string, string>();
  /** `namespace/service` → port name → usable endpoints, computed on first use after a change. */
  private readonly usable = new Map<string, Map<string, Endpoint[]>>();
  private readonly listeners = new Set<ViewListener>();
  private readonly cancels = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(
    store: ObjectStore,
    private readonly clock: SimClock,
    /** Simulated milliseconds between a change in the API and the proxy acting on it. */
    readonly delayMs = DEFAULT_PROPAGATION_MS,
  ) {
    // kube-proxy's first sync programs everything that exists when it starts.
    for (const service of store.list(SERVICES).items) this.apply({ type: 'ADDED', typeKey: SERVICE_KEY, object: service, resourceVersion: 0 });
    for (const slice of store.list(ENDPOINT_SLICES).items) this.apply({ type: 'ADDED', typeKey: SLICE_KEY, object: slice, resourceVersion: 0 });
    this.unsubscribe = store.subscribe((event) => this.observe(event));
  }

  /** Called with `namespace, name` of a Service whose programmed state changed. Returns an unsubscribe. */
  onChange(listener: ViewListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  service(namespace: string, name: string): KubeObject | undefined {
    return this.services.get(keyOf(namespace, name));
  }

  allServices(): IterableIterator<KubeObject> {
    return this.services.values();
  }

  /** The Service whose ClusterIP is `ip`, as the KUBE-SERVICES chain matches it. */
  serviceByClusterIP(ip: string): KubeObject | undefined {
    for (const service of this.services.values()) if (service.spec?.clusterIP === ip) return service;
    return undefined;
  }

  /** The endpoints traffic to the Service port named `portName` goes to now. */
  endpoints(namespace: string, name: string, portName: string): Endpoint[] {
    const key = keyOf(namespace, name);
    let byPort = this.usable.get(key);
    if (!byPort) this.usable.set(key, (byPort = new Map()));
    let list = byPort.get(portName);
    if (!list) byPort.set(portName, (list = usableEndpoints(this.slices.get(key)?.values() ?? [], portName)));
    return list;
  }

  stop(): void {
    this.unsubscribe();
    for (const cancel of this.cancels) cancel();
    this.cancels.clear();
    this.listeners.clear();
  }

  private observe(event: StoreEvent): void {
    if (event.typeKey !== SERVICE_KEY && event.typeKey !== SLICE_KEY) return;
    if (this.delayMs <= 0) return this.apply(event);
    // Equal delays keep the changes in the order the store made them (timers of one duration fire FIFO).
    const cancel = this.clock.after(this.delayMs, () => {
      this.cancels.delete(cancel);
      this.apply(event);
    });
    this.cancels.add(cancel);
  }

  private apply(event: StoreEvent): void {
    const { namespace, name } = event.object.metadata;
    if (event.typeKey === SERVICE_KEY) {
      const key = keyOf(namespace, name);
      if (event.type === 'DELETED') {
        this.services.delete(key);
      } else {
        this.services.set(key, event.object);
      }
      this.usable.delete(key);
      return this.notify(namespace, name);
    }
    const sliceKey = keyOf(namespace, name);
    const before = this.sliceOwner.get(sliceKey);
    if (before) {
      const byName = this.slices.get(before);
      byName?.delete(name);
      if (byName?.size === 0) this.slices.delete(before);
      this.usable.delete(before);
      this.sliceOwner.delete(sliceKey);
    }
    const service: string | undefined = event.object.metadata.labels?.[SERVICE_NAME_LABEL];
    const after = service ? keyOf(namespace, service) : undefined;
    if (after && event.type !== 'DELETED') {
      let byName = this.slices.get(after);
      if (!byName) this.slices.set(after, (byName = new Map()));
      byName.set(name, event.object);
      this.sliceOwner.set(sliceKey, after);
      this.usable.delete(after);
    }
    if (before && before !== after) this.notify(namespace, before.slice(namespace.length + 1));
    if (after) this.notify(namespace, service!);
  }

  private notify(namespace: string, name: string): void {
    for (const listener of this.listeners) listener(namespace, name);
  }
}
