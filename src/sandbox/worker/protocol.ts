/**
 * The messages between the app's thread and the sandbox's worker thread (issue 9). Thin on
 * purpose: the sandbox serves kubectl and client-node over HTTPS on 127.0.0.1 like a real cluster,
 * so the app needs from the worker only where that is (server, kubeconfig, token, CA), the Service
 * URLs kube-proxy announces, and a clean stop. Everything here is structured-clone data.
 */
import type { SandboxNotice } from '../index.js';
import type { ServiceUrlEvents } from '../traffic/index.js';
import type { NodeCapacity } from '../bootstrap.js';

/** The SandboxOptions a worker can take: no functions or objects across the boundary. */
export interface WorkerSandboxOptions {
  speed?: number;
  port?: number;
  /** Where the API listens (`kubedojo sandbox --workshop --address`); 127.0.0.1 by default. */
  address?: string;
  kubeconfigPath?: string;
  proxyPropagationMs?: number;
  eventTtlMs?: number;
  /** Where the sandbox saves and restores its state (store/persistence.ts). */
  stateDir?: string;
  fresh?: boolean;
  /** The simulated node's capacity (bootstrap.ts): ROOM_CAPACITY for `kubedojo sandbox --workshop`. */
  nodeCapacity?: NodeCapacity;
}

export type ServiceUrlEventName = keyof ServiceUrlEvents;

export type ToWorker = { type: 'stop' };

export type FromWorker =
  | { type: 'ready'; server: string; kubeconfigPath: string; token: string; caPem: string; notices: SandboxNotice[] }
  | { type: 'failed'; message: string; stack?: string; /** A system error's code (EADDRINUSE…), for the caller's message. */ code?: string }
  | { type: 'service-url'; event: ServiceUrlEventName; payload: ServiceUrlEvents[ServiceUrlEventName][0] }
  | { type: 'stopped' };

export const SERVICE_URL_EVENTS: readonly ServiceUrlEventName[] = ['url', 'removed', 'warning', 'port'];
