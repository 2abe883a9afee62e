/**
 * The meter's host path: requests from this process to a URL the host can reach through the
 * Service's kube-proxy path (the sandbox's NodePort on 127.0.0.1). Never port-forward (pins one
 * Pod) nor the apiserver's service proxy (skips kube-proxy's propagation window).
 */
import type { MeterVersionSource } from '../checks/schema.js';
import type { MeterClock } from './meter-clock.js';
import type { MeterSource, SampleSink } from './meter-source.js';
import { probeRequest } from './probe-request.js';

export interface HostMeterOptions {
  url: string;
  /** Requests per second of the clock's time. */
  rate: number;
  clock: MeterClock;
  version?: MeterVersionSource;
  /** Wall ms before a request counts as timed out; default 2 000. */
  timeoutMs?: number;
}

export function createHostMeter(options: HostMeterOptions): MeterSource {
  let running = false;
  let loop: Promise<void> | undefined;
  const inFlight = new Map<Promise<void>, number>();
  const interval = 1000 / options.rate;

  function send(sink: SampleSink): void {
    const at = options.clock.now();
    const request = probeRequest(options.url, { timeoutMs: options.timeoutMs ?? 2000, ...(options.version ? { version: options.version } : {}) }).then((result) => {
      inFlight.delete(request);
      sink({ at, latencyMs: Math.max(0, options.clock.now() - at), ...result });
    });
    inFlight.set(request, at);
  }

  async function run(sink: SampleSink): Promise<void> {
    let next = options.clock.now();
    while (running) {
      // A fixed schedule, not "sleep after each": the rate holds however long requests take. After
      // a stall (a busy machine), start again from now rather than firing the missed requests at once.
      const now = options.clock.now();
      if (next < now - 1000) next = now;
      // Every request due by now goes out on this wake-up. One per wake-up would cap the rate at the
      // timer's pace: on the sandbox at ×20, 20 requests a second are one every 2.5 ms of wall time,
      // and a loaded event loop wakes far less often (the meter sent 8 a second in the pty test).
      while (running && next <= now) {
        send(sink);
        next += interval;
      }
      await options.clock.sleep(Math.max(0, next - options.clock.now()));
    }
  }

  return {
    describe: `requests from this machine to ${options.url}`,
    start(sink) {
      if (running) return Promise.resolve();
      running = true;
      loop = run(sink);
      return Promise.resolve();
    },
    async stop() {
      running = false;
      await loop;
      // The answers of requests already sent still count: they were part of the traffic.
      await Promise.all([...inFlight.keys()]);
    },
    async settled(before) {
      await Promise.all([...inFlight].filter(([, at]) => at < before).map(([request]) => request));
    },
  };
}
