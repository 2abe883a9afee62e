/**
 * What the traffic half needs from the simulated node (src/sandbox/node): reaching a Pod's server
 * by IP and port, and running a command in a container. The node implements both; tests pass small
 * fakes. Kept here so the Service proxy, the apiserver's proxy and `kubectl exec` depend on an
 * interface, not on the node's internals.
 */

/** One HTTP request as a Pod's server receives it. */
export interface PodRequest {
  method: string;
  /** Path and query, as on the request line: `/index.html?x=1`. */
  path: string;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The address the server sees the connection come from (what nginx logs as `$remote_addr`). */
  remoteAddress: string;
}

export interface PodResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A server listening on a Pod's IP and port. */
export interface PodServer {
  pod: { namespace: string; name: string };
  /**
   * Answers one request. Rejects with an Error whose `code` is `ECONNRESET` when the server stops
   * mid-request (SIGTERM without draining).
   */
  handle(request: PodRequest): Promise<PodResponse>;
}

export interface PodNetwork {
  /** The server on `podIP:port` now, or undefined when nothing listens there (connection refused). */
  connect(podIP: string, port: number): PodServer | undefined;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface PodExec {
  /** Runs `argv` in a running container, as `kubectl exec POD -c CONTAINER -- argv…` does. */
  exec(namespace: string, pod: string, container: string, argv: string[]): ExecResult | Promise<ExecResult>;
}

/**
 * The address Pods see host-originated connections come from: minikube's bridge CNI gateway.
 * kube-proxy masquerades NodePort traffic (KUBE-MARK-MASQ) and the apiserver, on the host network,
 * reaches Pods through the bridge, so both arrive from here.
 */
export const NODE_BRIDGE_IP = '10.244.0.1';
