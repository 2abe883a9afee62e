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
import { bootstrapCluster, type NodeCapacity } from './bootstrap.js';
import { writeSandboxKubeconfig, SANDBOX_CONTEXT } from './kubeconfig.js';
import { startControllers } from './controllers/index.js';
import { startNode } from './node/index.js';
import { startTraffic, type PodExec, type PodNetwork, type ServiceUrlEvents } from './traffic/index.js';
import type { EventEmitter } from 'node:events';
import { FRESH_NOTICE, LOCKED_NOTICE, NOT_SAVED_NOTICE, RESTORED_NOTICE, UNREADABLE_NOTICE } from './state-notices.js';
import { clearState, ensurePrivateDir, lockState, readState, startStoreWriter } from './store/persistence.js';
import { NODE_NAME } from './bootstrap.js';
import { PODS, SERVICES } from './controllers/kinds.js';
import { podAfterNodeRestart, pulledImages } from './node/index.js';
import { typeKey } from './api/resources.js';
import type { Registry as RegistryType } from './registry/registry.js';
import { SandboxAuth } from './auth/index.js';
import { loadSigningKey } from './auth/signing-key.js';
import { ensureBootstrapPolicy } from './bootstrap.js';
import { noteRequest, startMemoryTrimmer } from './memory-trim.js';

export { SANDBOX_CONTEXT };

export interface SandboxOptions {
  /** Divides every simulated delay (image pulls, container starts, grace periods): 1 is real pace. */
  speed?: number;
  /** 0 (the default) picks a free port. */
  port?: number;
  /**
   * Where the API listens: 127.0.0.1 by default. A workshop room's shared sandbox names another
   * address (`kubedojo sandbox --workshop --address ADDR`); the serving certificate covers it.
   */
  address?: string;
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
  /**
   * The sandbox's data directory: its state is restored from here at start and saved here on
   * every change (store/persistence.ts). Without it the sandbox lives in memory only.
   */
  stateDir?: string;
  /** With `stateDir`: start empty, discarding the saved state (`kubedojo --fresh`). */
  fresh?: boolean;
  /**
   * Give memory back once a burst is over (memory-trim.ts): on by default. Off only to measure
   * what V8 does alone.
   */
  trimMemory?: boolean;
  /** The simulated node's capacity; minikube's 2 CPU / ~3.7 GiB by default, ROOM_CAPACITY for a workshop room. */
  nodeCapacity?: NodeCapacity;
  /** All containers' logs together keep at most this many bytes (NODE_LOG_BUDGET_BYTES, 8 MiB, by default). */
  containerLogBudgetBytes?: number;
}

export interface SandboxNotice {
  level: 'info' | 'warn';
  text: string;
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
  /** Authentication and RBAC (src/sandbox/auth): tokens for ServiceAccounts, decisions for users. */
  auth: SandboxAuth;
  /** `http://127.0.0.1:<nodePort>` of a NodePort or LoadBalancer Service, once kube-proxy programmed it. */
  urlOf(namespace: string, name: string): string | undefined;
  /** `url` ({ namespace, name, url }) as each Service's URL appears; `removed`; `port` (a NodePort opens or closes); kube-proxy's `warning`s. */
  serviceUrls: EventEmitter<ServiceUrlEvents>;
  /** What the start had to say about the saved state (restored, set aside, not saved). */
  notices: SandboxNotice[];
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = new SimClock(options.speed ?? 1);
  const store = new ObjectStore();
  const registry = new Registry(store, clock);
  const saved = options.stateDir === undefined ? undefined : await restoreState(options.stateDir, options.fresh === true, store, registry);
  const controllers = startControllers({ store, registry, clock, eventTtlMs: options.eventTtlMs });
  // CPU, memory and ephemeral storage requests are enforced; the Node's "110 pods" is not, so the
  // sandbox can run the 1,000-replica exercises (docs/decisions.md, "Sandbox: capacity").
  const node = startNode({ store, registry, clock, events: controllers.events, presentImages: saved?.images ?? [], logBudgetBytes: options.containerLogBudgetBytes });
  if (!saved?.restored) bootstrapCluster(registry, options.nodeCapacity);
  // Like the apiserver's rbac/bootstrap-roles hook: on every start, so a state saved before the
  // sandbox had RBAC gets its default roles too.
  ensureBootstrapPolicy(registry);
  const writer = saved?.persist ? startStoreWriter(store, options.stateDir!) : undefined;
  // The first state is on disk at once: a crash right after start still finds this cluster.
  await writer?.flush();
  const traffic = startTraffic({
    store,
    clock,
    network: options.network ?? node,
    exec: options.network?.exec ? (options.network as PodExec) : node,
    events: controllers.events,
    propagationMs: options.proxyPropagationMs,
    onConnection: noteRequest,
  });
  // curl and wget inside Pods reach Services through the same kube-proxy view as the NodePorts.
  node.setServiceFetch(traffic.cluster.fetchService);

  const token = randomBytes(24).toString('base64url');
  const tls = await createServingCertificate(options.address ? [options.address] : []);
  const signingKey = await loadSigningKey(saved?.persist ? options.stateDir : undefined);
  const auth = new SandboxAuth({ store, clock, adminToken: token, signingKey });
  const api = new ApiServer({ registry, logs: node.logSource, auth, tls, traffic: traffic.api, bodyTimeoutMs: options.bodyTimeoutMs, onRequest: noteRequest });
  let server: string;
  try {
    server = await api.listen(options.port ?? 0, options.address ?? '127.0.0.1');
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

  const trimmer = options.trimMemory === false ? undefined : startMemoryTrimmer();
  let stopped = false;
  return {
    server,
    kubeconfigPath,
    token,
    caPem: tls.certPem,
    store,
    registry,
    clock,
    auth,
    urlOf: (namespace, name) => traffic.proxy.urlOf(namespace, name),
    serviceUrls: traffic.proxy.events,
    notices: saved?.notices ?? [],
    async stop() {
      if (stopped) return;
      stopped = true;
      trimmer?.stop();
      // The last changes reach the disk before anything else stops writing to the store.
      await writer?.stop();
      await saved?.release();
      // Together: the API server's close waits for its sockets, and upgraded ones (exec, port-forward)
      // are the traffic half's to end.
      await Promise.all([api.close(), traffic.stop()]);
      node.stop();
      controllers.stop();
      auth.close();
      clock.stop();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}

interface SavedState {
  /** The store was filled from the saved state (so the cluster is not bootstrapped again). */
  restored: boolean;
  /** Images the saved Pods had pulled. */
  images: string[];
  /** Whether this sandbox saves its state (false when another app holds the lock). */
  persist: boolean;
  notices: SandboxNotice[];
  release(): Promise<void>;
}

/**
 * Restores the saved state into the empty store (the node re-derives its Pods: node-restart.ts;
 * the Service allocator takes back the addresses and ports the Services hold), or says why not.
 */
async function restoreState(dir: string, fresh: boolean, store: ObjectStore, registry: RegistryType): Promise<SavedState> {
  const notices: SandboxNotice[] = [];
  const warn = (text: string) => notices.push({ level: 'warn', text });
  const info = (text: string) => notices.push({ level: 'info', text });
  const none: SavedState = { restored: false, images: [], persist: false, notices, release: async () => {} };
  try {
    await ensurePrivateDir(dir);
  } catch (error) {
    warn(`${NOT_SAVED_NOTICE}: ${error instanceof Error ? error.message : String(error)}.`);
    return none;
  }
  const lock = await lockState(dir);
  if (lock.kind === 'held') {
    warn(`Another kubedojo (pid ${lock.pid}) ${LOCKED_NOTICE}: this one starts empty and is not saved.`);
    return none;
  }
  const state: SavedState = { restored: false, images: [], persist: true, notices, release: lock.release };
  if (fresh) {
    await clearState(dir);
    info(FRESH_NOTICE);
    return state;
  }
  const loaded = await readState(dir);
  if (loaded.kind === 'corrupt') {
    const where = loaded.setAsideTo === undefined ? '' : `; it was set aside as ${loaded.setAsideTo}`;
    warn(`${UNREADABLE_NOTICE} (${loaded.reason})${where}. Starting an empty one.`);
    return state;
  }
  if (loaded.kind === 'none') return state;
  const podKey = typeKey(PODS);
  const pods = loaded.dump.objects.filter((entry) => entry.type === podKey).map((entry) => entry.object);
  store.load({
    revision: loaded.dump.revision,
    objects: loaded.dump.objects.map((entry) => (entry.type === podKey ? { type: entry.type, object: podAfterNodeRestart(entry.object, NODE_NAME) } : entry)),
  });
  for (const service of store.list(SERVICES).items) registry.services.adopt(service);
  const workloads = pods.filter((pod) => pod.metadata.namespace !== 'kube-system').length;
  info(`${RESTORED_NOTICE} ${loaded.savedAt}${workloads > 0 ? `: ${workloads} Pod${workloads === 1 ? '' : 's'} starting again` : ''}.`);
  return { ...state, restored: true, images: pulledImages(pods) };
}
