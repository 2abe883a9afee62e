/**
 * HTTP from inside a Pod (what `kubectl exec POD -- curl web` does): the name resolved as the Pod's
 * resolv.conf and CoreDNS would (`web`, `web.default`, `web.default.svc`, `web.default.svc.cluster.local`,
 * a headless Service's Pod addresses), a ClusterIP routed through the same kube-proxy view as the
 * NodePorts (KUBE-SERVICES → KUBE-SVC-… → a random endpoint), a Pod IP reached directly. Failures come
 * back as the errno a real client would get, for the node's curl and wget to word their messages.
 */
import type { KubeObject } from '../api/status.js';
import { pickRandom } from './endpoints.js';
import { NODE_BRIDGE_IP, type PodNetwork, type PodResponse } from './pod-network.js';
import type { ProxyView } from './proxy-view.js';

export type FetchErrorCode = 'ENOTFOUND' | 'ECONNREFUSED' | 'ECONNRESET' | 'ETIMEDOUT';

/**
 * The node's ServiceFetch (src/sandbox/node/container-process.ts). Rejects with an Error whose
 * `code` says what a real client would get:
 *  - ENOTFOUND: no such name (curl `(6) Could not resolve host: web`);
 *  - ECONNREFUSED: RST or REJECT — a ClusterIP without endpoints, a Pod not listening (curl `(7)`);
 *  - ECONNRESET: the server stopped mid-request (curl `(56) Recv failure: Connection reset by peer`);
 *  - ETIMEDOUT: nothing answers at that address or port (curl `(28)` after its connect timeout).
 */
export type ServiceFetch = (
  host: string,
  port: number,
  path: string,
  options?: { method?: string; headers?: Record<string, string>; from?: string },
) => Promise<PodResponse>;

const failure = (code: FetchErrorCode, message: string) => Object.assign(new Error(message), { code });

/** The search path of a Pod's /etc/resolv.conf in namespace `ns` (ClusterFirst DNS policy). */
const searchPath = (ns: string) => [`${ns}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];

export class ClusterFetch {
  constructor(
    private readonly view: ProxyView,
    private readonly network: PodNetwork,
    /** Pod IPs → Pods, for direct Pod addressing and headless Services. */
    private readonly podByIP: (ip: string) => KubeObject | undefined,
  ) {}

  /** HTTP from the Pod whose IP is `options.from` (its namespace decides the DNS search path). */
  readonly fetchService: ServiceFetch = async (host, port, path, options = {}) => {
    const from = options.from ? this.podByIP(options.from) : undefined;
    const target = this.resolve(from?.metadata.namespace ?? 'default', host.toLowerCase().replace(/\.$/, ''), port);
    if ('code' in target) throw failure(target.code, target.message);
    const server = this.network.connect(target.ip, target.port);
    if (!server) throw failure('ECONNREFUSED', `connect ECONNREFUSED ${target.ip}:${target.port}`);
    const headers = options.headers ?? { host: port === 80 ? host : `${host}:${port}`, 'user-agent': 'curl/7.88.1', accept: '*/*' };
    try {
      return await server.handle({ method: options.method ?? 'GET', path: path.startsWith('/') ? path : `/${path}`, headers, remoteAddress: options.from ?? NODE_BRIDGE_IP });
    } catch {
      // The server went away mid-request: whatever it was, the client sees its connection reset.
      throw failure('ECONNRESET', 'read ECONNRESET');
    }
  };

  /** The IP and port a connection to `host:port` ends up on, after DNS and DNAT. */
  private resolve(namespace: string, host: string, port: number): { ip: string; port: number } | { code: FetchErrorCode; message: string } {
    const timeout = { code: 'ETIMEDOUT' as const, message: `connect ETIMEDOUT ${host}:${port}` };
    if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
      const service = this.view.serviceByClusterIP(host);
      if (service) return this.throughService(service, port) ?? timeout;
      if (this.podByIP(host)) return { ip: host, port };
      return timeout;
    }
    const service = this.lookup(namespace, host);
    if (!service) return { code: 'ENOTFOUND', message: `getaddrinfo ENOTFOUND ${host}` };
    if (service.spec?.clusterIP === 'None') {
      // A headless Service's name resolves to its ready Pods' addresses; the client takes one.
      const ips = new Set<string>();
      for (const p of service.spec.ports ?? []) for (const e of this.view.endpoints(namespace, service.metadata.name, p.name ?? '')) ips.add(e.ip);
      const ip = pickRandom([...ips]);
      return ip ? { ip, port } : { code: 'ENOTFOUND', message: `getaddrinfo ENOTFOUND ${host}` };
    }
    return this.throughService(service, port) ?? timeout;
  }

  private throughService(service: KubeObject, port: number): { ip: string; port: number } | { code: 'ECONNREFUSED'; message: string } | undefined {
    const servicePort = (service.spec?.ports ?? []).find((p: KubeObject) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
    if (!servicePort) return undefined;
    const endpoint = pickRandom(this.view.endpoints(service.metadata.namespace, service.metadata.name, servicePort.name ?? ''));
    // "has no endpoints" rule: -j REJECT, so the client is refused at once.
    if (!endpoint) return { code: 'ECONNREFUSED', message: `connect ECONNREFUSED ${service.spec.clusterIP}:${port}` };
    return { ip: endpoint.ip, port: endpoint.port };
  }

  /** CoreDNS's answer for a name, trying the Pod's search path as the resolver does (ndots:5). */
  private lookup(namespace: string, host: string): KubeObject | undefined {
    const candidates = [...searchPath(namespace).map((suffix) => `${host}.${suffix}`), host];
    for (const name of candidates) {
      const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(name);
      const service = m && this.view.service(m[2]!, m[1]!);
      if (service && service.spec?.type !== 'ExternalName') return service;
    }
    return undefined;
  }
}
