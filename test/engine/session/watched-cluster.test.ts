/**
 * Informer generations and reconnection, with fake informers and fake timers: backoff 1 s
 * doubling to 30 s, the view switching only to a fully listed generation, and stale informers
 * (which report an error when stopped, as client-node's ListWatch does) ignored.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject, Kind } from '../../../src/engine/checks/index.js';
import { createWatchedCluster, retryDelay, type InformerLike, type WatchConnection } from '../../../src/engine/session/index.js';

class FakeInformer implements InformerLike {
  readonly changes: ((object: KubeObject) => void)[] = [];
  readonly errors: ((error?: unknown) => void)[] = [];
  objects: KubeObject[] = [];
  stopped = false;
  /** What start() does; by default it lists `objects` and resolves. */
  onStart: (informer: FakeInformer) => Promise<void> = async () => undefined;
  constructor(
    readonly kind: Kind,
    readonly path: string,
  ) {}
  on(verb: 'change', callback: (object: KubeObject) => void): void;
  on(verb: 'error', callback: (error?: unknown) => void): void;
  on(verb: 'change' | 'error', callback: (value: never) => void): void {
    if (verb === 'change') this.changes.push(callback as unknown as (object: KubeObject) => void);
    else this.errors.push(callback as unknown as (error?: unknown) => void);
  }
  start(): Promise<void> {
    return this.onStart(this);
  }
  async stop(): Promise<void> {
    this.stopped = true;
    // client-node's ListWatch reports the aborted request as an error when stopped.
    this.fail(new Error('aborted'));
  }
  fail(error: unknown): void {
    for (const callback of this.errors) callback(error);
  }
  change(object: KubeObject): void {
    for (const callback of this.changes) callback(object);
  }
  get(name: string, namespace?: string): KubeObject | undefined {
    return this.objects.find((object) => object.metadata?.name === name && (object.metadata?.namespace ?? '') === (namespace ?? ''));
  }
  list(namespace?: string): readonly KubeObject[] {
    return namespace === undefined ? this.objects : this.objects.filter((object) => object.metadata?.namespace === namespace);
  }
}

let created: FakeInformer[];
let connections: WatchConnection[];
let changes: number;
let startBehaviour: (informer: FakeInformer) => Promise<void>;

function watchedCluster() {
  return createWatchedCluster({
    namespace: 'kubedojo',
    informers: (kind, path) => {
      const informer = new FakeInformer(kind, path);
      informer.onStart = startBehaviour;
      created.push(informer);
      return informer;
    },
    onChange: () => void (changes += 1),
    onConnection: (connection) => void connections.push(connection),
    now: () => Date.now(),
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  created = [];
  connections = [];
  changes = 0;
  startBehaviour = async () => undefined;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('retryDelay', () => {
  it('is 1 s doubling to at most 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50, 5000].map(retryDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });
});

describe('createWatchedCluster', () => {
  it('watches the kinds in the tutorial namespace (Nodes cluster-wide) and reads their caches', async () => {
    const cluster = watchedCluster();
    startBehaviour = async (informer) => {
      informer.objects =
        informer.kind === 'Node'
          ? [{ metadata: { name: 'minikube' } }]
          : [{ metadata: { name: 'web', namespace: 'kubedojo', labels: { app: 'web' } } }, { metadata: { name: 'db', namespace: 'kubedojo', labels: { app: 'db' } } }];
    };
    await cluster.watch(['Pod', 'Node']);
    expect(created.map((informer) => informer.path)).toEqual(['/api/v1/namespaces/kubedojo/pods', '/api/v1/nodes']);
    expect(cluster.ready).toBe(true);
    expect(connections).toEqual([{ state: 'connecting' }, { state: 'connected' }]);
    expect(cluster.view.get('Node', 'minikube')).toBeDefined();
    expect(cluster.view.list('Pod', { matchLabels: { app: 'db' } }).map((pod) => pod.metadata?.name)).toEqual(['db']);
    expect(cluster.view.list('Deployment')).toEqual([]);

    // A burst of events is one change.
    const before = changes;
    created[0]!.change({});
    created[0]!.change({});
    created[1]!.change({});
    await vi.advanceTimersByTimeAsync(0);
    expect(changes).toBe(before + 1);
    await cluster.stop();
  });

  it('keeps showing the old generation until the new kinds have all listed', async () => {
    const cluster = watchedCluster();
    startBehaviour = async (informer) => void (informer.objects = [{ metadata: { name: `old-${informer.kind}`, namespace: 'kubedojo' } }]);
    await cluster.watch(['Pod', 'Service']);
    let release!: () => void;
    startBehaviour = (informer) =>
      new Promise<void>((resolve) => {
        informer.objects = [{ metadata: { name: `new-${informer.kind}`, namespace: 'kubedojo' } }];
        if (informer.kind === 'Deployment') release = resolve;
        else resolve();
      });
    const switched = cluster.watch(['Pod', 'Deployment']);
    await vi.advanceTimersByTimeAsync(0);
    expect(cluster.ready).toBe(false);
    // Still the old generation: its Service, and no Deployment half-listed.
    expect(cluster.view.get('Service', 'old-Service')).toBeDefined();
    expect(cluster.view.list('Deployment')).toEqual([]);
    release();
    await switched;
    expect(cluster.ready).toBe(true);
    expect(cluster.view.get('Deployment', 'new-Deployment')).toBeDefined();
    expect(cluster.view.get('Service', 'old-Service')).toBeUndefined();
    // The Service informer is stopped; the Pod informer went on into the new generation.
    const [pod, service, deployment] = created;
    expect([pod!.kind, service!.kind, deployment!.kind, created.length]).toEqual(['Pod', 'Service', 'Deployment', 3]);
    expect([pod!.stopped, service!.stopped, deployment!.stopped]).toEqual([false, true, false]);
    expect(cluster.view.get('Pod', 'old-Pod')).toBeDefined();
    // The old informer's "aborted" error on stop did not count as a lost cluster.
    expect(connections.filter((c) => c.state === 'reconnecting')).toEqual([]);
    await cluster.stop();
  });

  it('lists and watches only the kinds a step adds; the kept informers go on notifying', async () => {
    const cluster = watchedCluster();
    await cluster.watch(['Deployment', 'Pod']);
    await cluster.watch(['Pod']);
    await cluster.watch(['Pod']);
    await cluster.watch(['Deployment', 'Pod', 'ReplicaSet']);
    // Deployment was dropped at the second step, so it is listed again; Pod never is.
    expect(created.map((informer) => `${informer.kind}${informer.stopped ? ' (stopped)' : ''}`)).toEqual(['Deployment (stopped)', 'Pod', 'Deployment', 'ReplicaSet']);
    expect(cluster.ready).toBe(true);
    const before = changes;
    created[1]!.change({});
    await vi.advanceTimersByTimeAsync(0);
    expect(changes).toBe(before + 1);
    // A retired informer's late event is not the live generation's.
    created[0]!.change({});
    await vi.advanceTimersByTimeAsync(0);
    expect(changes).toBe(before + 1);
    await cluster.stop();
    expect(created.every((informer) => informer.stopped)).toBe(true);
  });

  it('fails every generation using a shared informer that fails, and reconnects with fresh ones', async () => {
    const cluster = watchedCluster();
    await cluster.watch(['Pod']);
    // A new generation that keeps Pod and waits for Deployment's list.
    let release!: () => void;
    startBehaviour = (informer) => new Promise<void>((resolve) => (release = resolve));
    const switching = cluster.watch(['Pod', 'Deployment']);
    await vi.advanceTimersByTimeAsync(0);
    created[0]!.fail(new Error('socket hang up'));
    expect(cluster.ready).toBe(false);
    expect(connections.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1 });
    // The half-started generation is gone with it: its Deployment informer stopped.
    expect(created[1]!.stopped).toBe(true);
    release();
    startBehaviour = async () => undefined;
    await vi.advanceTimersByTimeAsync(1000);
    await switching;
    expect(cluster.ready).toBe(true);
    expect(created.slice(2).map((informer) => informer.kind)).toEqual(['Pod', 'Deployment']);
    await cluster.stop();
  });

  it('reconnects with backoff after an error, and resumes with a fresh generation', async () => {
    const cluster = watchedCluster();
    await cluster.watch(['Pod']);
    const failing = async (informer: FakeInformer) => informer.fail(new Error('connect ECONNREFUSED 127.0.0.1:8443'));

    startBehaviour = failing;
    created[0]!.fail(new Error('socket hang up'));
    expect(cluster.ready).toBe(false);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt += 1) {
      const last = connections.at(-1)!;
      expect(last).toMatchObject({ state: 'reconnecting', attempt });
      const wait = (last as { retryAt: number }).retryAt - Date.now();
      delays.push(wait);
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(connections.at(-1)).toBe(last);
      if (attempt === 7) startBehaviour = async () => undefined;
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(connections.at(-1)).toEqual({ state: 'connected' });
    expect(cluster.ready).toBe(true);
    // Every failed generation was stopped; one informer per attempt plus the first.
    expect(created).toHaveLength(8);
    expect(created.slice(0, 7).every((informer) => informer.stopped)).toBe(true);

    // Success resets the backoff.
    created.at(-1)!.fail(new Error('gone again'));
    expect(connections.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1, retryAt: Date.now() + 1000 });
    await cluster.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(created).toHaveLength(8);
  });
});
