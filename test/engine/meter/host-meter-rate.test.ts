/**
 * The host meter keeps its rate when its timer wakes late. On the sandbox the meter runs on
 * simulated time, so at ×20 its 20 requests a second are one every 2.5 ms of wall time; a loaded
 * event loop wakes far less often than that. The meter used to send one request per wake-up, so
 * the lag capped its rate (8 of 20 a second in the chapter 3 pty test, and a lesson's traffic
 * check then saw too few requests). Here a clock whose every sleep oversleeps to 40 ms stands for
 * that lag, against a real HTTP server on loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostMeter } from '../../../src/engine/meter/host-meter.js';
import type { MeterClock } from '../../../src/engine/meter/meter-clock.js';
import type { MeterEvent } from '../../../src/engine/meter/meter-source.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function loopbackServer(): Promise<string> {
  const server = createServer((_, res) => res.writeHead(200, { server: 'nginx/1.27.3', connection: 'close' }).end('ok'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** A meter time line that advances only when the meter sleeps, and never by less than `tickMs`. */
function laggingClock(tickMs: number): MeterClock & { advanced: () => number } {
  const origin = 1_000_000;
  let now = origin;
  return {
    now: () => now,
    fromWall: (wall) => wall,
    sleep: (ms) =>
      new Promise((resolve) => {
        now += Math.max(ms, tickMs);
        setImmediate(resolve);
      }),
    advanced: () => now - origin,
  };
}

describe('the host meter under a late timer', () => {
  it('sends every request due on each wake-up, so the rate holds', async () => {
    const url = await loopbackServer();
    const clock = laggingClock(40);
    const rate = 100;
    const meter = createHostMeter({ url, rate, clock });
    const samples: MeterEvent[] = [];
    await meter.start((sample) => samples.push(sample));
    while (clock.advanced() < 2000) await new Promise((resolve) => setTimeout(resolve, 5));
    await meter.stop();
    const seconds = clock.advanced() / 1000;
    // 100 a second asked; one request per 40 ms wake-up would be 25 a second.
    expect(samples.length / seconds).toBeGreaterThan(rate * 0.9);
    expect(samples.length / seconds).toBeLessThanOrEqual(rate * 1.05);
    expect(samples.every((sample) => sample.outcome === 'answered')).toBe(true);
  });
});
