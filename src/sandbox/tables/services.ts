/**
 * Service-discovery tables: Service, Endpoints and discovery.k8s.io EndpointSlice (`printService`,
 * `printEndpoints`, `printEndpointSlice` of printers.go and their helpers).
 */
import type { KubeObject } from '../api/status.js';
import { ageColumn, column, nameColumn, wideColumn } from './columns.js';
import { corev1Endpoints, corev1ServiceSpec, discoveryv1beta1EndpointSlice } from './descriptions.js';
import { ageSince } from './format.js';
import { formatLabels } from './labels.js';
import type { TableHandler } from './types.js';

/**
 * `loadBalancerStatusStringer`: the ingress IPs (else hostnames), sorted and de-duplicated. The
 * apiserver always prints wide, so the 16-character truncation of the Go code never applies.
 */
function loadBalancerIngress(service: KubeObject): string[] {
  const ingress: KubeObject[] = service.status?.loadBalancer?.ingress ?? [];
  const addresses = ingress.map((i) => i.ip || i.hostname || '').filter((a) => a !== '');
  return [...new Set(addresses)].sort();
}

/** `getServiceExternalIP`: EXTERNAL-IP is `<none>`, `<pending>` (LoadBalancer waiting for an address), ... */
function externalIP(service: KubeObject): string {
  const externalIPs: string[] = service.spec?.externalIPs ?? [];
  switch (service.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const all = [...loadBalancerIngress(service), ...externalIPs];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return service.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** `makePortString`: `80/TCP`, or `80:31234/TCP` with a node port. */
function portString(ports: KubeObject[]): string {
  return ports
    .map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`))
    .join(',');
}

export const serviceTable: TableHandler = {
  columns: [
    nameColumn,
    column('Type', 'string', corev1ServiceSpec.type),
    column('Cluster-IP', 'string', corev1ServiceSpec.clusterIP),
    column('External-IP', 'string', corev1ServiceSpec.externalIPs),
    column('Port(s)', 'string', corev1ServiceSpec.ports),
    ageColumn,
    wideColumn('Selector', 'string', corev1ServiceSpec.selector),
  ],
  print(service, now) {
    const spec: KubeObject = service.spec ?? {};
    // The v1→internal conversion fills `clusterIPs` from `clusterIP` when only that is set.
    const clusterIP: string = spec.clusterIPs?.[0] ?? spec.clusterIP ?? '';
    return {
      cells: [
        service.metadata?.name ?? '',
        spec.type ?? '',
        clusterIP || '<none>',
        externalIP(service),
        portString(spec.ports ?? []) || '<none>',
        ageSince(service.metadata?.creationTimestamp, now),
        formatLabels(spec.selector),
      ],
    };
  },
};

/** How many addresses ENDPOINTS lists before `+ N more...`. */
const maxListed = 3;

/** `listWithMoreString`: the first three, `+ N more...`, or `<unset>` for none. */
function listWithMore(items: string[]): string {
  const listed = items.slice(0, maxListed).join(',');
  if (items.length > maxListed) return `${listed} + ${items.length - maxListed} more...`;
  return listed || '<unset>';
}

/** `net.JoinHostPort`: IPv6 addresses get brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * `formatEndpoints(endpoints, nil)`: `ip:port` for every ready address and port (bare IPs for a
 * subset without ports), first three then `+ N more...`; `<none>` without subsets.
 */
function formatEndpoints(endpoints: KubeObject): string {
  const subsets: KubeObject[] = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const all: string[] = [];
  for (const subset of subsets) {
    const addresses: KubeObject[] = subset.addresses ?? [];
    const ports: KubeObject[] = subset.ports ?? [];
    if (ports.length === 0) {
      // Headless services may have no ports.
      all.push(...addresses.map((a) => a.ip));
    } else {
      for (const port of ports) all.push(...addresses.map((a) => joinHostPort(a.ip, port.port)));
    }
  }
  // Unlike listWithMoreString, an empty list stays empty here.
  const listed = all.slice(0, maxListed).join(',');
  return all.length > maxListed ? `${listed} + ${all.length - maxListed} more...` : listed;
}

export const endpointsTable: TableHandler = {
  columns: [nameColumn, column('Endpoints', 'string', corev1Endpoints.subsets), ageColumn],
  print(endpoints, now) {
    return {
      cells: [endpoints.metadata?.name ?? '', formatEndpoints(endpoints), ageSince(endpoints.metadata?.creationTimestamp, now)],
    };
  },
};

/** `formatDiscoveryPorts`: port numbers, the port's name when it has no number, `*` for neither. */
function discoveryPorts(ports: KubeObject[]): string {
  return listWithMore(ports.map((p) => (p.port != null ? String(p.port) : (p.name ?? '*'))));
}

export const endpointSliceTable: TableHandler = {
  columns: [
    nameColumn,
    column('AddressType', 'string', discoveryv1beta1EndpointSlice.addressType),
    column('Ports', 'string', discoveryv1beta1EndpointSlice.ports),
    column('Endpoints', 'string', discoveryv1beta1EndpointSlice.endpoints),
    ageColumn,
  ],
  print(slice, now) {
    const endpoints: KubeObject[] = slice.endpoints ?? [];
    return {
      cells: [
        slice.metadata?.name ?? '',
        slice.addressType ?? '',
        discoveryPorts(slice.ports ?? []),
        listWithMore(endpoints.flatMap((e) => e.addresses ?? [])),
        ageSince(slice.metadata?.creationTimestamp, now),
      ],
    };
  },
};
