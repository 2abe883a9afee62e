/**
 * One NodePort on the sandbox node's address, 127.0.0.1:<nodePort> — what minikube's
 * `minikube service --url` prints. A userspace stand-in for kube-proxy's KUBE-NODEPORTS rules.
 *
 * Routing is per connection, as iptables does it: the DNAT target is chosen on the first packet and
 * conntrack keeps every later packet of that connection on the same endpoint, so a keep-alive client
 * stays with one Pod (curl in a loop opens a new connection, and is balanced, every time).
 *
 * Refusal. With iptables, a Pod that is in the endpoints but not listening answers the SYN with a
 * RST, and a Service without endpoints has a REJECT rule (icmp-port-unreachable): both give curl
 * `(7) Failed to connect ... Connection refused` (curl ≥ 7.87: `Couldn't connect to server`). A
 * userspace proxy cannot refuse one connection like that: the kernel completes the handshake before
 * the listener sees it. So:
 *  - with no usable endpoints the listener is closed, and the kernel refuses — curl `(7)`, exact;
 *  - a connection routed to a Pod that does not listen is reset at once (`socket.resetAndDestroy()`,
 *    SO_LINGER 0): curl prints `(56) Recv failure: Connection reset by peer`, a browser
 *    ERR_CONNECTION_RESET, Node ECONNRESET. A failed request either way, one line of text apart.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Endpoint } from './endpoints.js';
import { drain, podRequest, writePodResponse } from './http-relay.js';
import { NODE_BRIDGE_IP, type PodServer } from './pod-network.js';

export interface Backend {
  endpoint: Endpoint;
  server: PodServer;
}

export interface ListenerHooks {
  /** The port cannot be bound (another process holds it). */
  error(error: NodeJS.ErrnoException): void;
  /** The port started or stopped accepting connections. */
  state(open: boolean): void;
  /** A client connected (the sandbox's memory trimmer keeps its pause away from live traffic). */
  connected?(): void;
}

export interface NodePortRouter {
  /** kube-proxy's choice for a new connection; undefined when it would be refused. */
  pick(): Backend | undefined;
  /** The server behind an endpoint now, for the next request on a kept-alive connection. */
  reach(endpoint: Endpoint): PodServer | undefined;
}

/** nginx's keepalive_timeout default: an idle kept-alive connection is closed after 75 s. */
const KEEP_ALIVE_MS = 75_000;

export class NodePortListener {
  private server?: Server;
  /** Closed servers whose connections are still finishing, and when they are done. */
  private readonly draining = new Map<Server, Promise<void>>();
  private desired = false;
  private running = false;
  private settling: Promise<void> = Promise.resolve();
  private readonly pinned = new WeakMap<Socket, { backend: Backend; requests: number }>();

  constructor(
    readonly port: number,
    private readonly router: NodePortRouter,
    private readonly hooks: ListenerHooks,
    readonly host = '127.0.0.1',
    /** The previous listener on this port, still closing: bind only after it. */
    private previous?: Promise<void>,
  ) {}

  get listening(): boolean {
    return this.server !== undefined;
  }

  /** Opens or closes the port; resolves once it is in the state asked for (or failed to open). */
  setOpen(open: boolean): Promise<void> {
    this.desired = open;
    // One settle loop at a time; it re-reads `desired` after every await, so a change made while it
    // runs is picked up, and one made after it ended starts a new loop.
    if (!this.running) {
      this.running = true;
      this.settling = this.settle();
    }
    return this.settling;
  }

  /** Closes the port and every connection through it (the Service is gone, or the sandbox stops). */
  async destroy(): Promise<void> {
    await this.setOpen(false);
    for (const server of this.draining.keys()) server.closeAllConnections();
    await Promise.all(this.draining.values());
  }

  private async settle(): Promise<void> {
    try {
      while (this.listening !== this.desired) {
        if (!this.desired) {
          this.shutdown();
          continue;
        }
        if (this.previous) await this.previous.catch(() => {});
        this.previous = undefined;
        if (!this.desired) continue;
        const server = await this.listen();
        // Not bound: tried again on the next change, as kube-proxy retries on its next sync.
        if (!server) return;
        this.server = server;
        this.hooks.state(true);
      }
    } finally {
      this.running = false;
    }
  }

  private listen(): Promise<Server | undefined> {
    const server = createServer({ keepAliveTimeout: KEEP_ALIVE_MS }, (req, res) => this.request(req, res));
    server.on('connection', (socket: Socket) => this.connection(socket));
    return new Promise((resolve) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        this.hooks.error(error);
        resolve(undefined);
      });
      server.listen(this.port, this.host, () => {
        server.removeAllListeners('error');
        // A listener error after binding (none is expected) must never take the sandbox down.
        server.on('error', () => {});
        resolve(server);
      });
    });
  }

  private shutdown(): void {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    // The listening socket goes at once, so the port refuses from now on. Established connections
    // are conntrack's business: they keep their endpoint until they end (idle ones Node closes now).
    this.draining.set(server, new Promise((resolve) => server.close(() => resolve())));
    void this.draining.get(server)!.then(() => this.draining.delete(server));
    this.hooks.state(false);
  }

  private connection(socket: Socket): void {
    this.hooks.connected?.();
    const backend = this.router.pick();
    if (!backend) {
      socket.resetAndDestroy();
      return;
    }
    this.pinned.set(socket, { backend, requests: 0 });
  }

  private request(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    const pin = this.pinned.get(socket);
    drain(req);
    if (!pin) return void socket.resetAndDestroy();
    // The first request goes to the server picked at connect; a later one finds the Pod's server
    // gone if it stopped meanwhile — the connection it was on died with it.
    const server = pin.requests++ === 0 ? pin.backend.server : this.router.reach(pin.backend.endpoint);
    if (!server || server.pod.name !== pin.backend.server.pod.name || server.pod.namespace !== pin.backend.server.pod.namespace) {
      return void socket.resetAndDestroy();
    }
    server.handle(podRequest(req, req.url ?? '/', NODE_BRIDGE_IP)).then(
      (answer) => {
        try {
          writePodResponse(res, answer);
        } catch {
          socket.resetAndDestroy();
        }
      },
      () => socket.resetAndDestroy(),
    );
  }
}
