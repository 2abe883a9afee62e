/**
 * Traffic in the sandbox: kube-proxy (NodePorts on 127.0.0.1, ClusterIPs from inside Pods), the
 * apiserver's proxy subresources, and the streaming ones (`kubectl exec`, `kubectl port-forward`).
 * All of it reaches Pods through the simulated node's `PodNetwork` and runs commands through its
 * `PodExec`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SimClock } from '../clock.js';
import type { EventRecorder } from '../controllers/events/event-recorder.js';
import { PODS } from '../controllers/kinds.js';
import type { ObjectStore } from '../store/object-store.js';
import { ApiProxy } from './api-proxy.js';
import { ClusterFetch } from './cluster-fetch.js';
import type { PodExec, PodNetwork } from './pod-network.js';
import { DEFAULT_PROPAGATION_MS, ProxyView } from './proxy-view.js';
import { ServiceProxy } from './service-proxy.js';
import { StreamUpgrades } from './streams/upgrade.js';

export { DEFAULT_PROPAGATION_MS } from './proxy-view.js';
export { rejectUpgrade } from './streams/upgrade.js';
export type { ServiceUrl, ServiceUrlEvents, TrafficWarning } from './service-proxy.js';
export type { FetchErrorCode, ServiceFetch } from './cluster-fetch.js';
export { NODE_BRIDGE_IP, type ExecResult, type PodExec, type PodNetwork, type PodRequest, type PodResponse, type PodServer } from './pod-network.js';

/** What the API server hands over to the traffic half (see server/api-server.ts). */
export interface ApiTraffic {
  /** Serves a `services/…/proxy/…` or `pods/…/proxy/…` request; false when the path is neither. */
  serveProxy(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** Takes over an authenticated upgrade request (exec, port-forward, attach). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

export interface TrafficOptions {
  store: ObjectStore;
  clock: SimClock;
  network: PodNetwork;
  exec: PodExec;
  /** The controllers' recorder: kube-proxy's Events go through it. */
  events?: EventRecorder;
  /** Simulated ms before kube-proxy acts on a Service or endpoint change (default 1,000). */
  propagationMs?: number;
  nodeName?: string;
  /** Called on every NodePort connection (memory-trim.ts: no pause while traffic flows). */
  onConnection?: () => void;
}

export interface Traffic {
  proxy: ServiceProxy;
  api: ApiTraffic;
  /** HTTP from inside a Pod: `cluster.fetchService` is the node's ServiceFetch, for its curl and wget. */
  cluster: ClusterFetch;
  stop(): Promise<void>;
}

export function startTraffic(options: TrafficOptions): Traffic {
  const nodeName = options.nodeName ?? 'minikube';
  const view = new ProxyView(options.store, options.clock, options.propagationMs ?? DEFAULT_PROPAGATION_MS);
  const proxy = new ServiceProxy({
    view,
    network: options.network,
    recorder: options.events?.eventsApi('kube-proxy', `kube-proxy-${nodeName}`),
    nodeName,
    ...(options.onConnection === undefined ? {} : { onConnection: options.onConnection }),
  });
  const apiProxy = new ApiProxy(options.store, options.network);
  const streams = new StreamUpgrades(options.store, options.exec, options.network);
  const podByIP = (ip: string) => options.store.list(PODS).items.find((p) => p.status?.podIP === ip);
  return {
    proxy,
    api: {
      serveProxy: (req, res, url) => apiProxy.serve(req, res, url),
      upgrade: (req, socket, head) => streams.handle(req, socket, head),
    },
    cluster: new ClusterFetch(view, options.network, podByIP),
    async stop() {
      view.stop();
      await Promise.all([proxy.stop(), streams.close()]);
    },
  };
}
