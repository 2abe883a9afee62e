/**
 * The sandbox cluster: an in-process Kubernetes API on 127.0.0.1 with simulated controllers and a
 * simulated minikube node, for learners without a cluster and for every end-to-end test.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimClock } from './clock.js';
import { ObjectStore } from './store/object-store.js';
import { Registry } from './registry/registry.js';
import { ApiServer } from './server/api-server.js';
import { createServingCertificate } from './server/certificate.js';
import { bootstrapCluster } from './bootstrap.js';
import { writeSandboxKubeconfig, SANDBOX_CONTEXT } from './kubeconfig.js';
import { startControllers } from './controllers/index.js';
import { startNode } from './node/index.js';
import { startTraffic, type PodExec, type PodNetwork, type ServiceUrlEvents } from './traffic/index.js';
import type { EventEmitter } from 'node:events';

export { SANDBOX_CONTEXT };

export interface SandboxOptions {
  /** Divides every simulated delay (image pulls, container starts, grace periods): 1 is real pace. */
  speed?: number;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where to write the kubeconfig; a fresh temporary directory by default. */
  kubeconfigPath?: string;
  /**
   * Simulated ms between an endpoint (or Service) change and kube-proxy acting on it: the window in
   * which a request can still reach a Pod that left the endpoints. 1,000 by default (iptables'
   * min sync period).
   */
  proxyPropagationMs?: number;
  /** kube-apiserver's `--event-ttl`: how long an Event lives after its last write (1 h by default). */
  eventTtlMs?: number;
  /** How long a request body may take to arrive (60 s, kube-apiserver's request timeout). */
  bodyTimeoutMs?: number;
  /** Replaces the simulated node's Pod network and exec (tests of the traffic half). */
  network?: PodNetwork & Partial<PodExec>;
}

export interface Sandbox {
  /** `https://127.0.0.1:<port>` */
  server: string;
  kubeconfigPath: string;
  token: string;
  /** The server's self-signed certificate (PEM), for clients outside the kubeconfig. */
  caPem: string;
  store: ObjectStore;
  registry: Registry;
  clock: SimClock;
  /** `http://127.0.0.1:<nodePort>` of a NodePort or LoadBalancer Service, once kube-proxy programmed it. */
  urlOf(namespace: string, name: string): string | undefined;
  /** `url` ({ namespace, name, url }) as each Service's URL appears; `removed`; `port` (a NodePort opens or closes); kube-proxy's `warning`s. */
  serviceUrls: EventEmitter<ServiceUrlEvents>;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = new SimClock(options.speed ?? 1);
  const store = new ObjectStore();
  const registry = new Registry(store, clock);
  const controllers = startControllers({ store, registry, clock, eventTtlMs: options.eventTtlMs });
  // CPU, memory and ephemeral storage requests are enforced; the Node's "110 pods" is not, so the
  // sandbox can run the 1,000-replica exercises (docs/decisions.md, "Sandbox: capacity").
  const node = startNode({ store, registry, clock, events: controllers.events });
  bootstrapCluster(registry);
  const traffic = startTraffic({
    store,
    clock,
    network: options.network ?? node,
    exec: options.network?.exec ? (options.network as PodExec) : node,
    events: controllers.events,
    propagationMs: options.proxyPropagationMs,
  });
  // curl and wget inside Pods reach Services through the same kube-proxy view as the NodePorts.
  node.setServiceFetch(traffic.cluster.fetchService);

  const token = randomBytes(24).toString('base64url');
  const tls = await createServingCertificate();
  const api = new ApiServer({ registry, logs: node.logSource, token, tls, traffic: traffic.api, bodyTimeoutMs: options.bodyTimeoutMs });
  let server: string;
  try {
    server = await api.listen(options.port ?? 0);
  } catch (error) {
    // A port in use: nothing may keep running (timers, NodePort listeners) behind the error.
    await traffic.stop();
    node.stop();
    controllers.stop();
    clock.stop();
    throw error;
  }

  const tempDir = options.kubeconfigPath ? undefined : await mkdtemp(join(tmpdir(), 'kubedojo-sandbox-'));
  const kubeconfigPath = options.kubeconfigPath ?? join(tempDir!, 'kubeconfig');
  await writeSandboxKubeconfig(kubeconfigPath, server, token, tls.certPem);

  let stopped = false;
  return {
    server,
    kubeconfigPath,
    token,
    caPem: tls.certPem,
    store,
    registry,
    clock,
    urlOf: (namespace, name) => traffic.proxy.urlOf(namespace, name),
    serviceUrls: traffic.proxy.events,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Together: the API server's close waits for its sockets, and upgraded ones (exec, port-forward)
      // are the traffic half's to end.
      await Promise.all([api.close(), traffic.stop()]);
      node.stop();
      controllers.stop();
      clock.stop();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}
