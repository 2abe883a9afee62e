/**
 * The meter's host path: requests from this process to a URL the host can reach through the
 * Service's kube-proxy path (the sandbox's NodePort on 127.0.0.1). Never port-forward (pins one
 * Pod) nor the apiserver's service proxy (skips kube-proxy's propagation window).
 */
import type { MeterVersionSource } from '../checks/schema.js';
import type { MeterClock } from './meter-clock.js';
import type { MeterSource, SampleSink } from './meter-source.js';
import { probe, probeTarget, type ProbeHandle } from './probe-request.js';

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
  /** Cancels the timer of the next request while the meter runs. */
  let cancelNext: (() => void) | undefined;
  /**
   * The requests in flight, in the order sent, which is also the order of their deadlines (wall
   * ms, performance.now()): one timer, armed for the oldest's deadline, times them all out, rather
   * than a timer set and cleared per request.
   */
  const inFlight = new Set<{ at: number; deadline: number; handle: ProbeHandle }>();
  let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
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

  const armDeadline = (): void => {
    if (deadlineTimer !== undefined) return;
    const oldest = inFlight.values().next().value;
    if (oldest === undefined) return;
    deadlineTimer = setTimeout(expireDue, Math.max(0, oldest.deadline - performance.now()));
    deadlineTimer.unref?.();
  };
  const expireDue = (): void => {
    deadlineTimer = undefined;
    const now = performance.now();
    for (const request of inFlight) {
      if (request.deadline > now) break;
      request.handle.expire(); // ends it at once: it leaves inFlight
    }
    armDeadline();
  };

  const send = (sink: SampleSink): void => {
    const at = clock.now();
    const request = {
      at,
      deadline: performance.now() + target.timeoutMs,
      handle: probe(target, (result) => {
        inFlight.delete(request);
        sink({ at, latencyMs: Math.max(0, clock.now() - at), ...result });
        if (waiters.size > 0) wake();
      }),
    };
    inFlight.add(request);
    armDeadline();
  };

  /**
   * A fixed schedule, not "sleep after each": the rate holds however long requests take. After a
   * stall (a busy machine), start again from now rather than firing the missed requests at once.
   * A timer callback per request, not an awaited sleep: at 100 req/s the promise and the async
   * function's resumption were a measurable part of the meter's CPU.
   */
  const schedule = (sink: SampleSink): void => {
    let next = clock.now();
    const tick = (): void => {
      cancelNext = undefined;
      if (!running) return;
      send(sink);
      next += interval;
      const now = clock.now();
      if (next < now - 1000) next = now;
      cancelNext = clock.after(Math.max(0, next - now), tick);
    };
    tick();
  };

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
      schedule(sink);
      return Promise.resolve();
    },
    async stop() {
      running = false;
      cancelNext?.();
      cancelNext = undefined;
      // The answers of requests already sent still count: they were part of the traffic.
      await endedBefore(Infinity);
    },
    settled: endedBefore,
  };
}
