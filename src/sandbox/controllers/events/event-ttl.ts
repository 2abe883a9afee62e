/**
 * kube-apiserver's `--event-ttl` (default 1h): every write of an Event (create or update) puts it
 * under an etcd lease of that length, and etcd deletes it when the lease runs out - watchers see a
 * DELETED event. Without it, every 300-replica rollout left ~1,500 Events in memory for good
 * (issue #7). Wall-clock time, like the lease (the sim clock's speed does not shorten it).
 */
import { typeKey, type ResourceType } from '../../api/resources.js';
import type { ObjectStore, StoreEvent } from '../../store/object-store.js';
import { EVENTS } from '../kinds.js';

/** `--event-ttl`'s default. */
export const DEFAULT_EVENT_TTL_MS = 60 * 60 * 1000;

interface Lease {
  namespace: string;
  name: string;
  expiresAt: number;
}

export class EventExpiry {
  /**
   * Object key → its lease. Every lease has the same length, so re-inserting on each write keeps
   * the map in expiry order: the sweep only ever looks at its front.
   */
  private readonly leases = new Map<string, Lease>();
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly ttlMs = DEFAULT_EVENT_TTL_MS,
    private readonly type: ResourceType = EVENTS,
    private readonly now: () => number = Date.now,
  ) {
    this.unsubscribe = store.subscribe((event) => this.observe(event));
    for (const object of store.list(type).items) this.lease(object.metadata.namespace, object.metadata.name);
  }

  stop(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private observe(event: StoreEvent): void {
    if (event.typeKey !== typeKey(this.type)) return;
    const { namespace, name } = event.object.metadata;
    if (event.type === 'DELETED') this.leases.delete(`${namespace}/${name}`);
    else this.lease(namespace, name);
  }

  private lease(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    this.leases.delete(key);
    this.leases.set(key, { namespace, name, expiresAt: this.now() + this.ttlMs });
    if (!this.timer) this.schedule();
  }

  private schedule(): void {
    const next = this.leases.values().next();
    if (next.done) return;
    // Capped, as Node timers overflow past 2^31 ms; a sweep that finds nothing due reschedules.
    const delay = Math.min(Math.max(0, next.value.expiresAt - this.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => this.sweep(), delay);
    this.timer.unref();
  }

  private sweep(): void {
    this.timer = undefined;
    const now = this.now();
    for (const [key, lease] of this.leases) {
      if (lease.expiresAt > now) break;
      this.leases.delete(key);
      // The lease's end bypasses admission, as etcd's deletion does.
      if (this.store.peek(this.type, lease.namespace, lease.name)) this.store.remove(this.type, lease.namespace, lease.name);
    }
    this.schedule();
  }
}
