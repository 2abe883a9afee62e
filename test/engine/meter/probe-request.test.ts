/**
 * The meter's lean HTTP client against Node's own (the oracle, node-http-probe.ts): the same
 * scripted servers, well-formed and malformed, must get the same verdict from both — outcome,
 * status, version and detail — with the version read from the Server header and from a body
 * marker. Then real servers: a Node http server answering chunked, close-delimited and with a 5xx,
 * a refused port, and the sandbox's nginx behind a NodePort.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRequest, probeTarget, type ProbeResult } from '../../../src/engine/meter/probe-request.js';
import type { MeterVersionSource } from '../../../src/engine/checks/schema.js';
import { startTestCluster, type TestCluster } from '../../support/kubectl.js';
import { nextEvent } from '../../sandbox/traffic/http-client.js';
import { apply, nodePortService } from '../../sandbox/scenarios/support.js';
import { nodeHttpProbe } from './node-http-probe.js';
import { SCRIPTED, scriptedServer } from './scripted-responses.js';

const TIMEOUT_MS = 600;
const BODY: MeterVersionSource = { from: 'body', pattern: '(?:shop|v2) (\\w+)|— (\\w+)' };

/**
 * Where the two clients part, on purpose: bytes after a complete answer. Node's parser reads them as
 * the start of a second response and fails the request only when they came in the same read as
 * the answer (timing); the lean client ignores them: the request was answered.
 */
const TRAILING_BYTES = 'HTTP/1.1 200 OK\r\nServer: extra\r\nContent-Length: 2\r\n\r\nokJUNK';

async function both(parts: (typeof SCRIPTED)[string], version?: MeterVersionSource): Promise<{ lean: ProbeResult; node: ProbeResult }> {
  const server = await scriptedServer(parts);
  try {
    const options = { timeoutMs: TIMEOUT_MS, ...(version ? { version } : {}) };
    const [lean, node] = await Promise.all([probeRequest(server.url, options), nodeHttpProbe(server.url, options)]);
    return { lean, node };
  } finally {
    await server.close();
  }
}

describe('the lean client gives Node http client verdicts', () => {
  for (const [name, parts] of Object.entries(SCRIPTED)) {
    it(`${name}: the same outcome, status, version and detail`, async () => {
      const header = await both(parts);
      expect(header.lean).toEqual(header.node);
      const body = await both(parts, BODY);
      expect(body.lean).toEqual(body.node);
    });
  }

  it('spot checks of what the table covers: versions, 5xx, resets, parse errors, timeouts', async () => {
    expect((await both(SCRIPTED.contentLength!)).lean).toEqual({ outcome: 'answered', status: 200, version: 'nginx/1.25.5' });
    expect((await both(SCRIPTED.chunked!, BODY)).lean).toEqual({ outcome: 'answered', status: 200, version: 'v2' });
    expect((await both(SCRIPTED.unicodeBody!, { from: 'body', pattern: 'v1 — (\\w+)' })).lean).toEqual({ outcome: 'answered', status: 200, version: 'served' });
    expect((await both(SCRIPTED.http10CloseDelimited!)).lean).toEqual({ outcome: 'answered', status: 200, version: 'old' });
    expect((await both(SCRIPTED.status502Chunked!)).lean).toEqual({ outcome: 'http5xx', status: 502, detail: 'HTTP 502' });
    expect((await both(SCRIPTED.lengthCut503!)).lean).toEqual({ outcome: 'reset', detail: 'ECONNRESET' });
    expect((await both(SCRIPTED.closedAtOnce!)).lean).toEqual({ outcome: 'reset', detail: 'ECONNRESET' });
    expect((await both(SCRIPTED.folded!)).lean).toEqual({ outcome: 'error', detail: 'HPE_INVALID_HEADER_TOKEN' });
    expect((await both(SCRIPTED.hangsInBody!)).lean).toEqual({ outcome: 'timeout', detail: 'timed out' });
    expect((await both(SCRIPTED.switching101!)).lean).toEqual({ outcome: 'timeout', detail: 'timed out' });
  });

  it('bytes after a complete answer: answered (where Node, reading them in the same read, failed it)', async () => {
    const { lean, node } = await both([TRAILING_BYTES]);
    expect(lean).toEqual({ outcome: 'answered', status: 200, version: 'extra' });
    expect(node).toEqual({ outcome: 'error', detail: 'HPE_INVALID_CONSTANT' });
  });

  it('a refused connection is refused, by both', async () => {
    const closed = await scriptedServer([]);
    await closed.close();
    const [lean, node] = await Promise.all([probeRequest(closed.url, { timeoutMs: TIMEOUT_MS }), nodeHttpProbe(closed.url, { timeoutMs: TIMEOUT_MS })]);
    expect(lean).toEqual({ outcome: 'refused', detail: 'ECONNREFUSED' });
    expect(node).toEqual(lean);
  });

  it('sends a GET for the path and query with Host, User-Agent and Connection: close', () => {
    const target = probeTarget('http://127.0.0.1:31234/shop/?v=1', { timeoutMs: 1000 });
    expect(target.request.toString('latin1')).toBe('GET /shop/?v=1 HTTP/1.1\r\nHost: 127.0.0.1:31234\r\nUser-Agent: kubedojo-meter\r\nConnection: close\r\n\r\n');
    expect(probeTarget('http://[::1]/', { timeoutMs: 1000 })).toMatchObject({ host: '::1', port: 80 });
    expect(() => probeTarget('https://127.0.0.1/', { timeoutMs: 1000 })).toThrow(/not an http:\/\/ URL/);
  });
});

describe('the lean client against a Node http server', () => {
  let url = '';
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const handlers: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
      // No Content-Length and several writes: Node answers chunked.
      '/chunked': (_req, res) => {
        res.setHeader('Server', 'node-chunked/1');
        res.write('shop ');
        setTimeout(() => res.end('chunked-v3'), 10);
      },
      // No Content-Length, no chunking: the body runs until the connection closes.
      '/close-delimited': (_req, res) => {
        res.useChunkedEncodingByDefault = false;
        res.setHeader('Server', 'node-close/1');
        res.setHeader('Connection', 'close');
        res.write('shop ');
        setTimeout(() => res.end('closed-v4'), 10);
      },
      '/503': (_req, res) => {
        res.statusCode = 503;
        res.end('unavailable');
      },
      // A malformed answer written past Node's serializer.
      '/malformed': (req) => {
        req.socket.end('HTTP/1.1 200 OK\r\nServer: bad\r\n folded\r\nContent-Length: 0\r\n\r\n');
      },
      '/big': (_req, res) => {
        res.setHeader('Server', 'big/1');
        res.end('shop big1 ' + 'x'.repeat(200_000));
      },
    };
    const server = createServer((req, res) => handlers[req.url ?? '']?.(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  const cases: [string, MeterVersionSource | undefined, ProbeResult][] = [
    ['/chunked', undefined, { outcome: 'answered', status: 200, version: 'node-chunked/1' }],
    ['/chunked', BODY, { outcome: 'answered', status: 200, version: 'chunked' }],
    ['/close-delimited', undefined, { outcome: 'answered', status: 200, version: 'node-close/1' }],
    ['/close-delimited', BODY, { outcome: 'answered', status: 200, version: 'closed' }],
    ['/503', undefined, { outcome: 'http5xx', status: 503, detail: 'HTTP 503' }],
    ['/malformed', undefined, { outcome: 'error', detail: 'HPE_INVALID_HEADER_TOKEN' }],
    ['/big', undefined, { outcome: 'answered', status: 200, version: 'big/1' }],
    ['/big', BODY, { outcome: 'answered', status: 200, version: 'big1' }],
  ];
  for (const [path, version, expected] of cases) {
    it(`${path}${version ? ' (body marker)' : ''}: ${expected.outcome}, as Node's client says`, async () => {
      const options = { timeoutMs: 2000, ...(version ? { version } : {}) };
      const [lean, node] = await Promise.all([probeRequest(`${url}${path}`, options), nodeHttpProbe(`${url}${path}`, options)]);
      expect(lean).toEqual(expected);
      expect(node).toEqual(expected);
    });
  }
});

describe('the lean client against the sandbox', () => {
  let cluster: TestCluster;
  let url = '';
  beforeAll(async () => {
    cluster = await startTestCluster({ speed: 10 });
    const announced = nextEvent<{ name: string; url: string }>(cluster.sandbox.serviceUrls, 'url', (e) => e.name === 'web', 20_000);
    const deployment = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  replicas: 2', '  selector:', '    matchLabels:', '      app: web',
      '  template:', '    metadata:', '      labels:', '        app: web', '    spec:', '      containers:', '      - name: nginx', '        image: nginx:1.25.5', ''].join('\n');
    await apply(cluster, deployment + '---\n' + nodePortService('web'));
    url = (await announced).url;
    const rolled = await cluster.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
    expect(rolled.exitCode, rolled.stderr).toBe(0);
    // Ready without a probe is not listening yet (the entrypoint runs first): wait for an answer.
    for (let tries = 0; (await nodeHttpProbe(url, { timeoutMs: 2000 })).outcome !== 'answered'; tries += 1) {
      if (tries > 100) throw new Error(`nginx behind ${url} never answered`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(() => cluster?.stop());

  it('nginx through the NodePort: answered, the version from its Server header, as Node says', async () => {
    for (const path of ['/', '/missing']) {
      const [lean, node] = await Promise.all([probeRequest(`${url}${path}`, { timeoutMs: 5000 }), nodeHttpProbe(`${url}${path}`, { timeoutMs: 5000 })]);
      expect(lean).toMatchObject({ outcome: 'answered', version: 'nginx/1.25.5' });
      expect(lean).toEqual(node);
    }
  });
});
