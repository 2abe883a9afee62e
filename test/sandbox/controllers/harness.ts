/**
 * An in-process cluster for controller tests: store, registry, a fast clock, the controllers and the
 * simulated node, with the `minikube` Node and the `default` namespace. `waitFor` re-checks a
 * condition on every store change instead of sleeping.
 */
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { findType, type ResourceType } from '../../../src/sandbox/api/resources.js';
import { SimClock } from '../../../src/sandbox/clock.js';
import { ObjectStore } from '../../../src/sandbox/store/object-store.js';
import { Registry } from '../../../src/sandbox/registry/registry.js';
import { startControllers, type EventRecorder } from '../../../src/sandbox/controllers/index.js';
import { startNode, type SimNode } from '../../../src/sandbox/node/index.js';

export const T = {
  pods: findType('', 'pods')!,
  nodes: findType('', 'nodes')!,
  namespaces: findType('', 'namespaces')!,
  services: findType('', 'services')!,
  endpoints: findType('', 'endpoints')!,
  events: findType('', 'events')!,
  deployments: findType('apps', 'deployments')!,
  replicaSets: findType('apps', 'replicasets')!,
  endpointSlices: findType('discovery.k8s.io', 'endpointslices')!,
};

export interface Cluster {
  store: ObjectStore;
  registry: Registry;
  clock: SimClock;
  node: SimNode;
  events: EventRecorder;
  list(type: ResourceType, namespace?: string): KubeObject[];
  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Resolves once `predicate` holds, re-checked after every store change; rejects after `timeoutMs`. */
  waitFor(what: string, predicate: () => boolean, timeoutMs?: number): Promise<void>;
  stop(): void;
}

export function startCluster(speed = 200): Cluster {
  const clock = new SimClock(speed);
  const store = new ObjectStore();
  const registry = new Registry(store, clock);
  const controllers = startControllers({ store, registry, clock });
  const node = startNode({ store, registry, clock, events: controllers.events });
  registry.create(T.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  registry.create(T.nodes, undefined, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'minikube', labels: { 'kubernetes.io/hostname': 'minikube' } },
    status: {
      capacity: { cpu: '2', memory: '3912312Ki', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      addresses: [{ type: 'InternalIP', address: '192.168.49.2' }, { type: 'Hostname', address: 'minikube' }],
      nodeInfo: { kernelVersion: '6.8.0-kubedojo', containerRuntimeVersion: 'docker://27.4.1', kubeletVersion: 'v1.32.0' },
    },
  });
  const list = (type: ResourceType, namespace?: string) => store.list(type, { namespace }).items;
  const get = (type: ResourceType, namespace: string | undefined, name: string) => store.peek(type, namespace, name);
  const waitFor = (what: string, predicate: () => boolean, timeoutMs = 10_000) =>
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
    list,
    get,
    waitFor,
    stop() {
      node.stop();
      controllers.stop();
      clock.stop();
    },
  };
}

export function deployment(name: string, options: { replicas?: number; image?: string; strategy?: KubeObject; paused?: boolean; revisionHistoryLimit?: number; minReadySeconds?: number } = {}): KubeObject {
  const spec: KubeObject = {
    replicas: options.replicas ?? 1,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: options.image ?? 'nginx:1.25', ports: [{ name: 'http', containerPort: 80 }] }] } },
  };
  if (options.strategy) spec.strategy = options.strategy;
  if (options.paused) spec.paused = true;
  if (options.revisionHistoryLimit !== undefined) spec.revisionHistoryLimit = options.revisionHistoryLimit;
  if (options.minReadySeconds !== undefined) spec.minReadySeconds = options.minReadySeconds;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec };
}

export const isReady = (pod: KubeObject) => (pod.status?.conditions ?? []).some((c: KubeObject) => c.type === 'Ready' && c.status === 'True');
export const isTerminating = (pod: KubeObject) => !!pod.metadata.deletionTimestamp;
export const ownedBy = (object: KubeObject, owner: KubeObject) => (object.metadata.ownerReferences ?? []).some((r: KubeObject) => r.uid === owner.metadata.uid);

/** The Events about one object, oldest first. */
export function eventsFor(cluster: Cluster, object: KubeObject): KubeObject[] {
  return cluster.list(T.events, object.metadata.namespace ?? 'default').filter((e) => e.involvedObject?.uid === object.metadata.uid);
}

/** Reads the latest version, applies `change` and writes it back, as `kubectl edit` would. */
export function edit(cluster: Cluster, type: ResourceType, namespace: string | undefined, name: string, change: (object: KubeObject) => void): KubeObject {
  const copy = structuredClone(cluster.get(type, namespace, name)!);
  change(copy);
  return cluster.registry.update(type, namespace, name, copy).object;
}

/** The Deployment's rollout is complete, as `kubectl rollout status` decides it. */
export function rolledOut(cluster: Cluster, name: string, namespace = 'default'): boolean {
  const d = cluster.get(T.deployments, namespace, name);
  if (!d?.status) return false;
  const want = d.spec.replicas ?? 1;
  const s = d.status;
  return (
    (s.observedGeneration ?? 0) >= d.metadata.generation &&
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want &&
    (s.conditions ?? []).some((c: KubeObject) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable')
  );
}

/** Pods of the Deployment `app`, split by the ReplicaSet hash they carry. */
export function podsOf(cluster: Cluster, app: string, namespace = 'default'): KubeObject[] {
  return cluster.list(T.pods, namespace).filter((p) => p.metadata.labels?.app === app);
}
