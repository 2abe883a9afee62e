/**
 * What the Endpoints and EndpointSlice controllers share: which Pods back a Service and on which
 * ports (pkg/api/v1/pod FindPort, endpointslice util ShouldPodBeInEndpoints), and which Services a
 * Pod change concerns.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../api/status.js';
import type { StoreEvent } from '../../store/object-store.js';
import { labelSelectorFromMap } from '../../store/selectors.js';
import type { ClusterIndex } from '../cluster-index.js';
import { SERVICES } from '../kinds.js';
import { isPodReady, isPodTerminal } from '../pod-util.js';
import type { Queue } from '../work-queue.js';

/** Only Services with a selector get endpoints from the controllers. */
export function hasSelector(service: KubeObject): boolean {
  return Object.keys(service.spec?.selector ?? {}).length > 0;
}

export function selects(service: KubeObject, pod: KubeObject): boolean {
  return hasSelector(service) && labelSelectorFromMap(service.spec.selector)(pod.metadata.labels);
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

/** Queues `namespace/name` of every Service a change concerns: a Service itself, or a Pod it selected or selects. */
export function enqueueAffectedServices(event: StoreEvent, index: ClusterIndex, queue: Queue, podKey: string, serviceKey: string): void {
  const object = event.object;
  if (event.typeKey === serviceKey) {
    queue.add(`${object.metadata.namespace}/${object.metadata.name}`);
    return;
  }
  if (event.typeKey !== podKey) return;
  if (event.type === 'MODIFIED' && !endpointsChanged(event.previous!, object)) return;
  for (const service of index.inNamespace(SERVICES, object.metadata.namespace)) {
    if (selects(service, object) || (event.previous && selects(service, event.previous))) queue.add(`${service.metadata.namespace}/${service.metadata.name}`);
  }
}
