/**
 * The lean client's connections, on loopback servers that count them: every request opens a new
 * connection (the meter's socket objects are reused, connections never — keep-alive would pin one
 * Pod), an answer counts as soon as it is complete (not when the server closes), and a reused
 * socket never mixes up two requests.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostMeter } from '../../../src/engine/meter/host-meter.js';
import { wallClock } from '../../../src/engine/meter/meter-clock.js';
import type { MeterEvent } from '../../../src/engine/meter/meter-source.js';
import { probe, probeRequest, probeTarget, type ProbeResult } from '../../../src/engine/meter/probe-request.js';

const ANSWER = 'HTTP/1.1 200 OK\r\nServer: counted/1\r\nContent-Length: 2\r\n\r\nok';

interface Counted {
  url: string;
  /** Accepted connections, with the requests read on each. */
  connections: { requests: number; closedByClient: boolean }[];
  server: Server;
}

let servers: { server: Server; sockets: Set<Socket> }[] = [];
afterEach(async () => {
  for (const { server, sockets } of servers) {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  servers = [];
});

/**
 * A loopback server that counts connections and the requests on each; `answer` decides what the
 * n-th connection gets. It never closes a connection itself unless `answer` says so.
 */
async function countingServer(answer: (n: number, socket: Socket) => void): Promise<Counted> {
  const sockets = new Set<Socket>();
  const connections: Counted['connections'] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    const connection = { requests: 0, closedByClient: false };
    const n = connections.push(connection) - 1;
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      while (head.includes('\r\n\r\n')) {
        head = head.slice(head.indexOf('\r\n\r\n') + 4);
        connection.requests += 1;
        answer(n, socket);
      }
    });
    socket.on('end', () => {
      connection.closedByClient = true;
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ server, sockets });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, connections, server };
}

/** One request with no timer of its own (as the host meter sends them): `expire` is the caller's. */
const once = (url: string): { result: Promise<ProbeResult>; expire(): void } => {
  let expire = (): void => {};
  const result = new Promise<ProbeResult>((resolve) => {
    expire = probe(probeTarget(url, { timeoutMs: 2000 }), resolve).expire;
  });
  return { result, expire };
};

/** Until `check` holds (a server's view lags the client's by a loop turn or two). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !check(); tries += 1) {
    if (tries > 200) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the lean client’s connections', () => {
  it('opens a new connection for every request, one request on each, at the meter’s rate', async () => {
    // The answer leaves the connection open: a client that kept it alive would send more on it.
    const counted = await countingServer((_n, socket) => socket.write(ANSWER));
    const samples: MeterEvent[] = [];
    const meter = createHostMeter({ url: counted.url, rate: 100, clock: wallClock, timeoutMs: 1000 });
    await meter.start((sample) => samples.push(sample));
    await until(() => samples.length >= 150, '150 samples');
    await meter.stop();
    expect(samples.every((sample) => sample.outcome === 'answered' && sample.version === 'counted/1')).toBe(true);
    await until(() => counted.connections.every((connection) => connection.closedByClient), 'every connection closed by the client');
    expect(counted.connections).toHaveLength(samples.length);
    expect(counted.connections.every((connection) => connection.requests === 1)).toBe(true);
  });

  it('counts an answer once it is complete, without waiting for the server to close', async () => {
    const counted = await countingServer((_n, socket) => socket.write(ANSWER));
    const started = performance.now();
    expect(await probeRequest(counted.url, { timeoutMs: 5000 })).toEqual({ outcome: 'answered', status: 200, version: 'counted/1' });
    // Well before the timeout: the server never closed; the client did, once the answer was whole.
    expect(performance.now() - started).toBeLessThan(2500);
    await until(() => counted.connections[0]?.closedByClient === true, 'the client closing');
  });

  it('a late expire of a finished request does not end the next one on the same socket', async () => {
    const counted = await countingServer((n, socket) => {
      // The second connection answers late: the stale expire lands while it is in flight.
      if (n === 0) socket.write(ANSWER);
      else setTimeout(() => socket.write(ANSWER), 150);
    });
    const first = once(counted.url);
    expect((await first.result).outcome).toBe('answered');
    await until(() => counted.connections[0]?.closedByClient === true, 'the first connection closed');
    await new Promise((resolve) => setImmediate(resolve));
    const second = once(counted.url);
    await until(() => counted.connections.length === 2, 'the second connection');
    first.expire();
    expect(await second.result).toEqual({ outcome: 'answered', status: 200, version: 'counted/1' });
  });

  it('after a 101 and the server’s close, the request still waits for its timeout, and others go on', async () => {
    const counted = await countingServer((n, socket) => {
      if (n === 0) socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
      else socket.write(ANSWER);
    });
    const upgraded = probeRequest(counted.url, { timeoutMs: 600 });
    await until(() => counted.connections[0]?.requests === 1, 'the 101');
    // Its connection is closed now; requests made meanwhile get connections of their own.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const others = await Promise.all([1, 2, 3].map(() => probeRequest(counted.url, { timeoutMs: 2000 })));
    expect(others).toEqual(Array(3).fill({ outcome: 'answered', status: 200, version: 'counted/1' }));
    expect(await upgraded).toEqual({ outcome: 'timeout', detail: 'timed out' });
    expect(counted.connections).toHaveLength(4);
  });
});
