/**
 * The apiserver's proxy subresources: `/api/v1/namespaces/NS/services/[scheme:]NAME[:port]/proxy/PATH`
 * and `…/pods/[scheme:]NAME[:port]/proxy/PATH`, so `kubectl get --raw …/services/web/proxy/` reaches
 * a Pod's server. Unlike kube-proxy, the apiserver reads the Endpoints object itself and dials the
 * address: no propagation delay (pkg/registry/core/service/storage ResourceLocation, pod/strategy.go
 * ResourceLocation), and its errors are the apiserver's: 503 `no endpoints available for service`,
 * 503 `error trying to reach service: dial tcp …: connect: connection refused`
 * (apimachinery/pkg/util/proxy/transport.go), 301 to `…/proxy/` for an empty path
 * (upgradeaware.go proxyRedirectsforRootPath).
 */
import { unescapeSegment } from '../server/routes.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest, notFound, type KubeObject } from '../api/status.js';
import { ENDPOINTS, PODS, SERVICES } from '../controllers/kinds.js';
import type { ObjectStore } from '../store/object-store.js';
import { sendError } from '../server/respond.js';
import { pickRandom } from './endpoints.js';
import { podRequest, writePodResponse } from './http-relay.js';
import { NODE_BRIDGE_IP, type PodNetwork } from './pod-network.js';

const PROXY_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/(services|pods)\/([^/]+)\/proxy(\/.*)?$/;

const unavailable = (message: string) => new ApiError(503, 'ServiceUnavailable', message);

interface Location {
  ip: string;
  port: number;
  scheme: string;
}

export class ApiProxy {
  constructor(
    private readonly store: ObjectStore,
    private readonly network: PodNetwork,
  ) {}

  /** Serves the request if its path is a proxy subresource; false otherwise. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const m = PROXY_PATH.exec(url.pathname);
    if (!m) return false;
    const [, namespace, resource, id, rest] = m as unknown as [string, string, 'services' | 'pods', string, string | undefined];
    void this.relay(req, res, url, unescapeSegment(url.pathname, namespace), resource, unescapeSegment(url.pathname, id), rest).catch((error: unknown) => sendError(res, error));
    return true;
  }

  private async relay(req: IncomingMessage, res: ServerResponse, url: URL, namespace: string, resource: 'services' | 'pods', id: string, rest: string | undefined): Promise<void> {
    const method = req.method ?? 'GET';
    if (rest === undefined && (method === 'GET' || method === 'HEAD')) {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
      return void res.end();
    }
    const location = resource === 'services' ? this.serviceLocation(namespace, id) : this.podLocation(namespace, id);
    if (location.scheme === 'https') {
      // The simulated servers speak plain HTTP, as the course's images do on their default ports.
      throw unavailable(`error trying to reach service: tls: first record does not look like a TLS handshake`);
    }
    const server = this.network.connect(location.ip, location.port);
    if (!server) throw unavailable(`error trying to reach service: dial tcp ${location.ip}:${location.port}: connect: connection refused`);
    // The authentication filter removes the bearer token before any handler runs.
    const request = podRequest(req, `${rest ?? '/'}${url.search}`, NODE_BRIDGE_IP, ['authorization']);
    request.headers.host = `${location.ip}:${location.port}`;
    request.headers['x-forwarded-for'] = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
    let answer;
    try {
      answer = await server.handle(request);
    } catch {
      const ephemeral = 32768 + Math.floor(Math.random() * 28232);
      throw unavailable(`error trying to reach service: read tcp ${NODE_BRIDGE_IP}:${ephemeral}->${location.ip}:${location.port}: read: connection reset by peer`);
    }
    writePodResponse(res, answer, 'drop');
  }

  /** ResourceLocation of the Service registry: a random ready address of the Endpoints, by port name. */
  private serviceLocation(namespace: string, id: string): Location {
    const { scheme, name, port } = splitSchemeNamePort(id, 'service');
    let portName = port;
    if (/^\d+$/.test(port)) {
      const service = this.store.peek(SERVICES, namespace, name);
      if (!service) throw notFound('services', '', name);
      const match = (service.spec?.ports ?? []).find((p: KubeObject) => p.port === Number(port));
      if (!match) throw unavailable(`no service port ${port} found for service "${name}"`);
      portName = match.name ?? '';
    }
    const endpoints = this.store.peek(ENDPOINTS, namespace, name);
    if (!endpoints) throw notFound('endpoints', '', name);
    const subsets: KubeObject[] = endpoints.subsets ?? [];
    if (subsets.length === 0) throw unavailable(`no endpoints available for service "${name}"`);
    const seed = Math.floor(Math.random() * subsets.length);
    for (let i = 0; i < subsets.length; i++) {
      const subset = subsets[(seed + i) % subsets.length]!;
      const subsetPort = (subset.ports ?? []).find((p: KubeObject) => (p.name ?? '') === portName);
      // isValidAddress: the address must still be its Pod's IP.
      const valid = (subset.addresses ?? []).filter((a: KubeObject) => this.podHasIP(a, namespace));
      const address = pickRandom<KubeObject>(valid);
      if (subsetPort && address) return { ip: address.ip, port: subsetPort.port, scheme };
    }
    throw unavailable(`no endpoints available for service "${id}"`);
  }

  /** ResourceLocation of the Pod registry: the Pod's IP, the first declared container port by default. */
  private podLocation(namespace: string, id: string): Location {
    const { scheme, name, port } = splitSchemeNamePort(id, 'pod');
    const pod = this.store.peek(PODS, namespace, name);
    if (!pod) throw notFound('pods', '', name);
    let portNumber = port;
    if (!portNumber) {
      const declared = (pod.spec?.containers ?? []).find((c: KubeObject) => (c.ports ?? []).length > 0);
      portNumber = declared ? String(declared.ports[0].containerPort) : '';
    }
    const ip: string | undefined = pod.status?.podIP;
    if (!ip) throw badRequest('address not allowed');
    // A named port is dialled as a service name would be, and fails the same way.
    if (portNumber && !/^\d+$/.test(portNumber)) throw unavailable(`error trying to reach service: dial tcp: lookup ${ip}:${portNumber}: unknown port`);
    return { ip, port: portNumber ? Number(portNumber) : scheme === 'https' ? 443 : 80, scheme };
  }

  private podHasIP(address: KubeObject, namespace: string): boolean {
    const ref = address.targetRef;
    if (!ref || ref.namespace !== namespace) return false;
    const pod = this.store.peek(PODS, namespace, ref.name);
    return (pod?.status?.podIPs ?? []).some((p: KubeObject) => p.ip === address.ip);
  }
}

/** utilnet.SplitSchemeNamePort: `name`, `name:port` or `scheme:name:port`, scheme http or https. */
function splitSchemeNamePort(id: string, what: 'service' | 'pod'): { scheme: string; name: string; port: string } {
  const parts = id.split(':');
  const [scheme, name, port] = parts.length === 3 ? parts : parts.length === 2 ? ['', parts[0], parts[1]] : parts.length === 1 ? ['', parts[0], ''] : [];
  if (!name || !['', 'http', 'https'].includes(scheme!)) throw badRequest(`invalid ${what} request "${id}"`);
  return { scheme: scheme!, name, port: port! };
}
