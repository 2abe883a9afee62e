/**
 * The node's pod network, as far as traffic is concerned: which Pod IP and port has a listening
 * socket right now. A server opens its ports when it is ready to (after its warm-up) and closes them
 * when it stops accepting (at its stop signal, or when it dies); `connect` finds nothing otherwise,
 * which the caller turns into "connection refused", exactly what a client of a real Pod sees.
 */

/** One HTTP request as the simulated servers see it. */
export interface PodRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The client's address, for the access log (10.244.0.1 for the kubelet's probes). */
  remoteAddress: string;
}

export interface PodResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * An accepted connection to a Pod's server. `handle` answers like the image does and writes the
 * access-log line; a request in flight when the server stops resolves if the server drains, and
 * otherwise rejects with an Error whose `code` is 'ECONNRESET'.
 */
export interface PodServer {
  pod: { namespace: string; name: string };
  handle(request: PodRequest): Promise<PodResponse>;
}

export interface Listener {
  /** A new connection, or undefined when the socket no longer accepts. */
  accept(): PodServer | undefined;
}

export function connectionReset(): Error {
  return Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
}

export class NodeNetwork {
  private readonly listeners = new Map<string, Listener>();

  /** Opens `ip:port`; returns the function that closes it. */
  listen(ip: string, port: number, listener: Listener): () => void {
    const key = `${ip}:${port}`;
    this.listeners.set(key, listener);
    return () => {
      if (this.listeners.get(key) === listener) this.listeners.delete(key);
    };
  }

  connect(ip: string, port: number): PodServer | undefined {
    return this.listeners.get(`${ip}:${port}`)?.accept();
  }
}
