/**
 * One probe of one container, after the kubelet's probe worker (pkg/kubelet/prober/worker.go): it
 * starts with the Pod, probes at once and then every periodSeconds on a fixed ticker (a readiness
 * probe also runs right after the container starts, as UpdatePodStatus triggers it), skips a
 * container that is not running yet or is within initialDelaySeconds, runs liveness and readiness
 * only once the startup probe succeeded, and changes its result only after successThreshold
 * successes or failureThreshold failures in a row. A liveness or startup failure holds the worker
 * until a new container appears; on deletion liveness and startup stop, readiness goes on.
 */
import type { KubeObject } from '../api/status.js';
import type { SimClock } from '../clock.js';
import type { ProbeType } from './prober.js';
import { simNow } from './sim-time.js';

export type ProbeResult = 'success' | 'failure' | 'unknown';

export interface ProbedContainer {
  containerID?: string;
  running: boolean;
  terminated: boolean;
  /** Simulated ms when the current container started. */
  startedAt: number;
  started: boolean;
}

export interface ProbeHost {
  clock: SimClock;
  container(): ProbedContainer | undefined;
  podTerminal(): boolean;
  podDeleting(): boolean;
  restartNever(): boolean;
  /** Runs the probe and records the Unhealthy event on failure. */
  probe(): Promise<boolean>;
  setResult(containerID: string, result: ProbeResult): void;
}

const INITIAL: Record<ProbeType, ProbeResult> = { Readiness: 'failure', Liveness: 'success', Startup: 'unknown' };

export class ProbeWorker {
  private containerID?: string;
  private lastResult: ProbeResult = 'unknown';
  private resultRun = 0;
  private onHold = false;
  private stopped = false;
  private probing = false;
  private triggered = false;
  private nextTick: number;
  private cancelWait?: () => void;

  constructor(
    readonly type: ProbeType,
    private readonly spec: KubeObject,
    private readonly host: ProbeHost,
  ) {
    this.nextTick = simNow(host.clock) + this.periodMs;
  }

  private get periodMs(): number {
    return (this.spec.periodSeconds ?? 10) * 1000;
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.cancelWait?.();
  }

  /** The manualTriggerCh: probe now instead of at the next tick. */
  trigger(): void {
    if (this.stopped) return;
    if (this.probing) {
      this.triggered = true;
      return;
    }
    this.cancelWait?.();
    void this.run();
  }

  private async run(): Promise<void> {
    this.cancelWait = undefined;
    this.probing = true;
    const keepGoing = await this.doProbe();
    this.probing = false;
    if (!keepGoing) this.stopped = true;
    if (this.stopped) return;
    const now = simNow(this.host.clock);
    // A tick that passed while probing is dropped and the ticker stays on its grid. (Go's ticker
    // buffers one, but a kubelet's probes take milliseconds; here a missed tick only means the host
    // was late, and replaying it would squeeze two probes together.)
    if (now >= this.nextTick) this.nextTick += Math.ceil((now - this.nextTick + 1) / this.periodMs) * this.periodMs;
    if (this.triggered) {
      this.triggered = false;
      return this.run();
    }
    this.cancelWait = this.host.clock.after(this.nextTick - now, () => {
      this.nextTick += this.periodMs;
      void this.run();
    });
  }

  /** worker.doProbe: whether to keep probing. */
  private async doProbe(): Promise<boolean> {
    const host = this.host;
    if (host.podTerminal()) return false;
    const c = host.container();
    if (!c?.containerID) return true;
    if (c.containerID !== this.containerID) {
      this.containerID = c.containerID;
      host.setResult(c.containerID, INITIAL[this.type]);
      this.onHold = false;
    }
    if (this.onHold) return true;
    if (!c.running) {
      host.setResult(c.containerID, 'failure');
      return !c.terminated || !host.restartNever();
    }
    if (host.podDeleting() && this.type !== 'Readiness') {
      host.setResult(c.containerID, 'success');
      return false;
    }
    if (Math.floor((simNow(host.clock) - c.startedAt) / 1000) < (this.spec.initialDelaySeconds ?? 0)) return true;
    if (c.started ? this.type === 'Startup' : this.type !== 'Startup') return true;
    const result: ProbeResult = (await host.probe()) ? 'success' : 'failure';
    if (this.stopped || host.container()?.containerID !== c.containerID) return !this.stopped;
    if (this.lastResult === result) this.resultRun++;
    else {
      this.lastResult = result;
      this.resultRun = 1;
    }
    const threshold = result === 'failure' ? (this.spec.failureThreshold ?? 3) : (this.spec.successThreshold ?? 1);
    if (this.resultRun < threshold) return true;
    host.setResult(c.containerID, result);
    if (this.type !== 'Readiness' && result === 'failure') {
      // The container will be restarted: stop probing until a new one appears.
      this.onHold = true;
      this.resultRun = 0;
    }
    return true;
  }
}
