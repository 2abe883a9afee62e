/**
 * The EndpointSlice controller (pkg/controller/endpointslice, staging endpointslice/reconciler.go):
 * for every Service with a selector, EndpointSlices named `<service>-<random>` owned by the Service,
 * one per set of ports and at most 100 endpoints each, whose endpoints carry the ready / serving /
 * terminating conditions — terminating Pods stay listed, neither ready nor gone. A Service that
 * selects nothing gets one empty placeholder slice.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../api/status.js';
import type { Registry } from '../../registry/registry.js';
import type { StoreEvent } from '../../store/object-store.js';
import type { ClusterIndex } from '../cluster-index.js';
import { ENDPOINT_SLICES, SERVICES } from '../kinds.js';
import { isControlledBy, newControllerRef, splitKey } from '../object-meta.js';
import { isPodReady } from '../pod-util.js';
import type { Queue } from '../work-queue.js';
import { enqueueAffectedServices, findPort, hasSelector, hostnameFor, podReference, shouldPodBeInEndpoints } from './pod-endpoints.js';
import type { ServiceMembers } from './service-members.js';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
const HEADLESS_LABEL = 'service.kubernetes.io/headless';
/** --max-endpoints-per-slice default. */
const MAX_ENDPOINTS_PER_SLICE = 100;

export class EndpointSliceController {
  constructor(
    private readonly registry: Registry,
    private readonly index: ClusterIndex,
    private readonly members: ServiceMembers,
    private readonly queue: Queue,
  ) {}

  onEvent(event: StoreEvent): void {
    enqueueAffectedServices(event, this.members, this.queue, this.registry.clock.speed);
  }

  readonly sync = (key: string): void => {
    const { namespace, name } = splitKey(key);
    const service = this.registry.store.peek(SERVICES, namespace, name);
    // A deleted Service's slices go with it: the garbage collector follows their ownerReferences.
    if (!service || !hasSelector(service)) return;
    const existing = this.index
      .dependents(service.metadata.uid, ENDPOINT_SLICES)
      .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME && isControlledBy(s, service))
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const { plans, stale } = plan(existing, this.desiredEndpoints(service, key));
    const labels = sliceLabels(service);
    for (const { slice: current, ports, endpoints } of plans) {
      const slice: KubeObject = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: current ? { ...current.metadata, labels } : { generateName: `${name}-`, namespace, labels, ownerReferences: [newControllerRef(service)] },
        addressType: 'IPv4',
        endpoints,
      };
      if (ports?.length) slice.ports = ports;
      if (!current) this.registry.create(ENDPOINT_SLICES, namespace, slice);
      else if (!sameSlice(current, slice)) this.registry.update(ENDPOINT_SLICES, namespace, current.metadata.name, slice);
    }
    for (const slice of stale) this.registry.delete(ENDPOINT_SLICES, namespace, slice.metadata.name);
  };

  /** The endpoints the Service should have, grouped by the ports their Pod serves, by Pod uid. */
  private desiredEndpoints(service: KubeObject, key: string): Map<string, PortGroup> {
    const publishNotReady = service.spec?.publishNotReadyAddresses === true;
    const groups = new Map<string, PortGroup>();
    for (const pod of this.members.members(key)) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ports = endpointPorts(service, pod);
      const signature = JSON.stringify(ports);
      let group = groups.get(signature);
      if (!group) groups.set(signature, (group = { ports, byPod: new Map() }));
      group.byPod.set(pod.metadata.uid, podEndpoint(pod, service, publishNotReady));
    }
    return groups;
  }
}

interface PortGroup {
  ports: KubeObject[];
  byPod: Map<string, KubeObject>;
}

interface SlicePlan {
  slice?: KubeObject;
  ports: KubeObject[] | undefined;
  endpoints: KubeObject[];
}

/**
 * reconcileByAddressType: endpoints stay in the slice that holds them, new ones fill slices with room
 * and then new slices, so one Pod's change rewrites one slice. Slices left empty are deleted — or
 * reused for a slice that would be created — and a Service without endpoints keeps one placeholder.
 */
function plan(existing: KubeObject[], groups: Map<string, PortGroup>): { plans: SlicePlan[]; stale: KubeObject[] } {
  const plans: SlicePlan[] = [];
  const stale: KubeObject[] = [];
  for (const slice of existing) {
    const group = groups.get(JSON.stringify(slice.ports ?? []));
    const kept: KubeObject[] = [];
    for (const endpoint of slice.endpoints ?? []) {
      const fresh = group?.byPod.get(endpoint.targetRef?.uid);
      if (!fresh) continue;
      kept.push(fresh);
      group!.byPod.delete(endpoint.targetRef.uid);
    }
    if (kept.length) plans.push({ slice, ports: group!.ports, endpoints: kept });
    else stale.push(slice);
  }
  for (const group of groups.values()) {
    const fresh = [...group.byPod.values()];
    for (const p of plans) {
      if (p.ports !== group.ports) continue;
      p.endpoints.push(...fresh.splice(0, MAX_ENDPOINTS_PER_SLICE - p.endpoints.length));
    }
    while (fresh.length) plans.push({ ports: group.ports, endpoints: fresh.splice(0, MAX_ENDPOINTS_PER_SLICE) });
  }
  if (!plans.length) {
    // placeholderSliceCompare: an empty slice says "this Service has no endpoints"; keep the one there is.
    const [only] = stale;
    if (stale.length === 1 && !(only!.endpoints ?? []).length && !(only!.ports ?? []).length) return { plans: [], stale: [] };
    plans.push({ ports: undefined, endpoints: [] });
  }
  // Rather than delete one slice and create another, update the one going away.
  for (const p of plans) if (!p.slice && stale.length) p.slice = stale.pop();
  return { plans, stale };
}

/** podToEndpoint: ready means serving and not terminating, unless not-ready addresses are published. */
function podEndpoint(pod: KubeObject, service: KubeObject, publishNotReady: boolean): KubeObject {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const endpoint: KubeObject = {
    addresses: [pod.status.podIP ?? pod.status.podIPs[0].ip],
    conditions: { ready: publishNotReady || (serving && !terminating), serving, terminating },
  };
  const hostname = hostnameFor(pod, service);
  if (hostname) endpoint.hostname = hostname;
  endpoint.targetRef = podReference(pod);
  if (pod.spec?.nodeName) endpoint.nodeName = pod.spec.nodeName;
  return endpoint;
}

/** getEndpointPorts: every Service port the Pod resolves, named ('' when unnamed). */
function endpointPorts(service: KubeObject, pod: KubeObject): KubeObject[] {
  const ports: KubeObject[] = [];
  for (const servicePort of service.spec?.ports ?? []) {
    const port = findPort(pod, servicePort);
    if (port === undefined) continue;
    const entry: KubeObject = { name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP' };
    if (servicePort.appProtocol) entry.appProtocol = servicePort.appProtocol;
    ports.push(entry);
  }
  return ports;
}

/** setEndpointSliceLabels: the Service's labels plus the controller's own. */
function sliceLabels(service: KubeObject): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries<string>(service.metadata.labels ?? {})) {
    if (key !== SERVICE_NAME_LABEL && key !== MANAGED_BY_LABEL && key !== HEADLESS_LABEL) labels[key] = value;
  }
  if (service.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  labels[SERVICE_NAME_LABEL] = service.metadata.name;
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  return labels;
}

function sameSlice(a: KubeObject, b: KubeObject): boolean {
  // `ports` has no omitempty: a stored slice without ports says `ports: null`.
  return isDeepStrictEqual(a.endpoints ?? [], b.endpoints ?? []) && isDeepStrictEqual(a.ports ?? null, b.ports ?? null) && isDeepStrictEqual(a.metadata.labels, b.metadata.labels);
}
