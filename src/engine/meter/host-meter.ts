/**
 * The meter's host path: requests from this process to a URL the host can reach through the
 * Service's kube-proxy path (the sandbox's NodePort on 127.0.0.1). Never port-forward (pins one
 * Pod) nor the apiserver's service proxy (skips kube-proxy's propagation window).
 */
import type { MeterVersionSource } from '../checks/schema.js';
import type { MeterClock } from './meter-clock.js';
import type { MeterSource, SampleSink } from './meter-source.js';
import { probe, probeTarget } from './probe-request.js';

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
  // Made once: the URL parsed and the request's bytes written, not per request.
  const target = probeTarget(options.url, { timeoutMs: options.timeoutMs ?? 2000, ...(options.version ? { version: options.version } : {}) });
  const { clock } = options;
  const interval = 1000 / options.rate;
  let running = false;
  let loop: Promise<void> | undefined;
  /** Send times (meter time) of the requests in flight, in the order sent. */
  const inFlight = new Set<{ at: number }>();
  /** `settled(before)` callers, re-checked whenever a request ends. */
  const waiters = new Set<{ before: number; resolve: () => void }>();

  const wake = (): void => {
    for (const waiter of waiters) {
      if (![...inFlight].some((request) => request.at < waiter.before)) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };

  async function run(sink: SampleSink): Promise<void> {
    let next = clock.now();
    while (running) {
      const request = { at: clock.now() };
      inFlight.add(request);
      probe(target, (result) => {
        inFlight.delete(request);
        sink({ at: request.at, latencyMs: Math.max(0, clock.now() - request.at), ...result });
        if (waiters.size > 0) wake();
      });
      // A fixed schedule, not "sleep after each": the rate holds however long requests take. After
      // a stall (a busy machine), start again from now rather than firing the missed requests at once.
      next += interval;
      const now = clock.now();
      if (next < now - 1000) next = now;
      await clock.sleep(Math.max(0, next - now));
    }
  }

  /** Resolves once every request sent before `before` has ended (its sample sunk). */
  const endedBefore = (before: number): Promise<void> =>
    new Promise((resolve) => {
      waiters.add({ before, resolve });
      wake();
    });

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
      await endedBefore(Infinity);
    },
    settled: endedBefore,
  };
}
