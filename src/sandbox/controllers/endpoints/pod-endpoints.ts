/**
 * What the Endpoints and EndpointSlice controllers share: which Pods back a Service and on which
 * ports (pkg/api/v1/pod FindPort, endpointslice util ShouldPodBeInEndpoints), and which Services a
 * Pod change concerns.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../api/status.js';
import type { StoreEvent } from '../../store/object-store.js';
import { typeKey } from '../../api/resources.js';
import { PODS, SERVICES } from '../kinds.js';
import { objectKey } from '../object-meta.js';
import { isPodReady, isPodTerminal } from '../pod-util.js';
import type { Queue } from '../work-queue.js';
import type { ServiceMembers } from './service-members.js';

const POD_KEY = typeKey(PODS);
const SERVICE_KEY = typeKey(SERVICES);

/** Only Services with a selector get endpoints from the controllers. */
export function hasSelector(service: KubeObject): boolean {
  return Object.keys(service.spec?.selector ?? {}).length > 0;
}

/** ShouldPodBeInEndpoints: running or pending with an IP; terminating ones only when asked for. */
export function shouldPodBeInEndpoints(pod: KubeObject, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs ?? []).length) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/** FindPort: a numeric targetPort as is, a named one looked up among the containers' ports. */
export function findPort(pod: KubeObject, servicePort: KubeObject): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(String(target))) return Number(target);
  const protocol = servicePort.protocol ?? 'TCP';
  const containers: KubeObject[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const container of containers) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  return undefined;
}

/** ShouldSetHostname: the Pod asked for a hostname under this Service's subdomain. */
export function hostnameFor(pod: KubeObject, service: KubeObject): string | undefined {
  const hostname = pod.spec?.hostname;
  return hostname && pod.spec?.subdomain === service.metadata.name && service.metadata.namespace === pod.metadata.namespace ? hostname : undefined;
}

export function podReference(pod: KubeObject): KubeObject {
  return { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
}

/** podEndpointsChanged: the parts of a Pod that endpoints are made of. */
function endpointsChanged(before: KubeObject, after: KubeObject): boolean {
  return (
    !isDeepStrictEqual(before.metadata.labels, after.metadata.labels) ||
    before.status?.podIP !== after.status?.podIP ||
    isPodReady(before) !== isPodReady(after) ||
    before.metadata.deletionTimestamp !== after.metadata.deletionTimestamp ||
    before.status?.phase !== after.status?.phase ||
    before.spec?.nodeName !== after.spec?.nodeName
  );
}

/** Services with fewer Pods than this are synced at once on every change (every lesson's are). */
const BATCH_FROM_PODS = 100;
/** A big Service waits this many times its last sync's duration before the next one. */
const BATCH_COST_FACTOR = 4;

/**
 * The batch period of big Services: the endpoints controller's --endpoint-updates-batch-period,
 * set from what a sync of that Service cost last time. Its Endpoints are rebuilt whole, so a
 * rollout of 4,000 Pods must not rewrite them once per Pod change; waiting four times the last
 * sync's duration keeps a Service's syncs under a fifth of the thread's time, on a busy machine
 * as on an idle one (a fixed period would sync more often, per unit of work, when the machine is
 * slow), and the total cost linear in the Service's size (issue 9).
 */
export class SyncBatcher {
  private readonly lastSyncMs = new Map<string, number>();

  /** Runs `sync` for `key`, remembering how long it took. */
  measure(key: string, sync: () => void): void {
    const started = performance.now();
    try {
      sync();
    } finally {
      this.lastSyncMs.set(key, performance.now() - started);
    }
  }

  /** Real ms to wait before syncing `key`, a Service of `pods` Pods; 0 for at once. */
  delayMs(key: string, pods: number): number {
    if (pods < BATCH_FROM_PODS) {
      this.lastSyncMs.delete(key);
      return 0;
    }
    return BATCH_COST_FACTOR * (this.lastSyncMs.get(key) ?? 0);
  }
}

/**
 * Queues `namespace/name` of every Service a change concerns: a Service itself at once, or one a
 * Pod was or is selected by, after the Service's batch period.
 */
export function enqueueAffectedServices(event: StoreEvent, members: ServiceMembers, queue: Queue, batcher: SyncBatcher, speed: number): void {
  const object = event.object;
  if (event.typeKey === SERVICE_KEY) {
    queue.add(objectKey(object));
    return;
  }
  if (event.typeKey !== POD_KEY) return;
  if (event.type === 'MODIFIED' && !endpointsChanged(event.previous!, object)) return;
  const keys = new Set(members.selecting(object.metadata.namespace, object.metadata.labels));
  if (event.previous) for (const key of members.selecting(object.metadata.namespace, event.previous.metadata.labels)) keys.add(key);
  for (const key of keys) {
    const delay = batcher.delayMs(key, members.size(key));
    if (delay > 0) queue.addAfter(key, delay * speed);
    else queue.add(key);
  }
}
