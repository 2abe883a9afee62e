/**
 * The downtime meter as the app and `kubedojo meter` use it: one meter source at a time feeding
 * the traffic log, a rollout tracker fed with the live cluster, and the timeline of each rollout
 * that completes while the meter runs.
 */
import type { ClusterView } from '../checks/cluster-view.js';
import type { MeterClock } from './meter-clock.js';
import type { MeterEvent, MeterSource } from './meter-source.js';
import { RolloutTracker, type TrackedRollout } from './rollout-tracker.js';
import { buildTimeline, type RolloutTimeline } from './timeline.js';
import { TrafficLog } from './traffic-log.js';

export interface TrafficMonitorOptions {
  clock: MeterClock;
  /** Track only this Deployment's rollouts (the standalone meter); default every Deployment. */
  deployment?: string;
  /** Each sample as it arrives (`--json`). */
  onSample?: (sample: MeterEvent) => void;
  /**
   * A rollout completed while the meter ran: its timeline (the app draws it, the state dir keeps
   * it). Called at once (`final` false), then again once the requests sent during the rollout have
   * all ended (`final` true): a request in flight at completion still belongs to the rollout.
   */
  onTimeline?: (timeline: RolloutTimeline, final: boolean) => void;
}

export class TrafficMonitor {
  readonly log = new TrafficLog();
  private source: MeterSource | undefined;
  private service: string | undefined;
  private readonly tracker: RolloutTracker;

  constructor(private readonly options: TrafficMonitorOptions) {
    this.tracker = new RolloutTracker(
      {
        started: (rollout) => this.log.rolloutStarted(rollout.span),
        completed: (rollout) => this.completed(rollout),
      },
      options.deployment,
    );
  }

  get clock(): MeterClock {
    return this.options.clock;
  }

  /** The metered Service while the meter runs. */
  get running(): { service: string; describe: string } | undefined {
    return this.source === undefined || this.service === undefined ? undefined : { service: this.service, describe: this.source.describe };
  }

  async start(service: string, source: MeterSource): Promise<void> {
    await this.stop();
    this.source = source;
    this.service = service;
    this.log.startRun(service, this.options.clock.now());
    try {
      await source.start((sample) => {
        this.log.addSample(sample);
        this.options.onSample?.(sample);
      });
    } catch (error) {
      this.source = undefined;
      this.service = undefined;
      this.log.stopRun(this.options.clock.now());
      throw error;
    }
  }

  async stop(): Promise<void> {
    const source = this.source;
    if (source === undefined) return;
    this.source = undefined;
    this.service = undefined;
    // Stop the run first: answers still in flight count, but nothing new starts.
    const at = this.options.clock.now();
    await source.stop();
    this.log.stopRun(at);
  }

  /** Feed the live cluster (Deployments, ReplicaSets, Pods) on every change. */
  observe(view: ClusterView): void {
    this.tracker.observe(view, this.options.clock.now());
  }

  private completed(rollout: TrackedRollout): void {
    this.log.rolloutCompleted(rollout.span.deployment, rollout.span.completedAt ?? this.options.clock.now());
    const run = this.log.running;
    const source = this.source;
    if (run === undefined || source === undefined || run.startedAt > rollout.span.startedAt) return;
    this.options.onTimeline?.(buildTimeline(rollout, this.log.record, run.service), false);
    const end = rollout.span.completedAt ?? this.options.clock.now();
    // At most 10 s: a meter Pod whose log stalls must not keep the final timeline back for ever.
    const settled = Promise.race([source.settled(end), new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref?.())]);
    void settled.then(() => this.options.onTimeline?.(buildTimeline(rollout, this.log.record, run.service), true));
  }
}
