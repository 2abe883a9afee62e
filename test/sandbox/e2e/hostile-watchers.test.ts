/**
 * Watchers that never read, next to watchers that do (issue #7): the stalled ones are closed, the
 * reading ones get every event, each with its own correct content, although one event line is
 * now shared by all the watchers of a change (server/watch.ts).
 */
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiRequest, startTestCluster, type TestCluster } from '../../support/kubectl.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
  await cluster.kubectl(['create', 'configmap', 'target', '--from-literal=n=start']);
});
afterAll(() => cluster?.stop());

const WATCH = '/api/v1/namespaces/default/configmaps?watch=true';

/** A watch whose client reads the headers and then stops reading. */
function stalledWatch(): Promise<TLSSocket> {
  const url = new URL(cluster.sandbox.server);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: url.hostname, port: Number(url.port), ca: cluster.sandbox.caPem, servername: 'localhost' }, () => {
      socket.write(`GET ${WATCH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${cluster.sandbox.token}\r\n\r\n`);
      socket.once('data', () => {
        socket.pause();
        resolve(socket);
      });
    });
    socket.on('error', reject);
  });
}

/** Whether the server ended the watch on `socket`: its chunked stream ends once read again. */
function endsWhenRead(socket: TLSSocket): Promise<void> {
  return new Promise((resolve) => {
    let tail = '';
    socket.on('data', (d: Buffer) => {
      tail = (tail + d.toString('latin1')).slice(-16);
      if (tail.endsWith('\r\n0\r\n\r\n')) resolve();
    });
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
    socket.resume();
  });
}

/** A watch that reads everything: the `data.n` of each MODIFIED event, in order. */
function readingWatch(): { seen: string[]; ready: Promise<void>; stop: () => void } {
  const seen: string[] = [];
  let stop = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    const req = httpsRequest(new URL(WATCH, cluster.sandbox.server), { headers: { Authorization: `Bearer ${cluster.sandbox.token}` }, ca: cluster.sandbox.caPem }, (res) => {
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        buffered += text;
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const event = JSON.parse(buffered.slice(0, newline)) as { type: string; object: { kind: string; metadata: { name: string }; data: { n: string; big?: string } } };
          buffered = buffered.slice(newline + 1);
          if (event.type !== 'MODIFIED') continue;
          // Each event is the whole object, with its own content, not another change's.
          expect(event.object.kind).toBe('ConfigMap');
          expect(event.object.data.big?.startsWith(`${event.object.data.n}:`)).toBe(true);
          seen.push(event.object.data.n);
        }
      });
      resolve();
    });
    req.on('error', reject);
    req.end();
    stop = () => req.destroy();
  });
  return { seen, ready, stop };
}

it('stalled watchers are closed while reading watchers get every change, in order, and other clients are answered', async () => {
  // Given 10 watchers that stopped reading and 2 that read.
  const stalled = await Promise.all(Array.from({ length: 10 }, () => stalledWatch()));
  const readers = [readingWatch(), readingWatch()];
  await Promise.all(readers.map((r) => r.ready));
  // When 24 changes of 512 KB each go by (12 MB, more than socket buffers and the 1 MiB limit).
  const big = 'y'.repeat(512 * 1024);
  const latencies: number[] = [];
  for (let i = 0; i < 24; i++) {
    const res = await apiRequest(cluster.sandbox, '/api/v1/namespaces/default/configmaps/target', {
      method: 'PATCH',
      body: JSON.stringify({ data: { n: String(i), big: `${i}:${big}` } }),
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    expect(res.status).toBe(200);
    const started = performance.now();
    expect((await apiRequest(cluster.sandbox, '/version')).status).toBe(200);
    latencies.push(performance.now() - started);
  }
  // Then every reading watcher saw all 24 changes in order...
  const all = Array.from({ length: 24 }, (_, i) => String(i));
  await expect.poll(() => readers.map((r) => r.seen.length), { timeout: 20_000 }).toEqual([24, 24]);
  for (const reader of readers) expect(reader.seen).toEqual(all);
  // ...every stalled one had its watch ended by the server...
  await Promise.all(stalled.map((s) => endsWhenRead(s)));
  // ...and other clients were answered meanwhile (a generous bound: the machine may be busy).
  expect(Math.max(...latencies)).toBeLessThan(2_000);
  for (const reader of readers) reader.stop();
  for (const socket of stalled) socket.destroy();
}, 120_000);
