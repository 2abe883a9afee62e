/**
 * The sandbox's kube-proxy for traffic from the machine: every NodePort (and LoadBalancer, which
 * allocates NodePorts) Service port gets a listener on 127.0.0.1:<nodePort>, opened and closed as
 * kube-proxy's view of the Service and its endpoints changes, and announced as a URL — the sandbox's
 * `minikube service --url`. A port another process holds is reported the way kube-proxy did while it
 * still held NodePorts open (pkg/proxy/iptables/proxier.go before v1.26: a Warning Event on the Node
 * and the log line `can't open "nodePort for ns/svc" (:port/tcp), skipping this nodePort: …`), and
 * never stops the sandbox.
 */
import { EventEmitter } from 'node:events';
import { connect } from 'node:net';
import type { KubeObject } from '../api/status.js';
import type { Recorder } from '../controllers/events/event-recorder.js';
import { pickRandom } from './endpoints.js';
import { NodePortListener, type NodePortRouter } from './node-port-listener.js';
import type { PodNetwork } from './pod-network.js';
import type { ProxyView } from './proxy-view.js';

export interface ServiceUrl {
  namespace: string;
  name: string;
  url: string;
}

export interface TrafficWarning {
  namespace: string;
  name: string;
  /** One line, as kube-proxy logs it. */
  message: string;
}

export interface ServiceUrlEvents {
  /** A Service got a URL (or a new one): `{ namespace, name, url }`. */
  url: [ServiceUrl];
  /** A Service that had a URL is gone or no longer exposes a NodePort. */
  removed: [{ namespace: string; name: string }];
  /** Something kube-proxy would log as an error, e.g. a NodePort that cannot be opened. */
  warning: [TrafficWarning];
  /**
   * A NodePort started (`open: true`) or stopped accepting connections: it is closed — connections
   * refused — while the Service has no usable endpoints, and once the Service is gone.
   */
  port: [ServiceUrl & { open: boolean }];
}

/** What a NodePort leads to. */
interface Target {
  namespace: string;
  name: string;
  portName: string;
  /** Set once a failure to bind was reported, until the port opens. */
  reported: boolean;
}

interface PortEntry {
  target: Target;
  listener: NodePortListener;
}

export interface ServiceProxyOptions {
  view: ProxyView;
  network: PodNetwork;
  /** kube-proxy's events.k8s.io recorder; the Events go on the Node. */
  recorder?: Recorder;
  nodeName?: string;
  host?: string;
  /** Called on every NodePort connection. */
  onConnection?: () => void;
}

export class ServiceProxy {
  readonly events = new EventEmitter<ServiceUrlEvents>();
  private readonly ports = new Map<number, PortEntry>();
  /** Listeners of deleted Services still closing, so a re-created one binds after them. */
  private readonly closing = new Map<number, Promise<void>>();
  private readonly announced = new Map<string, string>();
  private readonly host: string;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: ServiceProxyOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.unsubscribe = options.view.onChange((namespace, name) => this.sync(namespace, name));
    for (const service of [...options.view.allServices()]) this.sync(service.metadata.namespace, service.metadata.name);
  }

  /** `http://127.0.0.1:<nodePort>` of the Service's first port, once kube-proxy has programmed it. */
  urlOf(namespace: string, name: string): string | undefined {
    return this.urlsOf(namespace, name)[0];
  }

  /** One URL per NodePort, in the order of spec.ports (as `minikube service --url` prints them). */
  urlsOf(namespace: string, name: string): string[] {
    return nodePorts(this.options.view.service(namespace, name)).map((p) => `http://${this.host}:${p.nodePort}`);
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    const entries = [...this.ports.values()];
    this.ports.clear();
    await Promise.all(entries.map((entry) => entry.listener.destroy()));
  }

  private sync(namespace: string, name: string): void {
    const { view } = this.options;
    const wanted = nodePorts(view.service(namespace, name));
    for (const [port, { target, listener }] of this.ports) {
      if (target.namespace === namespace && target.name === name && !wanted.some((w) => w.nodePort === port)) {
        this.ports.delete(port);
        const closed = listener.destroy().finally(() => this.closing.get(port) === closed && this.closing.delete(port));
        this.closing.set(port, closed);
      }
    }
    for (const { nodePort, portName } of wanted) {
      let entry = this.ports.get(nodePort);
      const fresh = !entry;
      if (!entry) {
        entry = this.listen(nodePort, { namespace, name, portName, reported: false });
        this.ports.set(nodePort, entry);
      }
      // A NodePort freed by one Service and taken by another moves with its allocation.
      Object.assign(entry.target, { namespace, name, portName });
      const hasEndpoints = view.endpoints(namespace, name, portName).length > 0;
      void entry.listener.setOpen(hasEndpoints);
      if (fresh && !hasEndpoints) this.probe(entry, nodePort);
    }
    this.announce(namespace, name);
  }

  private listen(nodePort: number, target: Target): PortEntry {
    const url = `http://${this.host}:${nodePort}`;
    const listener = new NodePortListener(
      nodePort,
      this.router(target),
      {
        error: (error) => this.cannotOpen(target, nodePort, error),
        state: (open) => {
          if (open) target.reported = false;
          this.events.emit('port', { namespace: target.namespace, name: target.name, url, open });
        },
        ...(this.options.onConnection === undefined ? {} : { connected: this.options.onConnection }),
      },
      this.host,
      this.closing.get(nodePort),
    );
    return { target, listener };
  }

  private router(target: Target): NodePortRouter {
    const { view, network } = this.options;
    return {
      pick: () => {
        const endpoint = pickRandom(view.endpoints(target.namespace, target.name, target.portName));
        const server = endpoint && network.connect(endpoint.ip, endpoint.port);
        return server && endpoint ? { endpoint, server } : undefined;
      },
      reach: (endpoint) => network.connect(endpoint.ip, endpoint.port),
    };
  }

  /**
   * A Service without endpoints keeps its port closed (refused), but the learner should hear now,
   * not at the first ready Pod, that another program holds it. Connecting tells without ever
   * accepting a connection the way a trial bind would.
   */
  private probe(entry: PortEntry, port: number): void {
    const socket = connect({ port, host: this.host });
    socket.once('connect', () => {
      socket.destroy();
      if (this.ports.get(port) === entry && !entry.listener.listening) {
        this.cannotOpen(entry.target, port, Object.assign(new Error('address already in use'), { code: 'EADDRINUSE' }));
      }
    });
    socket.once('error', () => socket.destroy());
  }

  private cannotOpen(entry: Target, port: number, error: NodeJS.ErrnoException): void {
    if (entry.reported) return;
    entry.reported = true;
    const cause = error.code === 'EADDRINUSE' ? 'bind: address already in use' : error.code === 'EACCES' ? 'bind: permission denied' : error.message;
    const reason = `listen tcp ${this.host}:${port}: ${cause}`;
    const servicePort = `${entry.namespace}/${entry.name}${entry.portName ? `:${entry.portName}` : ''}`;
    const message = `can't open "nodePort for ${servicePort}" (${this.host}:${port}/tcp), skipping this nodePort: ${reason}`;
    const node = this.options.nodeName ?? 'minikube';
    // The reference old kube-proxy built by hand: kind Node, the host name as name and uid.
    this.options.recorder?.event({ kind: 'Node', metadata: { name: node, uid: node } }, 'Warning', reason, message, { action: 'SyncProxyRules' });
    this.events.emit('warning', { namespace: entry.namespace, name: entry.name, message });
  }

  private announce(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    const url = this.urlOf(namespace, name);
    const before = this.announced.get(key);
    if (url === before) return;
    if (url) {
      this.announced.set(key, url);
      this.events.emit('url', { namespace, name, url });
    } else {
      this.announced.delete(key);
      this.events.emit('removed', { namespace, name });
    }
  }
}

/** The Service's NodePorts: NodePort and LoadBalancer types, TCP ports that have one. */
function nodePorts(service: KubeObject | undefined): { nodePort: number; portName: string }[] {
  const type = service?.spec?.type;
  if (type !== 'NodePort' && type !== 'LoadBalancer') return [];
  return (service!.spec.ports ?? [])
    .filter((p: KubeObject) => p.nodePort && (p.protocol ?? 'TCP') === 'TCP')
    .map((p: KubeObject) => ({ nodePort: p.nodePort as number, portName: (p.name ?? '') as string }));
}
