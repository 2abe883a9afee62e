/**
 * One Pod's life on the node, after the kubelet's pod worker (pkg/kubelet/pod_workers.go): the
 * sandbox and its IP, then SyncPod passes over the containers in order (pod-actions.ts), and probes
 * (pod-probes.ts) from the start. When to sync is the worker's business: a sync that ended in an
 * error is retried after 10–15 s (the pod worker's backOffPeriod with its jitter), a container that
 * died is noticed at the next PLEG relist (≤ 1 s), a failed liveness or startup probe syncs at once.
 * On deletion liveness and startup probes stop, every container is killed in parallel with the
 * deletion's grace period, then the Pod turns terminal and is removed.
 */
import type { KubeObject } from '../api/status.js';
import { ContainerRuntime } from './container-runtime.js';
import type { KubeletContext } from './kubelet-context.js';
import { killPod, syncContainer, type PodActionsHost } from './pod-actions.js';
import type { PodRuntimeStatus } from './pod-status.js';
import { PodProbes } from './pod-probes.js';
import { jitter, simNow } from './sim-time.js';
import { latestPod, writePodStatus } from './status-manager.js';

/** Simulated ms: sandbox and CNI, the PLEG relist period, the pod worker's error back-off, the final delete. */
const SANDBOX_MS = 400;
const RELIST_MS = 1000;
const SYNC_BACKOFF_MS = 10_000;
const REMOVE_MS = 100;

type Stage = 'new' | 'running' | 'terminating' | 'gone';

export class PodWorker {
  private stage: Stage = 'new';
  private readonly timers = new Set<() => void>();
  /** Raised when pending work is cancelled, so work already queued on the runner is dropped too. */
  private epoch = 0;
  private readonly runtime: PodRuntimeStatus;
  readonly containers: ContainerRuntime[];
  /** Init containers, run one after another to completion before the containers start. */
  private readonly initContainers: ContainerRuntime[];
  private readonly probes: PodProbes;
  private syncing = false;
  private syncAgain = false;
  private syncAt = Infinity;
  private cancelSync?: () => void;
  private readonly actions: PodActionsHost;

  constructor(
    private readonly ctx: KubeletContext,
    private pod: KubeObject,
  ) {
    this.actions = {
      ctx,
      pod: () => this.pod,
      restartPolicy: () => this.runtime.restartPolicy,
      containerEvent: (container, type, reason, message) => this.containerEvent(container, type, reason, message, this.initContainers.some((c) => c.spec.name === container) ? 'initContainers' : 'containers'),
      continuation: (fn) => this.continuation(fn),
      track: (cancel) => {
        this.timers.add(cancel);
        return () => this.timers.delete(cancel);
      },
      writeStatus: () => this.writeStatus(),
    };
    const known: KubeObject[] = pod.status?.containerStatuses ?? [];
    // Sidecars (init containers with restartPolicy Always) are not simulated: they are left out.
    const inits: KubeObject[] = (pod.spec?.initContainers ?? []).filter((spec: KubeObject) => spec.restartPolicy !== 'Always');
    this.runtime = { hostIP: ctx.hostIP, podIP: pod.status?.podIP, startTime: pod.status?.startTime ?? ctx.clock.timestamp(), sandboxReady: !!pod.status?.podIP, restartPolicy: pod.spec?.restartPolicy ?? 'Always', terminal: false, containers: [], initContainers: [], initialized: inits.length === 0 };
    this.containers = (pod.spec?.containers ?? []).map((spec: KubeObject) => new ContainerRuntime(spec, this.containerHost(spec.name, 'containers')));
    this.initContainers = inits.map((spec) => new ContainerRuntime(spec, this.containerHost(spec.name, 'initContainers')));
    // Until the init containers are done, every container waits with PodInitializing.
    if (inits.length) for (const c of [...this.initContainers, ...this.containers]) c.setWaiting('PodInitializing');
    this.runtime.containers = this.containers.map((c) => c.status);
    this.runtime.initContainers = this.initContainers.map((c) => c.status);
    this.probes = new PodProbes(ctx, this);
    // A Pod already running when the node starts (minikube's own) is adopted as it is.
    if (known.length && known.every((s) => s.state?.running)) {
      this.stage = 'running';
      this.runtime.initialized = true;
      this.runtime.containers = known.map((s) => ({ name: s.name, image: s.image, imageID: s.imageID, containerID: s.containerID, state: { kind: 'running', startedAt: s.state.running.startedAt }, ready: s.ready, started: true, restartCount: s.restartCount ?? 0 }));
      if (pod.status?.podIP && pod.status.podIP !== ctx.hostIP) ctx.ips.reserve(pod.metadata.uid, pod.status.podIP);
    }
  }

  get uid(): string {
    return this.pod.metadata.uid;
  }

  current(): KubeObject {
    return this.pod;
  }

  get podIP(): string {
    return this.runtime.podIP ?? '';
  }

  get terminal(): boolean {
    return this.runtime.terminal || this.stage === 'gone';
  }

  /** The kubelet saw a new version of the Pod. */
  sync(pod: KubeObject): void {
    this.pod = pod;
    if (pod.metadata.deletionTimestamp) return this.terminate();
    if (this.stage === 'new') return this.start();
    if (this.stage !== 'running') return;
    // A changed image: the container is restarted with it (computePodActions' hash check).
    let changed = false;
    for (const c of this.containers) {
      const spec = (pod.spec?.containers ?? []).find((s: KubeObject) => s.name === c.spec.name);
      if (spec && spec.image !== c.spec.image) changed = true;
      if (spec) c.spec = spec;
    }
    if (changed) this.requestSync(0);
  }

  /** The Pod is gone from the API: stop everything and free what it held. */
  dispose(): void {
    this.stage = 'gone';
    this.cancelTimers();
    this.probes.stop('all');
    for (const c of [...this.initContainers, ...this.containers]) c.dispose();
    this.ctx.ips.release(this.uid);
    this.ctx.logs.forget(this.uid);
    this.ctx.crashBackOff.forgetPrefix(`${this.uid}_`);
  }

  /** The node stops: the Pod's simulation ends without touching the API. */
  shutdown(): void {
    this.stage = 'gone';
    this.cancelTimers();
    this.probes.stop('all');
    for (const c of [...this.initContainers, ...this.containers]) c.dispose();
  }

  private cancelTimers(): void {
    this.epoch++;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    this.cancelSync?.();
    this.syncAt = Infinity;
  }

  /** Something a probe or a container reported: sync now, or at the latest after `delayMs`. */
  requestSync(delayMs: number): void {
    if (this.stage !== 'running') return;
    const at = simNow(this.ctx.clock) + delayMs;
    if (at >= this.syncAt) return;
    this.cancelSync?.();
    this.syncAt = at;
    const epoch = this.epoch;
    this.cancelSync = this.ctx.clock.after(delayMs, () =>
      this.ctx.runner.run(() => {
        if (epoch !== this.epoch) return;
        this.syncAt = Infinity;
        this.syncPod();
      }),
    );
  }

  private start(): void {
    this.stage = 'running';
    this.writeStatus();
    this.probes.start();
    this.after(SANDBOX_MS, () => {
      this.runtime.podIP = this.pod.spec?.hostNetwork ? this.ctx.hostIP : this.ctx.ips.allocate(this.uid);
      this.runtime.sandboxReady = true;
      this.writeStatus();
      this.syncPod();
      // PLEG sees the new sandbox at its next relist: one more sync, right after this one if it is
      // still pulling — why ImagePullBackOff follows ErrImagePull within a second on a real node.
      this.requestSync(this.ctx.random() * RELIST_MS);
    });
  }

  /** SyncPod: one pass over the containers, in order. */
  private syncPod(): void {
    if (this.stage !== 'running' || !this.runtime.sandboxReady) return;
    if (this.syncing) return void (this.syncAgain = true);
    this.syncing = true;
    if (!this.runtime.initialized && !this.syncInit()) return;
    let failed = false;
    const next = (i: number): void => {
      if (this.stage !== 'running') return void (this.syncing = false);
      const c = this.containers[i];
      if (!c) return this.syncDone(failed);
      syncContainer(this.actions, c, (ok) => {
        failed ||= !ok;
        next(i + 1);
      });
    };
    next(0);
  }

  /**
   * computePodActions for init containers: the first one not yet completed is started (or, after a
   * failure, restarted with the back-off); the pass ends there, and the container's exit brings
   * the next sync. Returns whether every init container is done, so the containers may start.
   */
  private syncInit(): boolean {
    const c = this.initContainers.find((init) => !(init.status.state.kind === 'terminated' && init.status.state.exitCode === 0));
    if (!c) {
      // The containers keep waiting with PodInitializing until created (the kubelet's default for a Pod with init containers).
      this.runtime.initialized = true;
      return true;
    }
    if (c.running || c.stopping) {
      this.syncing = false;
      return false;
    }
    // A failed init container of a Pod that never restarts fails the Pod.
    if (c.exited && this.runtime.restartPolicy === 'Never') {
      this.syncDone(false);
      return false;
    }
    syncContainer(this.actions, c, (ok) => this.syncDone(!ok));
    return false;
  }

  private syncDone(failed: boolean): void {
    this.syncing = false;
    this.writeStatus();
    if (this.syncAgain) {
      this.syncAgain = false;
      return this.requestSync(0);
    }
    if (failed) this.requestSync(jitter(SYNC_BACKOFF_MS, 0.5, this.ctx.random));
  }

  /** SyncTerminatingPod: liveness and startup probes stop, then killPod; the Pod turns terminal and goes. */
  private terminate(): void {
    if (this.stage === 'terminating' || this.stage === 'gone') return;
    const wasRunning = this.stage === 'running';
    this.stage = 'terminating';
    this.cancelTimers();
    this.syncing = false;
    this.probes.stop('liveness-startup');
    const grace = this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
    killPod(wasRunning ? [...this.initContainers, ...this.containers] : [], grace, () => {
      // An adopted Pod's containers (minikube's own) have no simulated process: they just stop.
      const now = this.ctx.clock.timestamp();
      for (const s of [...this.runtime.initContainers, ...this.runtime.containers]) {
        if (s.state.kind === 'running') s.state = { kind: 'terminated', exitCode: 0, reason: 'Completed', startedAt: s.state.startedAt, finishedAt: now, containerID: s.containerID };
        s.ready = s.started = false;
      }
      this.runtime.sandboxReady = false;
      this.runtime.terminal = true;
      this.probes.stop('all');
      this.writeStatus();
      const { namespace, name } = this.pod.metadata;
      this.after(REMOVE_MS, () => this.ctx.registry.removePod(namespace, name));
    });
  }

  containerEvent(container: string, type: 'Normal' | 'Warning', reason: string, message: string, list: 'containers' | 'initContainers' = 'containers'): void {
    this.ctx.recorder.event(latestPod(this.ctx.registry, this.pod) ?? this.pod, type, reason, message, { fieldPath: `spec.${list}{${container}}` });
  }

  private containerHost(name: string, list: 'containers' | 'initContainers') {
    const ctx = this.ctx;
    const node = () => ctx.node();
    return {
      clock: ctx.clock,
      store: ctx.registry.store,
      network: ctx.network,
      logs: ctx.logs,
      get runtime() {
        return ctx.runtime();
      },
      get kernel() {
        return String(node()?.status?.nodeInfo?.kernelVersion ?? '');
      },
      get cpus() {
        return Number.parseInt(node()?.status?.capacity?.cpu ?? '1', 10);
      },
      fetchService: () => ctx.fetchService,
      pod: () => this.pod,
      podIP: () => this.podIP,
      event: (type: 'Normal' | 'Warning', reason: string, message: string) => this.containerEvent(name, type, reason, message, list),
      after: (ms: number, fn: () => void) => this.after(ms, fn),
      changed: () => this.writeStatus(),
      started: () => this.probes.trigger(name, 'Readiness'),
      died: () => this.requestSync(this.ctx.random() * RELIST_MS),
    };
  }

  private after(simMs: number, fn: () => void): void {
    const run = this.continuation(fn);
    const cancel = this.ctx.clock.after(simMs * (0.8 + this.ctx.random() * 0.4), () => {
      this.timers.delete(cancel);
      run();
    });
    this.timers.add(cancel);
  }

  /** `fn` queued on the node's runner, and dropped if the Pod's pending work was cancelled meanwhile. */
  private continuation(fn: () => void): () => void {
    const epoch = this.epoch;
    return () =>
      this.ctx.runner.run(() => {
        if (epoch === this.epoch) fn();
      });
  }

  /** The status manager's write: only when something changed. */
  writeStatus(): void {
    if (this.stage !== 'gone') writePodStatus(this.ctx.registry, this.ctx.clock, this.pod, this.runtime);
  }
}
