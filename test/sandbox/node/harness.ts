/**
 * An in-process cluster for the node's tests, as the controllers' harness builds it, with the node's
 * options: a fixed jitter source (so back-off and resync timings are exact), the Node's allocatable
 * (the scheduler's capacity) and helpers to follow simulated time, events and container logs without
 * fixed sleeps — every wait resolves on a store change or a log line.
 */
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { SimClock } from '../../../src/sandbox/clock.js';
import { ObjectStore } from '../../../src/sandbox/store/object-store.js';
import { Registry } from '../../../src/sandbox/registry/registry.js';
import { startControllers } from '../../../src/sandbox/controllers/index.js';
import { startNode, type ServiceFetch } from '../../../src/sandbox/node/index.js';
import { T, type Cluster } from '../controllers/harness.js';

export { T, eventsFor, isReady, edit } from '../controllers/harness.js';
export type { Cluster } from '../controllers/harness.js';

export interface NodeClusterOptions {
  speed?: number;
  /** The kubelet's jitter source; 0.5 by default: every jitter at its middle. */
  random?: () => number;
  allocatable?: Record<string, string>;
  fetchService?: ServiceFetch;
  /** Enforce the Node's allocatable `pods` (on by default here). */
  podLimit?: boolean;
}

export function startNodeCluster(options: NodeClusterOptions = {}): Cluster {
  const clock = new SimClock(options.speed ?? 200);
  const store = new ObjectStore();
  const registry = new Registry(store, clock);
  const controllers = startControllers({ store, registry, clock });
  const node = startNode({ store, registry, clock, events: controllers.events, random: options.random ?? (() => 0.5), fetchService: options.fetchService, podLimit: options.podLimit ?? true });
  registry.create(T.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  registry.create(T.nodes, undefined, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'minikube', labels: { 'kubernetes.io/hostname': 'minikube' } },
    status: {
      capacity: { cpu: '2', memory: '3912312Ki', pods: '110' },
      ...(options.allocatable ? { allocatable: options.allocatable } : {}),
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      addresses: [{ type: 'InternalIP', address: '192.168.49.2' }, { type: 'Hostname', address: 'minikube' }],
      nodeInfo: { kernelVersion: '6.8.0-kubedojo', containerRuntimeVersion: 'docker://27.4.1', kubeletVersion: 'v1.32.0' },
    },
  });
  const waitFor = (what: string, predicate: () => boolean, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      if (predicate()) return resolve();
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const unsubscribe = store.subscribe(() => {
        if (!predicate()) return;
        clearTimeout(timer);
        unsubscribe();
        resolve();
      });
    });
  return {
    store,
    registry,
    clock,
    node,
    events: controllers.events,
    list: (type, namespace) => store.list(type, { namespace }).items,
    get: (type, namespace, name) => store.peek(type, namespace, name),
    waitFor,
    stop() {
      node.stop();
      controllers.stop();
      clock.stop();
    },
  };
}

/** A bare Pod with one container named `app`. */
export function pod(name: string, container: KubeObject, spec: KubeObject = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { ...spec, containers: [{ name: 'app', ...container }] } };
}

/**
 * The allowance for upper bounds, in simulated seconds: 250 ms of host delay. The sim clock scales
 * wall time, so a loaded machine (two cores, kubectl processes, the 1,000-Pod test) stretches
 * intervals; it never shortens those that run from one event to the next (back-offs, grace periods,
 * sleeps, warm-ups), whose lower bounds stay exact.
 */
export const slack = (cluster: Cluster) => 0.25 * cluster.clock.speed;

/** Simulated seconds now, precise (stored timestamps have whole seconds). */
export const simSeconds = (cluster: Cluster) => (performance.now() * cluster.clock.speed) / 1000;

export const podOf = (cluster: Cluster, name: string) => cluster.get(T.pods, 'default', name)!;
export const statusOf = (cluster: Cluster, name: string): KubeObject => podOf(cluster, name)?.status?.containerStatuses?.[0] ?? {};

/**
 * Simulated times at which an event with `reason` about Pod `name` was recorded — its first
 * occurrence and every repeat the recorder folded into `count` — with the message each time.
 */
export function recordEvents(cluster: Cluster, name: string, reasons: string[]): { reason: string; message: string; at: number }[] {
  const seen: { reason: string; message: string; at: number }[] = [];
  const counts = new Map<string, number>();
  cluster.store.subscribe((e) => {
    const ev = e.object;
    if (ev.kind !== 'Event' || ev.involvedObject?.name !== name || !reasons.includes(ev.reason) || e.type === 'DELETED') return;
    const count = ev.count ?? ev.series?.count ?? 1;
    if ((counts.get(ev.metadata.name) ?? 0) >= count) return;
    counts.set(ev.metadata.name, count);
    seen.push({ reason: ev.reason, message: ev.message, at: simSeconds(cluster) });
  });
  return seen;
}

/**
 * Resolves when the container's current log has a line matching `pattern` (or, given a function, when
 * it says the whole log is as wanted): checked on every new log line — a follower, attached again
 * whenever the Pod changes, since a restart starts a new log.
 */
export function waitForLog(cluster: Cluster, name: string, pattern: RegExp | ((log: string) => boolean), container = 'app', timeoutMs = 15_000): Promise<string> {
  const source = cluster.node.logSource;
  const options = { previous: false, timestamps: false };
  const find = (text: string) => (typeof pattern === 'function' ? (pattern(text) ? text : undefined) : text.split('\n').find((l) => pattern.test(l)));
  return new Promise((resolve, reject) => {
    let detach = () => {};
    const finish = (line: string | undefined, error?: Error) => {
      clearTimeout(timer);
      unsubscribe();
      detach();
      if (error) reject(error);
      else resolve(line!);
    };
    const check = (): boolean => {
      const line = find(source.read('default', name, container, options));
      if (line !== undefined) finish(line);
      return line !== undefined;
    };
    const attach = () => {
      detach();
      detach = source.follow('default', name, container, options, () => void check(), () => {});
    };
    const timer = setTimeout(() => finish(undefined, new Error(`timed out waiting for a log line matching ${pattern}`)), timeoutMs);
    const unsubscribe = cluster.store.subscribe(() => void (check() || attach()));
    if (!check()) attach();
  });
}
