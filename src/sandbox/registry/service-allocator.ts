/**
 * ClusterIP and NodePort allocation, as the Service registry's allocators do: ClusterIPs from
 * minikube's default service CIDR 10.96.0.0/12, NodePorts at random from 30000-32767.
 */
import { invalid, type KubeObject } from '../api/status.js';

const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

export class ServiceAllocator {
  private readonly usedIPs = new Set<string>();
  private readonly usedPorts = new Set<number>();
  private nextIP = 2;

  /** Marks an address as taken (the kubernetes and kube-dns Services are created with fixed ones). */
  reserveIP(ip: string): void {
    this.usedIPs.add(ip);
  }

  /** Marks what a stored Service holds (its ClusterIP and NodePorts), for a restored sandbox. */
  adopt(service: KubeObject): void {
    const spec = service.spec ?? {};
    if (spec.clusterIP && spec.clusterIP !== 'None') this.usedIPs.add(spec.clusterIP);
    for (const port of spec.ports ?? []) if (port.nodePort) this.usedPorts.add(port.nodePort);
  }

  allocateIP(): string {
    for (;;) {
      const n = this.nextIP++;
      // 10.96.0.0/12 spans 10.96.0.0–10.111.255.255; the sandbox never needs more than a /16.
      const ip = `10.${96 + Math.floor(n / 65536)}.${Math.floor(n / 256) % 256}.${n % 256}`;
      if (n % 256 !== 0 && n % 256 !== 255 && !this.usedIPs.has(ip)) {
        this.usedIPs.add(ip);
        return ip;
      }
    }
  }

  allocatePort(): number {
    for (;;) {
      const port = NODE_PORT_MIN + Math.floor(Math.random() * (NODE_PORT_MAX - NODE_PORT_MIN + 1));
      if (!this.usedPorts.has(port)) {
        this.usedPorts.add(port);
        return port;
      }
    }
  }

  /**
   * Fills spec.clusterIP(s) and the NodePorts a Service of its type needs, keeping any the client or
   * the previous version already holds. Throws 422 for a NodePort that is taken or out of range.
   */
  allocate(service: KubeObject, previous?: KubeObject): void {
    const spec = (service.spec ??= {});
    const name = service.metadata?.name ?? '';
    if (spec.type !== 'ExternalName') {
      const ip = previous?.spec?.clusterIP ?? spec.clusterIP;
      if (ip !== 'None') {
        spec.clusterIP = ip && ip !== '' ? ip : this.allocateIP();
        if (!previous && ip) this.usedIPs.add(ip);
      }
      spec.clusterIPs = [spec.clusterIP];
    }
    const wantsNodePorts = spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
    const previousPorts = new Map<number, number>(
      (previous?.spec?.ports ?? []).filter((p: KubeObject) => p.nodePort).map((p: KubeObject) => [p.port, p.nodePort]),
    );
    (spec.ports ?? []).forEach((port: KubeObject, i: number) => {
      if (!wantsNodePorts) {
        delete port.nodePort;
        return;
      }
      if (port.nodePort) {
        if (port.nodePort < NODE_PORT_MIN || port.nodePort > NODE_PORT_MAX) {
          throw invalid('Service', '', name, [{ type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, detail: `Invalid value: ${port.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}` }]);
        }
        if (previousPorts.get(port.port) !== port.nodePort) {
          if (this.usedPorts.has(port.nodePort)) {
            throw invalid('Service', '', name, [{ type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, detail: `Invalid value: ${port.nodePort}: provided port is already allocated` }]);
          }
          this.usedPorts.add(port.nodePort);
        }
        return;
      }
      port.nodePort = previousPorts.get(port.port) ?? this.allocatePort();
    });
  }

  /** Frees what a deleted Service held. */
  release(service: KubeObject): void {
    if (service.spec?.clusterIP) this.usedIPs.delete(service.spec.clusterIP);
    for (const port of service.spec?.ports ?? []) if (port.nodePort) this.usedPorts.delete(port.nodePort);
  }
}
