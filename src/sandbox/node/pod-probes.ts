/**
 * The probe manager's part for one Pod (pkg/kubelet/prober/prober_manager.go): a worker per container
 * and probe, started with the Pod, and the results turned into what the kubelet does with them —
 * readiness into the container's `ready` (hence the Pod's Ready condition, READY and Endpoints),
 * startup success into `started`, a liveness or startup failure into a sync that restarts the
 * container. Every failed probe records `Unhealthy` "<Type> probe failed: …", as prober.go does.
 */
import type { KubeObject } from '../api/status.js';
import type { ContainerRuntime } from './container-runtime.js';
import type { KubeletContext } from './kubelet-context.js';
import { ProbeWorker, type ProbeResult } from './probe-worker.js';
import { runProbe, type ProbeType } from './prober.js';

export interface ProbedPod {
  readonly containers: ContainerRuntime[];
  readonly podIP: string;
  readonly terminal: boolean;
  current(): KubeObject;
  containerEvent(container: string, type: 'Normal' | 'Warning', reason: string, message: string): void;
  requestSync(delayMs: number): void;
  writeStatus(): void;
}

const SPEC_FIELD: Record<ProbeType, string> = { Readiness: 'readinessProbe', Liveness: 'livenessProbe', Startup: 'startupProbe' };

export class PodProbes {
  private readonly workers: { container: string; worker: ProbeWorker }[] = [];

  constructor(
    private readonly ctx: KubeletContext,
    private readonly pod: ProbedPod,
  ) {}

  start(): void {
    for (const spec of (this.pod.current().spec?.containers ?? []) as KubeObject[]) {
      for (const type of ['Startup', 'Readiness', 'Liveness'] as ProbeType[]) {
        const probe = spec[SPEC_FIELD[type]];
        if (!probe) continue;
        const worker = new ProbeWorker(type, probe, this.host(spec.name, type, probe));
        this.workers.push({ container: spec.name, worker });
        worker.start();
      }
    }
  }

  stop(which: 'all' | 'liveness-startup'): void {
    for (const { worker } of this.workers) if (which === 'all' || worker.type !== 'Readiness') worker.stop();
  }

  trigger(container: string, type: ProbeType): void {
    for (const w of this.workers) if (w.container === container && w.worker.type === type) w.worker.trigger();
  }

  private host(name: string, type: ProbeType, probe: KubeObject) {
    const find = () => this.pod.containers.find((c) => c.spec.name === name);
    return {
      clock: this.ctx.clock,
      container: () => {
        const c = find();
        if (!c) return undefined;
        return { containerID: c.status.containerID, running: c.running, terminated: c.status.state.kind === 'terminated', startedAt: c.startedAt, started: c.status.started };
      },
      podTerminal: () => this.pod.terminal,
      podDeleting: () => !!this.pod.current().metadata.deletionTimestamp,
      restartNever: () => this.pod.current().spec?.restartPolicy === 'Never',
      probe: async () => {
        const c = find()!;
        const outcome = await runProbe(probe, { podIP: this.pod.podIP, container: c.spec, process: c.process }, this.ctx.network, this.ctx.clock);
        if (!outcome.success) this.pod.containerEvent(name, 'Warning', 'Unhealthy', `${type} probe failed: ${outcome.output}`);
        return outcome.success;
      },
      setResult: (containerID: string, result: ProbeResult) => {
        const c = find();
        if (!c || c.status.containerID !== containerID) return;
        this.apply(c, type, result);
      },
    };
  }

  private apply(c: ContainerRuntime, type: ProbeType, result: ProbeResult): void {
    if (type === 'Readiness') {
      c.readiness = result;
      c.refreshReady();
      this.pod.writeStatus();
    } else if (type === 'Liveness') {
      c.livenessFailed = result === 'failure';
      if (c.livenessFailed) this.pod.requestSync(0);
    } else if (result === 'success') {
      if (c.running && !c.status.started) {
        c.status.started = true;
        c.refreshReady();
        this.pod.writeStatus();
        this.trigger(c.spec.name, 'Readiness');
      }
    } else if (result === 'failure') {
      c.startupFailed = true;
      this.pod.requestSync(0);
    }
  }
}
