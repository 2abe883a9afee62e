/**
 * The app's downtime meter: one TrafficMonitor per session, fed with the live cluster, started
 * by a step's `meter:` or the `t` key, stopped at the end of the lesson. It picks the honest path
 * to the Service (see src/engine/meter/README of issue #11): the sandbox's NodePort on 127.0.0.1,
 * or a meter Pod inside a real cluster.
 */
import type { KubeConfig, V1Service } from '@kubernetes/client-node';
import type { ClusterView } from '../checks/cluster-view.js';
import { createPodMeter } from '../meter/pod-meter.js';
import type { MeterSpec } from '../checks/schema.js';
import type { TrafficRecord } from '../checks/traffic-record.js';
import { createHostMeter } from '../meter/host-meter.js';
import { scaledClock, wallClock, type MeterClock } from '../meter/meter-clock.js';
import type { MeterSource } from '../meter/meter-source.js';
import { meterStats, type MeterStats } from '../meter/meter-stats.js';
import { saveTimeline } from '../meter/timeline-store.js';
import type { RolloutTimeline } from '../meter/timeline.js';
import { TrafficMonitor } from '../meter/traffic-monitor.js';
import type { ClusterConnection } from './cluster-connection.js';
import { objectPath, requestJson } from './kube-api.js';

export interface TrafficSnapshot {
  /** Where the requests come from: "requests from this machine to http://127.0.0.1:31234/". */
  describe?: string;
  stats?: MeterStats;
  /** The last rollout's timeline, once one completed while the meter ran. */
  timeline?: RolloutTimeline;
}

/** Makes the meter's request source for a Service; throws with a learner-facing message when it cannot. */
export type MeterSourceFactory = (connection: ClusterConnection, spec: MeterSpec, clock: MeterClock) => Promise<MeterSource>;

/**
 * The sandbox in this process and a NodePort Service: requests from this machine to the NodePort,
 * paced in simulated time. Anything else (a real cluster, a ClusterIP Service): a meter Pod.
 */
export const defaultSources: MeterSourceFactory = async (connection, spec, clock) => {
  // kube-proxy's URL event crosses from the sandbox's thread: give one on its way a moment.
  const url = await connection.sandbox?.urlOf(connection.namespace, spec.service, 2000);
  if (url !== undefined) return createHostMeter({ url: `${url}${spec.path}`, rate: spec.rate, clock, ...(spec.version ? { version: spec.version } : {}) });
  return podSource(connection, spec, clock);
};

/** The meter Pod path, on any cluster (the sandbox's BusyBox runs the same loop). */
export const podSource: MeterSourceFactory = async (connection, spec, clock) => {
  const port = await servicePort(connection.kubeconfig, connection.namespace, spec.service);
  return createPodMeter({
    kubeconfig: connection.kubeconfig,
    namespace: connection.namespace,
    service: spec.service,
    port,
    path: spec.path,
    rate: spec.rate,
    clock,
    ...(spec.version ? { version: spec.version } : {}),
  });
};

/** The Service to meter does not exist (yet): the session's meter waits for it. */
export class MissingServiceError extends Error {
  constructor(
    readonly service: string,
    readonly namespace: string,
  ) {
    super(`there is no service ${service} in namespace ${namespace} to meter`);
  }
}

/** The Service's first port; a clear error when there is no such Service. */
export async function servicePort(kubeconfig: KubeConfig, namespace: string, service: string): Promise<number> {
  let found: V1Service;
  try {
    found = (await requestJson(kubeconfig, 'GET', objectPath('Service', namespace, service))) as V1Service;
  } catch {
    throw new MissingServiceError(service, namespace);
  }
  const port = found.spec?.ports?.[0]?.port;
  if (port === undefined) throw new Error(`service ${service} has no port to send requests to`);
  return port;
}

export interface SessionMeterOptions {
  connection: ClusterConnection;
  /** Default: the sandbox's NodePort when the sandbox runs in this process, else a meter Pod. */
  sources?: MeterSourceFactory;
  /** Throttled: the record or the stats changed. */
  onChange(): void;
  /** Where the final timeline is saved; default the user's state directory. */
  saveTimeline?: (timeline: RolloutTimeline) => Promise<void>;
  /** A save failed or a meter could not start. */
  onProblem(message: string): void;
  /** A rollout the meter watched whole, once its requests have all ended (its final timeline). */
  onRollout?(timeline: RolloutTimeline): void;
}

const PUBLISH_MS = 250;

export class SessionMeter {
  readonly monitor: TrafficMonitor;
  private timeline: RolloutTimeline | undefined;
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private spec: MeterSpec | undefined;
  /** A meter asked for before its Service existed: it starts once the watched view shows the Service. */
  private waiting: MeterSpec | undefined;
  private retrying = false;

  constructor(private readonly options: SessionMeterOptions) {
    const speed = options.connection.sandbox?.speed;
    this.monitor = new TrafficMonitor({
      clock: speed === undefined ? wallClock : scaledClock(speed),
      onTimeline: (timeline, final) => {
        this.timeline = timeline;
        this.publishNow();
        if (final) options.onRollout?.(timeline);
        if (final) void (options.saveTimeline ?? ((t) => saveTimeline(t)))(timeline).catch((error: unknown) => options.onProblem(`could not save the rollout timeline: ${String(error)}`));
      },
    });
    this.monitor.log.onChange(() => this.schedulePublish());
  }

  get record(): TrafficRecord {
    return this.monitor.log.record;
  }

  /** The Service metered now, or waited for, if any. */
  get service(): string | undefined {
    return this.monitor.running?.service ?? this.waiting?.service;
  }

  /**
   * Starts metering `spec.service`. When the Service does not exist yet (the step creates it),
   * resolves with "waiting" and starts by itself once the watched view shows it.
   */
  async start(spec: MeterSpec): Promise<'running' | 'waiting'> {
    if (this.spec !== undefined && this.monitor.running !== undefined && sameSpec(this.spec, spec)) return 'running';
    const factory = this.options.sources ?? defaultSources;
    let source: MeterSource;
    try {
      source = await factory(this.options.connection, spec, this.monitor.clock);
    } catch (error) {
      if (!(error instanceof MissingServiceError)) throw error;
      // Another meter runs meanwhile? It meters what the learner no longer asked for.
      await this.monitor.stop();
      this.spec = undefined;
      this.waiting = spec;
      this.publishNow();
      return 'waiting';
    }
    this.waiting = undefined;
    this.spec = spec;
    await this.monitor.start(spec.service, source);
    this.publishNow();
    return 'running';
  }

  async stop(): Promise<void> {
    this.waiting = undefined;
    this.spec = undefined;
    await this.monitor.stop();
    this.publishNow();
  }

  /** A new lesson: stop, and forget the record and the timeline. */
  async reset(): Promise<void> {
    await this.stop();
    this.monitor.log.clear();
    this.timeline = undefined;
    this.publishNow();
  }

  observe(view: ClusterView): void {
    this.monitor.observe(view);
    const waiting = this.waiting;
    if (waiting === undefined || this.retrying || view.get('Service', waiting.service) === undefined) return;
    this.retrying = true;
    void this.start(waiting)
      .catch((error: unknown) => {
        if (this.waiting === waiting) this.waiting = undefined;
        this.options.onProblem(`The downtime meter did not start: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        this.retrying = false;
      });
  }

  snapshot(): TrafficSnapshot | undefined {
    const stats = meterStats(this.record, this.monitor.clock.now());
    const running = this.monitor.running;
    if (stats === undefined && this.timeline === undefined) return undefined;
    return {
      ...(running === undefined ? {} : { describe: running.describe }),
      ...(stats === undefined ? {} : { stats }),
      ...(this.timeline === undefined ? {} : { timeline: this.timeline }),
    };
  }

  async close(): Promise<void> {
    this.waiting = undefined;
    if (this.publishTimer !== undefined) clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    await this.monitor.stop();
  }

  private schedulePublish(): void {
    if (this.publishTimer !== undefined) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      this.options.onChange();
    }, PUBLISH_MS);
    this.publishTimer.unref?.();
  }

  private publishNow(): void {
    if (this.publishTimer !== undefined) clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    this.options.onChange();
  }
}

function sameSpec(a: MeterSpec, b: MeterSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The Service a lesson meters: a step's `meter:`, else a traffic check's, else none. */
export function lessonMeterSpec(steps: readonly { meter?: MeterSpec; checks: readonly unknown[] }[]): MeterSpec | undefined {
  for (const step of steps) if (step.meter !== undefined) return step.meter;
  for (const step of steps) {
    for (const check of step.checks) {
      const service = (check as { traffic?: { service?: string } }).traffic?.service;
      if (service !== undefined) return { service, path: '/', rate: 20 };
    }
  }
  return undefined;
}
