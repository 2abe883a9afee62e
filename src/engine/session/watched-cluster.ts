/**
 * The engine's live picture of the cluster: one client-node informer (list + watch) per kind a
 * step needs, in the tutorial namespace (Nodes and Namespaces cluster-wide), and a ClusterView
 * over their caches for the checks.
 *
 * Informers run in generations. Changing the kinds, or reconnecting after an error, starts a new
 * generation; the view switches to it only once every one of its informers has listed, so checks
 * never see half a cluster (Deployments listed, Pods not yet). A new generation keeps the live
 * one's informers for the kinds it still watches (their caches are current: they are watching),
 * so a step costs a list and a watch only for the kinds it adds, not for all of them again. A generation that fails (an
 * informer reports an error: the cluster went away, a watch was refused) is retried with backoff
 * (1 s doubling to 30 s) and the view keeps showing the last state it knew meanwhile.
 */
import { makeInformer, type KubeConfig, type KubernetesObject, type ListPromise } from '@kubernetes/client-node';
import type { ClusterView } from '../checks/cluster-view.js';
import { isKubedojoOwn, type KubeObject } from '../checks/k8s.js';
import type { Kind } from '../checks/kinds.js';
import { matchesSelector } from '../checks/label-selector.js';
import { retryDelay } from './backoff.js';
import { getList, isClusterScoped, listPath } from './kube-api.js';

/** The part of a client-node informer we use; tests pass fakes. */
export interface InformerLike {
  on(verb: 'change', callback: (object: KubeObject) => void): void;
  on(verb: 'error', callback: (error?: unknown) => void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  get(name: string, namespace?: string): KubeObject | undefined;
  list(namespace?: string): readonly KubeObject[];
}

export type InformerFactory = (kind: Kind, path: string) => InformerLike;

/** Real informers: client-node's ListWatch, listing with plain JSON (see kube-api.ts). */
export function clientNodeInformers(kubeconfig: KubeConfig): InformerFactory {
  return (_kind, path) => {
    const list = (() => getList(kubeconfig, path)) as unknown as ListPromise<KubernetesObject>;
    return makeInformer(kubeconfig, path, list) as unknown as InformerLike;
  };
}

export type WatchConnection =
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'reconnecting'; retryAt: number; attempt: number; reason: string };

export interface WatchedClusterOptions {
  informers: InformerFactory;
  namespace: string;
  /** Called once per burst of object events of the live generation, and when a generation goes live. */
  onChange?: () => void;
  onConnection?: (connection: WatchConnection) => void;
  now?: () => number;
}

export interface WatchedCluster {
  /** The cluster as the live generation's caches hold it. */
  readonly view: ClusterView;
  /** True when the live generation watches exactly the requested kinds and is healthy. */
  readonly ready: boolean;
  /**
   * Watches exactly `kinds` from now on. Resolves when a generation with them is live (after
   * retries if need be); rejects when superseded by another call or by stop().
   */
  watch(kinds: readonly Kind[]): Promise<void>;
  stop(): Promise<void>;
}

interface Generation {
  kinds: readonly Kind[];
  informers: Map<Kind, InformerLike>;
  /** Failed or replaced: its callbacks are ignored from now on. */
  retired: boolean;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

export function createWatchedCluster(options: WatchedClusterOptions): WatchedCluster {
  const now = options.now ?? Date.now;
  let kinds: readonly Kind[] = [];
  let live: Generation | undefined;
  let starting: Generation | undefined;
  let healthy = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let notifyQueued = false;
  let waiter: Waiter | undefined;
  let stopped = false;

  const notify = (): void => {
    // Coalesce: a rollout fires dozens of events in one tick; evaluate once for all of them.
    if (notifyQueued) return;
    notifyQueued = true;
    setImmediate(() => {
      notifyQueued = false;
      if (!stopped) options.onChange?.();
    });
  };

  const namespaceOf = (kind: Kind): string | undefined => (isClusterScoped(kind) ? undefined : options.namespace);
  const view: ClusterView = {
    get: (kind, name) => {
      const object = live?.informers.get(kind)?.get(name, namespaceOf(kind));
      return object === undefined || isKubedojoOwn(object) ? undefined : object;
    },
    list: (kind, selector) => {
      // The downtime meter's Pod is kubedojo's, not the lesson's: checks and panels never see it.
      const all = (live?.informers.get(kind)?.list(namespaceOf(kind)) ?? []).filter((object) => !isKubedojoOwn(object));
      return selector === undefined ? [...all] : all.filter((object) => matchesSelector(object.metadata?.labels, selector));
    },
  };

  /** Informers of the generations still in use (live, starting). */
  const inUse = (): Set<InformerLike> => new Set([live, starting].flatMap((generation) => (generation === undefined || generation.retired ? [] : [...generation.informers.values()])));

  function retire(generation: Generation | undefined): void {
    if (generation === undefined || generation.retired) return;
    generation.retired = true;
    // An informer the other generation took over keeps running.
    const kept = inUse();
    for (const informer of generation.informers.values()) if (!kept.has(informer)) void informer.stop().catch(() => undefined);
  }

  /** An informer failed: every generation using it has lost the cluster. */
  function informerFailed(informer: InformerLike, error: unknown): void {
    const holders = [live, starting].filter((generation): generation is Generation => generation !== undefined && !generation.retired && [...generation.informers.values()].includes(informer));
    if (holders.length === 0) return;
    // Both use it: the starting one cannot finish; the live one fails and the retry starts anew.
    if (holders.length > 1) {
      retire(starting);
      starting = undefined;
    }
    fail(holders[0]!, error);
  }

  function newInformer(kind: Kind): InformerLike {
    const informer = options.informers(kind, listPath(kind, options.namespace));
    // Registered once: the informer may serve several generations, the live one is notified.
    informer.on('change', () => {
      if (live !== undefined && !live.retired && live.informers.get(kind) === informer) notify();
    });
    informer.on('error', (error) => informerFailed(informer, error));
    return informer;
  }

  async function startGeneration(): Promise<void> {
    retryTimer = undefined;
    retire(starting);
    const generation: Generation = { kinds, informers: new Map(), retired: false };
    starting = generation;
    // A retry keeps showing `reconnecting` (with its time) until it succeeds.
    if (live === undefined && attempt === 0) options.onConnection?.({ state: 'connecting' });
    const current = healthy && live !== undefined && !live.retired ? live : undefined;
    const fresh: InformerLike[] = [];
    for (const kind of kinds) {
      const kept = current?.informers.get(kind);
      const informer = kept ?? newInformer(kind);
      if (kept === undefined) fresh.push(informer);
      generation.informers.set(kind, informer);
    }
    await Promise.all(fresh.map((informer) => informer.start().catch((error: unknown) => fail(generation, error))));
    if (generation.retired || stopped) return;

    const previous = live;
    live = generation;
    starting = undefined;
    if (previous !== generation) retire(previous);
    healthy = true;
    attempt = 0;
    // Checks first, then `connected`: a snapshot that says connected has evaluated this generation.
    options.onChange?.();
    options.onConnection?.({ state: 'connected' });
    waiter?.resolve();
    waiter = undefined;
  }

  function fail(generation: Generation, error: unknown): void {
    if (generation.retired || stopped) return;
    const wasLive = live === generation;
    retire(generation);
    if (starting === generation) starting = undefined;
    if (wasLive) healthy = false;
    attempt += 1;
    const delay = retryDelay(attempt);
    options.onConnection?.({ state: 'reconnecting', retryAt: now() + delay, attempt, reason: describe(error) });
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void startGeneration(), delay);
  }

  return {
    view,
    get ready() {
      return healthy && live !== undefined && !live.retired && sameKinds(live.kinds, kinds);
    },
    watch(next) {
      if (stopped) return Promise.reject(new Error('the cluster watch is stopped'));
      kinds = [...new Set(next)];
      waiter?.reject(new Error('superseded by another watch'));
      const promise = new Promise<void>((resolve, reject) => {
        waiter = { resolve, reject };
      });
      // While a retry is scheduled, the retry picks up the new kinds.
      if (retryTimer === undefined) void startGeneration();
      return promise;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      retryTimer = undefined;
      waiter?.reject(new Error('the cluster watch is stopped'));
      waiter = undefined;
      // Each informer once, though two generations may share it.
      const informers = [...inUse()];
      for (const generation of [starting, live]) if (generation !== undefined) generation.retired = true;
      await Promise.allSettled(informers.map((informer) => informer.stop()));
    },
  };
}

function sameKinds(a: readonly Kind[], b: readonly Kind[]): boolean {
  return a.length === b.length && a.every((kind) => b.includes(kind));
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown; cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.message} (${code})` : error.message;
  }
  return error === undefined ? 'the watch ended' : String(error);
}
