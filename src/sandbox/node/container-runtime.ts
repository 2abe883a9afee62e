/**
 * One container of a Pod across its runs, after kuberuntime_container.go: startContainer (the env,
 * then Created and Started, a new container ID, the process), the run ending on its own (exit code,
 * Completed or Error, the log closed), and killContainer — `Killing`, the preStop hook, the image's
 * stop signal, and SIGKILL once the grace period left after the hook (at least 2 s) is over. The Pod
 * worker decides when to start, restart and kill; this keeps the status those steps produce.
 */
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../api/status.js';
import type { SimClock } from '../clock.js';
import type { ObjectStore } from '../store/object-store.js';
import { ContainerFs, kubeletFiles } from './container-fs.js';
import { containerEnv } from './container-env.js';
import type { ContainerLogs } from './container-logs.js';
import { ContainerProcess, type ServiceFetch } from './container-process.js';
import { findImage } from './image-catalog.js';
import { imageStatus, type Runtime } from './images.js';
import { executePreStopHook } from './lifecycle-hooks.js';
import { NGINX_FILES } from './nginx-app.js';
import type { NodeNetwork } from './node-network.js';
import type { ContainerRuntimeStatus, TerminatedState } from './pod-status.js';
import { simNow } from './sim-time.js';
import { unsupportedMessage } from './unsupported.js';

/** Simulated ms for the runtime to create and to start a container. */
const CREATE_MS = 100;
const START_MS = 400;
/** killContainer's minimumGracePeriodInSeconds. */
const MINIMUM_GRACE_SECONDS = 2;

export interface ContainerHost {
  clock: SimClock;
  store: ObjectStore;
  network: NodeNetwork;
  logs: ContainerLogs;
  runtime: Runtime;
  kernel: string;
  cpus: number;
  fetchService(): ServiceFetch | undefined;
  pod(): KubeObject;
  podIP(): string;
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Runs `fn` later on the node's runner, unless the Pod's pending work was cancelled. */
  after(simMs: number, fn: () => void): void;
  /** The status changed: write it. */
  changed(): void;
  /** The container's process ended (PLEG's ContainerDied). */
  died(): void;
  /** The container started: the readiness probe runs now (UpdatePodStatus's manual trigger). */
  started(): void;
}

export class ContainerRuntime {
  readonly status: ContainerRuntimeStatus;
  process?: ContainerProcess;
  /** Simulated ms the current run started and the last run finished. */
  startedAt = 0;
  finishedAt?: number;
  stopping = false;
  /** The image the current run was started from; a different one in the spec restarts it. */
  runningImage?: string;
  readiness: 'success' | 'failure' | 'unknown' = 'failure';
  livenessFailed = false;
  startupFailed = false;
  private runs = 0;
  private exitWaiters: (() => void)[] = [];

  constructor(
    public spec: KubeObject,
    private readonly host: ContainerHost,
  ) {
    this.status = { name: spec.name, image: spec.image, imageID: '', state: { kind: 'waiting', reason: 'ContainerCreating' }, ready: false, started: false, restartCount: 0 };
  }

  get running(): boolean {
    return this.status.state.kind === 'running';
  }

  get exited(): boolean {
    return this.runs > 0 && !this.running;
  }

  setWaiting(reason: string, message?: string): void {
    this.status.state = { kind: 'waiting', reason, message };
    this.refreshReady();
  }

  /** ready = running, started, and the readiness probe (if any) succeeded. */
  refreshReady(): void {
    this.status.ready = this.running && this.status.started && (!this.spec.readinessProbe || this.readiness === 'success');
  }

  /** startContainer after the image is there: `done(false)` when it could not be created. */
  start(done: (ok: boolean) => void): void {
    const { host } = this;
    const image = findImage(this.spec.image)!;
    const pod = host.pod();
    const env = containerEnv(host.store, pod, this.spec, image, host.podIP());
    if (!env.ok) {
      host.event('Warning', 'Failed', `Error: ${env.message}`);
      this.setWaiting('CreateContainerConfigError', env.message);
      host.changed();
      return done(false);
    }
    host.after(CREATE_MS, () => {
      host.event('Normal', 'Created', `Created container: ${this.spec.name}`);
      host.after(START_MS, () => {
        this.launch(image, env.env);
        done(true);
      });
    });
  }

  private launch(image: NonNullable<ReturnType<typeof findImage>>, env: Record<string, string>): void {
    const { host } = this;
    const pod = host.pod();
    const uid: string = pod.metadata.uid;
    const name: string = this.spec.name;
    if (this.runs > 0) {
      this.status.restartCount++;
      if (this.status.state.kind === 'terminated') this.status.lastTerminated = { ...this.status.state };
    }
    this.runs++;
    this.runningImage = this.spec.image;
    this.readiness = 'failure';
    this.livenessFailed = this.startupFailed = false;
    const containerID = `${host.runtime}://${randomBytes(32).toString('hex')}`;
    Object.assign(this.status, imageStatus(this.spec.image, host.runtime), { containerID });
    const hostname: string = pod.spec?.hostname ?? pod.metadata.name;
    const fs = new ContainerFs(image.userland, { ...(image.app.kind === 'nginx' ? NGINX_FILES : {}), ...kubeletFiles({ name: pod.metadata.name, namespace: pod.metadata.namespace, podIP: host.podIP(), hostname }) });
    host.logs.start(uid, name);
    const process = new ContainerProcess(
      {
        clock: host.clock,
        network: host.network,
        image,
        container: this.spec,
        pod: { namespace: pod.metadata.namespace, name: pod.metadata.name, hostname },
        podIP: host.podIP(),
        env,
        fs,
        kernel: host.kernel,
        cpus: host.cpus,
        fetchService: () => host.fetchService(),
        log: (lines) => host.logs.append(uid, name, lines),
        unsupported: (command) => host.event('Warning', 'SandboxUnsupported', unsupportedMessage(command)),
      },
      {
        exited: (code) => this.ended(process, { exitCode: code, reason: code === 0 ? 'Completed' : 'Error' }),
        startFailed: (message) => {
          const detail = `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${message}: unknown`;
          const text = host.runtime === 'docker' ? `Error response from daemon: failed to create task for container: ${detail}` : `failed to create containerd task: ${detail}`;
          host.event('Warning', 'Failed', `Error: failed to start container "${name}": ${text}`);
          this.ended(process, { exitCode: 128, reason: 'StartError', message: text });
        },
      },
    );
    this.process = process;
    this.startedAt = simNow(host.clock);
    this.status.state = { kind: 'running', startedAt: host.clock.timestamp() };
    this.status.started = !this.spec.startupProbe;
    this.refreshReady();
    if (process.start()) {
      host.event('Normal', 'Started', `Started container ${name}`);
      host.changed();
      host.started();
    }
  }

  private ended(process: ContainerProcess, how: { exitCode: number; reason: string; message?: string }): void {
    if (this.process !== process || this.status.state.kind !== 'running') return;
    const { host } = this;
    const terminated: TerminatedState = { ...how, startedAt: this.status.state.startedAt, finishedAt: host.clock.timestamp(), containerID: this.status.containerID };
    this.status.state = { kind: 'terminated', ...terminated };
    this.status.started = false;
    this.finishedAt = simNow(host.clock);
    this.refreshReady();
    host.logs.end(host.pod().metadata.uid, this.spec.name);
    for (const waiter of this.exitWaiters.splice(0)) waiter();
    host.changed();
    host.died();
  }

  /** killContainer: resolves once the process is gone. `graceSeconds` counts from now, hook included. */
  kill(message: string, graceSeconds: number, done: () => void): void {
    const process = this.process;
    if (!process?.running || !this.running) return done();
    if (this.stopping) return void this.exitWaiters.push(done);
    this.stopping = true;
    this.exitWaiters.push(() => (this.stopping = false), done);
    const { host } = this;
    host.event('Normal', 'Killing', message);
    const signal = (remaining: number) => {
      if (!process.running) return;
      process.stop();
      const cancel = host.clock.after(Math.max(remaining, MINIMUM_GRACE_SECONDS) * 1000, () => process.kill());
      this.exitWaiters.push(cancel);
    };
    const preStop = this.spec.lifecycle?.preStop;
    if (!preStop || graceSeconds <= 0) return signal(graceSeconds);
    const target = { podIP: host.podIP(), container: this.spec, process };
    void executePreStopHook(preStop, target, host.network, host.clock, graceSeconds, () => host.event('Warning', 'FailedPreStopHook', 'PreStopHook failed')).then((took) => signal(graceSeconds - took));
  }

  /** The Pod is gone: SIGKILL without ceremony. */
  dispose(): void {
    this.process?.kill();
  }
}
