/**
 * The downtime meter during a rehearsal: per lesson, started when a step declares `meter:` or
 * holds a `traffic` check (before its solution runs, so the meter sees the whole rollout), and
 * stopped at the lesson's end. It uses the meter Pod path, which works on every cluster, the
 * sandbox included (its BusyBox runs the same loop).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { MeterSpec } from '../checks/schema.js';
import type { Lesson, Step } from '../lessons/schema.js';
import { wallClock } from '../meter/meter-clock.js';
import { createPodMeter } from '../meter/pod-meter.js';
import { TrafficMonitor } from '../meter/traffic-monitor.js';
import { lessonMeterSpec, servicePort } from '../session/session-meter.js';
import type { ChangeSignal } from './wait-until.js';

export class RehearseMeter {
  readonly monitor = new TrafficMonitor({ clock: wallClock });
  private spec: MeterSpec | undefined;

  constructor(
    private readonly kubeconfig: KubeConfig,
    private readonly namespace: string,
    changes: ChangeSignal,
  ) {
    // A new sample can make a traffic check pass: wake the waiters (at most every 100 ms).
    let queued = false;
    this.monitor.log.onChange(() => {
      if (queued) return;
      queued = true;
      setTimeout(() => {
        queued = false;
        changes.notify();
      }, 100).unref?.();
    });
  }

  /** What the step needs metered, if anything: its `meter:`, or the Service its traffic checks read. */
  static specFor(lesson: Lesson, step: Step): MeterSpec | undefined {
    if (step.meter !== undefined) return step.meter;
    const traffic = step.checks.find((check) => 'traffic' in check);
    if (traffic === undefined || !('traffic' in traffic)) return undefined;
    const declared = lessonMeterSpec(lesson.steps.slice(0, lesson.steps.indexOf(step) + 1));
    const service = traffic.traffic.service ?? declared?.service;
    if (service === undefined) return undefined;
    return declared?.service === service ? declared : { service, path: '/', rate: 20 };
  }

  async ensure(spec: MeterSpec): Promise<void> {
    if (this.monitor.running !== undefined && JSON.stringify(this.spec) === JSON.stringify(spec)) return;
    const port = await servicePort(this.kubeconfig, this.namespace, spec.service);
    this.spec = spec;
    await this.monitor.start(
      spec.service,
      createPodMeter({ kubeconfig: this.kubeconfig, namespace: this.namespace, service: spec.service, port, path: spec.path, rate: spec.rate, clock: wallClock, ...(spec.version ? { version: spec.version } : {}) }),
    );
  }

  async stop(): Promise<void> {
    this.spec = undefined;
    await this.monitor.stop();
    this.monitor.log.clear();
  }
}
