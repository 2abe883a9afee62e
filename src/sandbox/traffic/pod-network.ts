/**
 * What the traffic half needs from the simulated node (src/sandbox/node): reaching a Pod's server
 * by IP and port, and running a command in a container. The node implements both; tests pass small
 * fakes. Kept here so the Service proxy, the apiserver's proxy and `kubectl exec` depend on an
 * interface, not on the node's internals.
 */

// The request/response shapes are the node's own (one definition for both halves).
import type { PodServer } from '../node/node-network.js';
export type { PodRequest, PodResponse, PodServer } from '../node/node-network.js';

export interface PodNetwork {
  /** The server on `podIP:port` now, or undefined when nothing listens there (connection refused). */
  connect(podIP: string, port: number): PodServer | undefined;
}

import type { ExecResult } from '../node/container-process.js';
export type { ExecResult } from '../node/container-process.js';

import type { ExecShell } from '../node/interactive-shell.js';
export type { ExecShell } from '../node/interactive-shell.js';

export interface PodExec {
  /** Runs `argv` in a running container, as `kubectl exec POD -c CONTAINER -- argv…` does. */
  exec(namespace: string, pod: string, container: string, argv: string[]): ExecResult | Promise<ExecResult>;
  /**
   * An interactive shell (`kubectl exec -it POD -- sh`), or undefined when there is none to open
   * (then `exec` runs the command and reports why). Optional: fakes in tests may leave it out.
   */
  shell?(namespace: string, pod: string, container: string, argv: string[], options: { tty: boolean }): ExecShell | undefined;
}

/**
 * The address Pods see host-originated connections come from: minikube's bridge CNI gateway.
 * kube-proxy masquerades NodePort traffic (KUBE-MARK-MASQ) and the apiserver, on the host network,
 * reaches Pods through the bridge, so both arrive from here.
 */
export const NODE_BRIDGE_IP = '10.244.0.1';
