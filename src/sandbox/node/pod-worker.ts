/**
 * One Pod's life on the node, after the kubelet's pod worker (pkg/kubelet/pod_workers.go, SyncPod in
 * kuberuntime_manager.go): sandbox and IP, then for each container in order the image pull, create
 * and start with their events; on deletion `Killing`, the containers stop, the Pod turns terminal and
 * is removed. Every step writes the status the real kubelet would show at that moment.
 */
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ApiError, type KubeObject } from '../api/status.js';
import type { SimClock } from '../clock.js';
import type { Recorder } from '../controllers/events/event-recorder.js';
import { PODS } from '../controllers/kinds.js';
import type { Registry } from '../registry/registry.js';
import { appOutput, type AppOutput } from './app-output.js';
import type { ContainerLogs } from './container-logs.js';
import type { ImagePuller, PullResult } from './image-puller.js';
import { goDuration, imageStatus, pullPolicy, type Runtime } from './images.js';
import type { PodIpAllocator } from './ip-allocator.js';
import { podStatus, type ContainerRuntimeStatus, type PodRuntimeStatus } from './pod-status.js';
import type { TaskRunner } from './task-runner.js';

export interface KubeletContext {
  registry: Registry;
  clock: SimClock;
  recorder: Recorder;
  logs: ContainerLogs;
  images: ImagePuller;
  ips: PodIpAllocator;
  hostIP: string;
  /** Where timers' work runs, within the sandbox's per-turn budget. */
  runner: TaskRunner;
  /** The Node as stored: its runtime, kernel and CPUs shape what containers report. */
  node(): KubeObject | undefined;
}

/** Simulated delays in ms: sandbox and CNI, container create and start, nginx's graceful quit, the final delete. */
const SANDBOX_MS = 400;
const CREATE_MS = 100;
const START_MS = 400;
const STOP_MS = 300;
const REMOVE_MS = 100;

/** ±20 %, so the Pods of one ReplicaSet do not move in lockstep. */
const jitter = (ms: number) => ms * (0.8 + Math.random() * 0.4);

type Stage = 'new' | 'running' | 'terminating' | 'gone';

export class PodWorker {
  private stage: Stage = 'new';
  private readonly timers = new Set<() => void>();
  /** Raised when pending work is cancelled, so work already queued on the runner is dropped too. */
  private epoch = 0;
  private readonly runtime: PodRuntimeStatus;
  private readonly apps = new Map<string, AppOutput | undefined>();

  constructor(
    private readonly ctx: KubeletContext,
    private pod: KubeObject,
  ) {
    const containers: KubeObject[] = pod.spec?.containers ?? [];
    const known: KubeObject[] = pod.status?.containerStatuses ?? [];
    this.runtime = {
      hostIP: ctx.hostIP,
      podIP: pod.status?.podIP,
      startTime: pod.status?.startTime ?? ctx.clock.timestamp(),
      sandboxReady: !!pod.status?.podIP,
      containers: containers.map((c) => ({
        name: c.name,
        image: c.image,
        imageID: '',
        state: { kind: 'waiting', reason: 'ContainerCreating' },
        ready: false,
        started: false,
        restartCount: 0,
      })),
    };
    // A Pod already running when the node starts (minikube's own) is adopted as it is.
    if (known.length && known.every((s) => s.state?.running)) {
      this.stage = 'running';
      this.runtime.containers = known.map((s) => ({
        name: s.name,
        image: s.image,
        imageID: s.imageID,
        containerID: s.containerID,
        state: { kind: 'running', startedAt: s.state.running.startedAt },
        ready: s.ready,
        started: true,
        restartCount: s.restartCount ?? 0,
      }));
      if (pod.status?.podIP && pod.status.podIP !== ctx.hostIP) ctx.ips.reserve(pod.metadata.uid, pod.status.podIP);
    }
  }

  /** The kubelet saw a new version of the Pod. */
  sync(pod: KubeObject): void {
    this.pod = pod;
    if (pod.metadata.deletionTimestamp) this.terminate();
    else if (this.stage === 'new') this.start();
  }

  /** The Pod is gone from the API: stop everything and free what it held. */
  dispose(): void {
    this.stage = 'gone';
    this.cancelTimers();
    this.ctx.ips.release(this.pod.metadata.uid);
    this.ctx.logs.forget(this.pod.metadata.uid);
  }

  /** Stops the simulation of this Pod without touching the API (node shutdown). */
  cancelTimers(): void {
    this.epoch++;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
  }

  private start(): void {
    this.stage = 'running';
    this.writeStatus();
    this.after(SANDBOX_MS, () => {
      this.runtime.podIP = this.pod.spec?.hostNetwork ? this.ctx.hostIP : this.ctx.ips.allocate(this.pod.metadata.uid);
      this.runtime.sandboxReady = true;
      this.writeStatus();
      this.startContainer(0);
    });
  }

  /** EnsureImageExists, then create and start; the next container follows. */
  private startContainer(i: number): void {
    const container: KubeObject | undefined = this.pod.spec?.containers?.[i];
    if (!container) return;
    const fieldPath = `spec.containers{${container.name}}`;
    const image: string = container.image;
    const policy = pullPolicy(container);
    if (policy === 'Always' || (policy === 'IfNotPresent' && !this.ctx.images.isPresent(image))) {
      this.event('Normal', 'Pulling', `Pulling image "${image}"`, fieldPath);
      const pulled = this.continuation(({ pullMs, totalMs, size }: PullResult) => {
        this.event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDuration(pullMs)} (${goDuration(totalMs)} including waiting). Image size: ${size} bytes.`, fieldPath);
        this.createContainer(i, container, fieldPath);
      });
      const cancel = this.ctx.images.pull(image, (result) => {
        this.timers.delete(cancel);
        pulled(result);
      });
      this.timers.add(cancel);
    } else {
      this.event('Normal', 'Pulled', `Container image "${image}" already present on machine`, fieldPath);
      this.createContainer(i, container, fieldPath);
    }
  }

  private createContainer(i: number, container: KubeObject, fieldPath: string): void {
    this.after(CREATE_MS, () => {
      this.event('Normal', 'Created', `Created container: ${container.name}`, fieldPath);
      this.after(START_MS, () => {
        this.event('Normal', 'Started', `Started container ${container.name}`, fieldPath);
        this.containerStarted(i, container);
        this.startContainer(i + 1);
      });
    });
  }

  private containerStarted(i: number, container: KubeObject): void {
    const node = this.ctx.node();
    const runtime: Runtime = String(node?.status?.nodeInfo?.containerRuntimeVersion ?? '').startsWith('containerd') ? 'containerd' : 'docker';
    const status = this.runtime.containers[i]!;
    Object.assign(status, imageStatus(container.image, runtime), {
      containerID: `${runtime}://${randomBytes(32).toString('hex')}`,
      state: { kind: 'running', startedAt: this.ctx.clock.timestamp() },
      started: true,
      // Without a prober yet, a readiness probe stands for its initial delay.
      ready: !container.readinessProbe,
    } satisfies Partial<ContainerRuntimeStatus>);
    const app = appOutput(container.image, node?.status?.nodeInfo?.kernelVersion ?? '', Number.parseInt(node?.status?.capacity?.cpu ?? '1', 10));
    this.apps.set(container.name, app);
    this.ctx.logs.start(this.pod.metadata.uid, container.name);
    if (app) this.ctx.logs.append(this.pod.metadata.uid, container.name, app.startup(this.ctx.clock.now()));
    this.writeStatus();
    if (container.readinessProbe) {
      this.after((container.readinessProbe.initialDelaySeconds ?? 0) * 1000, () => {
        status.ready = true;
        this.writeStatus();
      });
    }
  }

  /** killPod: stop the running containers (with their shutdown output), then the Pod is terminal and removed. */
  private terminate(): void {
    if (this.stage === 'terminating' || this.stage === 'gone') return;
    this.stage = 'terminating';
    this.cancelTimers();
    const running = this.runtime.containers.filter((c) => c.state.kind === 'running');
    for (const c of running) {
      this.event('Normal', 'Killing', `Stopping container ${c.name}`, `spec.containers{${c.name}}`);
      const app = this.apps.get(c.name);
      if (app) this.ctx.logs.append(this.pod.metadata.uid, c.name, app.shutdown(this.ctx.clock.now()));
    }
    const { namespace, name } = this.pod.metadata;
    const remove = () => this.after(REMOVE_MS, () => this.ctx.registry.removePod(namespace, name));
    if (!running.length) return remove();
    const graceMs = (this.pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    this.after(Math.min(STOP_MS, graceMs), () => {
      const now = this.ctx.clock.timestamp();
      for (const c of running) {
        if (c.state.kind !== 'running') continue;
        c.state = { kind: 'terminated', exitCode: 0, reason: 'Completed', startedAt: c.state.startedAt, finishedAt: now };
        c.ready = false;
        c.started = false;
        this.ctx.logs.end(this.pod.metadata.uid, c.name);
      }
      this.runtime.sandboxReady = false;
      // A Pod being deleted whose containers all exited 0 ends Succeeded (getPhase, podIsTerminal).
      this.runtime.terminalPhase = 'Succeeded';
      this.writeStatus();
      remove();
    });
  }

  private after(simMs: number, fn: () => void): void {
    const run = this.continuation(fn);
    const cancel = this.ctx.clock.after(jitter(simMs), () => {
      this.timers.delete(cancel);
      run(undefined);
    });
    this.timers.add(cancel);
  }

  /** `fn` queued on the node's runner, and dropped if the Pod's pending work was cancelled meanwhile. */
  private continuation<T>(fn: (value: T) => void): (value: T) => void {
    const epoch = this.epoch;
    return (value) => this.ctx.runner.run(() => {
      if (epoch === this.epoch) fn(value);
    });
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string, fieldPath: string): void {
    this.ctx.recorder.event(this.latest() ?? this.pod, type, reason, message, { fieldPath });
  }

  private latest(): KubeObject | undefined {
    const { namespace, name, uid } = this.pod.metadata;
    const pod = this.ctx.registry.store.peek(PODS, namespace, name);
    return pod?.metadata.uid === uid ? pod : undefined;
  }

  /** The status manager's write: only when something changed. */
  private writeStatus(): void {
    const latest = this.latest();
    if (!latest) return;
    const status = podStatus(latest.status, this.runtime, this.ctx.clock.timestamp());
    if (isDeepStrictEqual(latest.status, status)) return;
    try {
      this.ctx.registry.update(PODS, latest.metadata.namespace, latest.metadata.name, { ...latest, status }, { subresource: 'status' });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }
}
