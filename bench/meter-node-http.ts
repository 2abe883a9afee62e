/**
 * The host meter as it was before its lean client: Node's http client per request (`agent:
 * false`, test/engine/meter/node-http-probe.ts) and a timer per request. The bench runs it beside
 * today's meter for a same-run baseline of the CPU figure (a shared machine's load moves both).
 */
import type { MeterClock } from '../src/engine/meter/meter-clock.js';
import type { MeterSource } from '../src/engine/meter/meter-source.js';
import { nodeHttpProbe } from '../test/engine/meter/node-http-probe.js';

export function createNodeHttpMeter(options: { url: string; rate: number; clock: MeterClock; timeoutMs?: number }): MeterSource {
  let running = false;
  let loop: Promise<void> | undefined;
  const inFlight = new Map<Promise<void>, number>();
  const interval = 1000 / options.rate;
  return {
    describe: `Node's http client to ${options.url}`,
    start(sink) {
      running = true;
      loop = (async () => {
        let next = options.clock.now();
        while (running) {
          const at = options.clock.now();
          const request = nodeHttpProbe(options.url, { timeoutMs: options.timeoutMs ?? 2000 }).then((result) => {
            inFlight.delete(request);
            sink({ at, latencyMs: Math.max(0, options.clock.now() - at), ...result });
          });
          inFlight.set(request, at);
          next += interval;
          const now = options.clock.now();
          if (next < now - 1000) next = now;
          await options.clock.sleep(Math.max(0, next - now));
        }
      })();
      return Promise.resolve();
    },
    async stop() {
      running = false;
      await loop;
      await Promise.all([...inFlight.keys()]);
    },
    async settled(before) {
      await Promise.all([...inFlight].filter(([, at]) => at < before).map(([request]) => request));
    },
  };
}
