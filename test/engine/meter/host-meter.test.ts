/**
 * The host meter's own bookkeeping over real connections: its one deadline timer times out every
 * request that hangs (and only those, each after its own timeout), `settled` waits for the
 * requests sent before a time, and `stop` for every request in flight.
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostMeter } from '../../../src/engine/meter/host-meter.js';
import { wallClock } from '../../../src/engine/meter/meter-clock.js';
import type { MeterEvent } from '../../../src/engine/meter/meter-source.js';

const ANSWER = 'HTTP/1.1 200 OK\r\nServer: steady/1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok';

let closeServer: () => Promise<void> = async () => {};
afterEach(() => closeServer());

/** Every third connection hangs (never answers); the others answer at once. */
async function sometimesHanging(): Promise<string> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const hang = count++ % 3 === 2;
    socket.once('data', () => {
      if (!hang) socket.end(ANSWER);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeServer = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('the host meter', () => {
  it('times out exactly the requests that hang, each after its timeout; stop waits for them all', async () => {
    const url = await sometimesHanging();
    const samples: MeterEvent[] = [];
    const meter = createHostMeter({ url, rate: 40, clock: wallClock, timeoutMs: 300 });
    await meter.start((sample) => samples.push(sample));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const stopping = Date.now();
    await meter.stop();
    // The last requests sent hang too: stop waited for their timeouts.
    expect(Date.now() - stopping).toBeLessThan(1000);
    samples.sort((a, b) => a.at - b.at);
    expect(samples.length).toBeGreaterThanOrEqual(30);
    samples.forEach((sample, i) => {
      if (i % 3 === 2) {
        expect(sample).toMatchObject({ outcome: 'timeout', detail: 'timed out' });
        expect(sample.latencyMs).toBeGreaterThanOrEqual(295);
        expect(sample.latencyMs).toBeLessThan(600);
      } else {
        expect(sample).toMatchObject({ outcome: 'answered', status: 200, version: 'steady/1' });
      }
    });
  });

  it('settled(before) waits for the requests sent before that time, not for later ones', async () => {
    const url = await sometimesHanging();
    const samples: MeterEvent[] = [];
    const meter = createHostMeter({ url, rate: 20, clock: wallClock, timeoutMs: 400 });
    await meter.start((sample) => samples.push(sample));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = wallClock.now();
    await meter.settled(before);
    const sentBefore = samples.filter((sample) => sample.at < before);
    // Every request sent before `before` has its sample (a hanging one too, after its timeout).
    expect(sentBefore.some((sample) => sample.outcome === 'timeout')).toBe(true);
    expect(wallClock.now() - before).toBeLessThan(1000);
    await meter.stop();
    const all = samples.filter((sample) => sample.at < before);
    expect(all).toEqual(sentBefore);
  });
});
