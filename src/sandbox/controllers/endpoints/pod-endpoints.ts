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

/**
 * A big Service's endpoints are rebuilt at most once per this many real ms per 100 of its Pods:
 * the endpoints controller's --endpoint-updates-batch-period, scaled with the Service, so that a
 * rollout of 4,000 Pods rewrites its Endpoints a bounded number of times rather than once per Pod
 * change (issue 9). Services under 100 Pods — every lesson's — are synced at once.
 */
const BATCH_MS_PER_100_PODS = 2;

export function batchPeriodMs(pods: number): number {
  return Math.floor(pods / 100) * BATCH_MS_PER_100_PODS;
}

/**
 * Queues `namespace/name` of every Service a change concerns: a Service itself at once, or one a
 * Pod was or is selected by, after the Service's batch period.
 */
export function enqueueAffectedServices(event: StoreEvent, members: ServiceMembers, queue: Queue, speed: number): void {
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
    const period = batchPeriodMs(members.size(key));
    if (period > 0) queue.addAfter(key, period * speed);
    else queue.add(key);
  }
}
