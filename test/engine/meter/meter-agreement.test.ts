/**
 * The meter's counts against an independent client: during one sandbox rollout of the shop v1 →
 * v2 (v2 listens 20 s after it starts; no probe), a plain HTTP loop (node:http, its own code, a
 * new connection per request) runs beside the meter at the same rate, and both failure rates over
 * the same window agree within 2 percentage points.
 *
 * One replica and the Recreate strategy, so that there is never more than one endpoint: with
 * several, kube-proxy picks one at random per connection, and two clients' failure rates differ
 * by that coin flip alone (about 2 points at 600 requests each), which says nothing about the
 * meter. With one, a request's outcome depends only on when it is sent, and the comparison
 * measures the meter's counting. (bench/meter.ts reports the 4-replica seed rollout too.)
 */
import { describe, expect, it } from 'vitest';
import { isFailure, samplesBetween } from '../../../src/engine/checks/traffic-record.js';
import { createHostMeter } from '../../../src/engine/meter/host-meter.js';
import { get } from '../../sandbox/traffic/http-client.js';
import { startMeteredShop, untilLog } from './meter-support.js';

/**
 * Slow enough that a loaded machine's event-loop lag (tens of ms) stays well under the 50 ms
 * (wall) between two requests, so both loops keep their schedule.
 */
const SPEED = 2;
/** Requests per simulated second, each client: ~350 each across the window. */
const RATE = 10;
/** From the template change until well after v2 listens (20 s warm-up). */
const WINDOW_MS = 35_000;

interface Plain {
  at: number;
  failed: boolean;
}

describe('meter vs an independent HTTP loop', () => {
  it('agree within 2% on the failure rate of a one-replica Recreate rollout of the shop (no probe)', async () => {
    const shop = await startMeteredShop(SPEED, { probe: false, replicas: 1, recreate: true });
    const { monitor, cluster, url } = shop;
    const plain: Plain[] = [];
    const inFlight = new Set<Promise<void>>();
    let sending = true;
    try {
      await monitor.start('shop', createHostMeter({ url: `${url}/`, rate: RATE, clock: monitor.clock, timeoutMs: 10_000 }));
      const loop = (async () => {
        // A fixed schedule, as the meter's: the same number of requests in the same window.
        let next = monitor.clock.now();
        while (sending) {
          const at = monitor.clock.now();
          const request = get(`${url}/`).then((outcome) => {
            plain.push({ at, failed: 'error' in outcome || outcome.status >= 500 });
            inFlight.delete(request);
          });
          inFlight.add(request);
          next += 1000 / RATE;
          if (next < monitor.clock.now() - 1000) next = monitor.clock.now();
          await monitor.clock.sleep(Math.max(0, next - monitor.clock.now()));
        }
      })();
      await untilLog(monitor, () => monitor.log.record.samples.length > 20, 20_000, 'the meter to run');

      const set = await cluster.kubectl(['set', 'image', 'deployment/shop', 'shop=kubedojo/shop:2']);
      expect(set.exitCode, set.stderr).toBe(0);
      await untilLog(monitor, () => monitor.log.record.rollouts.at(-1)?.sawStart === true, 20_000, 'the rollout to start');
      const start = monitor.log.record.rollouts.at(-1)!.startedAt;
      await untilLog(monitor, () => monitor.clock.now() > start + WINDOW_MS, 60_000, 'the window to pass');
      sending = false;
      await loop;
      await Promise.all([...inFlight]);
      await monitor.stop();

      const metered = samplesBetween(monitor.log.record.samples, start, start + WINDOW_MS);
      const independent = plain.filter((p) => p.at >= start && p.at < start + WINDOW_MS);
      const meterRate = metered.filter(isFailure).length / metered.length;
      const plainRate = independent.filter((p) => p.failed).length / independent.length;
      console.log(`meter ${metered.filter(isFailure).length}/${metered.length} = ${(meterRate * 100).toFixed(2)}%, independent ${independent.filter((p) => p.failed).length}/${independent.length} = ${(plainRate * 100).toFixed(2)}%`);
      expect(metered.length).toBeGreaterThan(250);
      expect(independent.length).toBeGreaterThan(250);
      expect(meterRate).toBeGreaterThan(0.05);
      expect(Math.abs(meterRate - plainRate)).toBeLessThanOrEqual(0.02);
    } finally {
      sending = false;
      await shop.stop();
    }
  });
});
