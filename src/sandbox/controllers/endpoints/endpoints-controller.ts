/**
 * The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go): for every Service with a
 * selector, an Endpoints object of the same name listing the selected Pods — ready ones under
 * `addresses`, the others under `notReadyAddresses`, terminating ones not at all — grouped by the
 * ports they serve (RepackSubsets). Services without a selector keep whatever endpoints they were given.
 */
import { isDeepStrictEqual } from 'node:util';
import { ApiError, type KubeObject } from '../../api/status.js';
import type { Registry } from '../../registry/registry.js';
import type { StoreEvent } from '../../store/object-store.js';
import { ENDPOINTS, SERVICES } from '../kinds.js';
import { splitKey } from '../object-meta.js';
import { isPodReady } from '../pod-util.js';
import type { Queue } from '../work-queue.js';
import { enqueueAffectedServices, findPort, hasSelector, hostnameFor, podReference, shouldPodBeInEndpoints } from './pod-endpoints.js';
import type { ServiceMembers } from './service-members.js';
import { OVER_CAPACITY_ANNOTATION, truncateEndpoints } from './truncate-endpoints.js';

const HEADLESS_LABEL = 'service.kubernetes.io/headless';

interface Subset {
  addresses: KubeObject[];
  notReadyAddresses: KubeObject[];
  ports: KubeObject[];
}

export class EndpointsController {
  constructor(
    private readonly registry: Registry,
    private readonly members: ServiceMembers,
    private readonly queue: Queue,
  ) {}

  onEvent(event: StoreEvent): void {
    enqueueAffectedServices(event, this.members, this.queue, this.registry.clock.speed);
  }

  readonly sync = (key: string): void => {
    const { namespace, name } = splitKey(key);
    const service = this.registry.store.peek(SERVICES, namespace, name);
    const current = this.registry.store.peek(ENDPOINTS, namespace, name);
    if (!service) {
      // The Service is gone: so are its Endpoints.
      if (current) this.ignoreNotFound(() => this.registry.delete(ENDPOINTS, namespace, name));
      return;
    }
    if (!hasSelector(service)) return;

    const subsets = this.subsets(service, key);
    const annotations: Record<string, string> = { ...current?.metadata.annotations };
    // Over 1,000 addresses the Endpoints API is truncated; EndpointSlices carry them all.
    if (truncateEndpoints(subsets)) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    const labels: Record<string, string> = { ...service.metadata.labels };
    if (service.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
    const next: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...current?.metadata, name, namespace },
      ...(subsets.length ? { subsets } : {}),
    };
    if (Object.keys(labels).length) next.metadata.labels = labels;
    else delete next.metadata.labels;
    if (Object.keys(annotations).length) next.metadata.annotations = annotations;
    else delete next.metadata.annotations;
    if (
      current &&
      isDeepStrictEqual(current.subsets ?? [], subsets) &&
      isDeepStrictEqual(current.metadata.labels ?? {}, labels) &&
      isDeepStrictEqual(current.metadata.annotations ?? {}, annotations)
    ) {
      return;
    }
    if (current) this.registry.update(ENDPOINTS, namespace, name, next);
    else this.registry.create(ENDPOINTS, namespace, next);
  };

  /** The subsets, packed as RepackSubsets does: one per distinct set of ports, addresses by IP. */
  private subsets(service: KubeObject, key: string): KubeObject[] {
    const publishNotReady = service.spec?.publishNotReadyAddresses === true;
    const bySignature = new Map<string, Subset>();
    for (const pod of this.members.members(key)) {
      if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
      const address: KubeObject = { ip: pod.status.podIP ?? pod.status.podIPs[0].ip };
      const hostname = hostnameFor(pod, service);
      if (hostname) address.hostname = hostname;
      if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
      address.targetRef = podReference(pod);
      const ports: KubeObject[] = [];
      for (const servicePort of service.spec?.ports ?? []) {
        const port = findPort(pod, servicePort);
        if (port === undefined) continue;
        const entry: KubeObject = { port, protocol: servicePort.protocol ?? 'TCP' };
        if (servicePort.name) entry.name = servicePort.name;
        if (servicePort.appProtocol) entry.appProtocol = servicePort.appProtocol;
        ports.push(entry);
      }
      // A Service with ports lists only Pods that serve at least one (headless ones may have none).
      if ((service.spec?.ports ?? []).length && !ports.length) continue;
      ports.sort((a, b) => String(a.name ?? '').localeCompare(String(b.name ?? '')) || a.port - b.port);
      const signature = JSON.stringify(ports);
      let subset = bySignature.get(signature);
      if (!subset) bySignature.set(signature, (subset = { addresses: [], notReadyAddresses: [], ports }));
      (publishNotReady || isPodReady(pod) ? subset.addresses : subset.notReadyAddresses).push(address);
    }
    // addrsByIPAndUID: a byte-wise comparison of the IP strings, then the Pod uid.
    const byIp = (a: KubeObject, b: KubeObject) => compareText(a.ip, b.ip) || compareText(a.targetRef.uid, b.targetRef.uid);
    return [...bySignature.keys()].sort().map((signature) => {
      const { addresses, notReadyAddresses, ports } = bySignature.get(signature)!;
      const subset: KubeObject = {};
      if (addresses.length) subset.addresses = addresses.sort(byIp);
      if (notReadyAddresses.length) subset.notReadyAddresses = notReadyAddresses.sort(byIp);
      if (ports.length) subset.ports = ports;
      return subset;
    });
  }

  private ignoreNotFound(action: () => unknown): void {
    try {
      action();
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 404)) throw error;
    }
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
