/**
 * Events as client-go writes them. The legacy recorder (tools/record/event.go makeEvent) used by the
 * controller-manager and the kubelet names an Event `<object>.<unix nanos in hex>`, fills source,
 * first/lastTimestamp and count, and its EventCorrelator (events_cache.go) turns a repeat of the same
 * event into `count + 1` on the existing one, after combining a flood of similar ones. The scheduler uses the events.k8s.io recorder
 * (tools/events), whose Events carry eventTime, action and reportingController, and a series on repeat.
 */
import type { KubeObject } from '../../api/status.js';
import type { Registry } from '../../registry/registry.js';
import { EVENTS } from '../kinds.js';
import { EventAggregator } from './event-aggregator.js';

export type EventType = 'Normal' | 'Warning';

export interface EventOptions {
  /** `spec.containers{nginx}` for a container's events. */
  fieldPath?: string;
  /** events.k8s.io only: what was done, e.g. `Binding`. */
  action?: string;
}

export interface Recorder {
  event(object: KubeObject, type: EventType, reason: string, message: string, options?: EventOptions): void;
}

/** events_cache.go keeps 4096 recent events for aggregation. */
const CACHE_SIZE = 4096;

export class EventRecorder {
  /** Aggregation key → the Event written for it. */
  private readonly recent = new Map<string, { namespace: string; name: string }>();
  private readonly similar: EventAggregator;
  private lastNanos = 0n;

  constructor(private readonly registry: Registry) {
    this.similar = new EventAggregator(registry.clock);
  }

  /** A core/v1 recorder, e.g. `{ component: 'kubelet', host: 'minikube' }`. */
  legacy(source: { component: string; host?: string }): Recorder {
    return {
      event: (object, type, reason, message, options = {}) => {
        const ref = objectReference(object, options.fieldPath);
        const origin = [source.component, source.host ?? '', ref.kind, ref.namespace, ref.name, ref.uid, ref.apiVersion, type, reason];
        const { key, message: text } = this.similar.aggregate(JSON.stringify(origin), JSON.stringify([...origin, ref.fieldPath, message]), message);
        const now = this.registry.clock.timestamp();
        this.record(key, (existing) =>
          existing
            ? { ...existing, count: (existing.count ?? 1) + 1, lastTimestamp: now, message: text }
            : {
                metadata: { name: this.eventName(ref.name), namespace: ref.namespace || 'default' },
                involvedObject: ref,
                reason,
                message: text,
                source: source.host ? { component: source.component, host: source.host } : { component: source.component },
                firstTimestamp: now,
                lastTimestamp: now,
                count: 1,
                type,
                reportingComponent: source.component,
                reportingInstance: source.host ?? '',
              },
        );
      },
    };
  }

  /** An events.k8s.io recorder, e.g. the scheduler's `default-scheduler` / `default-scheduler-minikube`. */
  eventsApi(controller: string, instance: string): Recorder {
    return {
      event: (object, type, reason, message, options = {}) => {
        const ref = objectReference(object, options.fieldPath);
        const key = JSON.stringify([controller, instance, ref.uid, ref.fieldPath, options.action, type, reason, message]);
        const now = microTime(this.registry.clock.now());
        this.record(key, (existing) =>
          existing
            ? { ...existing, series: { count: (existing.series?.count ?? 1) + 1, lastObservedTime: now } }
            : {
                metadata: { name: this.eventName(ref.name), namespace: ref.namespace || 'default' },
                involvedObject: ref,
                reason,
                message,
                source: {},
                type,
                eventTime: now,
                ...(options.action ? { action: options.action } : {}),
                reportingComponent: controller,
                reportingInstance: instance,
              },
        );
      },
    };
  }

  /** Creates the Event, or updates the one recorded under the same key if it still exists. */
  private record(key: string, build: (existing?: KubeObject) => KubeObject): void {
    const cached = this.recent.get(key);
    const existing = cached && this.registry.store.peek(EVENTS, cached.namespace, cached.name);
    try {
      if (existing) {
        this.registry.update(EVENTS, cached.namespace, cached.name, build(existing));
        return;
      }
      const event: KubeObject = { apiVersion: 'v1', kind: 'Event', ...build() };
      const created = this.registry.create(EVENTS, event.metadata.namespace, event).object;
      this.recent.delete(key);
      this.recent.set(key, { namespace: created.metadata.namespace, name: created.metadata.name });
      if (this.recent.size > CACHE_SIZE) this.recent.delete(this.recent.keys().next().value as string);
    } catch {
      // Like client-go, a recorder never fails its caller: an Event that cannot be written (its
      // namespace is terminating, say) is dropped.
    }
  }

  /** `<name>.<unix nanos in hex>`, kept strictly increasing so two events in one millisecond differ. */
  private eventName(objectName: string): string {
    let nanos = BigInt(Date.now()) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000));
    if (nanos <= this.lastNanos) nanos = this.lastNanos + 1n;
    this.lastNanos = nanos;
    return `${objectName}.${nanos.toString(16)}`;
  }
}

/** The ObjectReference client-go builds with reference.GetReference. */
function objectReference(object: KubeObject, fieldPath?: string): KubeObject {
  const meta = object.metadata;
  const ref: KubeObject = { kind: object.kind, name: meta.name, uid: meta.uid, apiVersion: object.apiVersion, resourceVersion: meta.resourceVersion };
  if (meta.namespace) ref.namespace = meta.namespace;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

/** metav1.MicroTime: RFC 3339 with microseconds. */
function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}Z`);
}
