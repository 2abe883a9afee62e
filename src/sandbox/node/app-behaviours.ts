/**
 * What each catalog app does as a server (app-server.ts runs it): nginx (nginx-app.ts), the course's
 * demo apps — the shop answers `Black Friday shop v<N> — served by <pod>`, the seed's myapp its HTML
 * page; version 2 of both opens its port only after a 20 s warm-up — mongod, CoreDNS and the
 * control-plane binaries. The demo apps are the sandbox's own: they log in Go's `log` format and one
 * combined-format line per request; the shop drains on SIGTERM like a well-behaved Go server, myapp
 * exits at once, resetting requests in flight (the seed does not say; this keeps both cases on hand).
 */
import type { AppBehaviour, Signal } from './app-server.js';
import type { ContainerFs } from './container-fs.js';
import type { CatalogImage } from './image-catalog.js';
import type { PodRequest, PodResponse } from './node-network.js';
import { accessLogTime, nginxApp } from './nginx-app.js';

export interface AppContext {
  podName: string;
  kernel: string;
  cpus: number;
  fs: ContainerFs;
}

/** Go's log package: `2024/11/28 10:00:00 message`. */
const goLog = (now: Date, message: string) => `${now.toISOString().replace(/^(\d+)-(\d+)-(\d+)T([\d:]+)\..*$/, '$1/$2/$3 $4')} ${message}`;

function combined(request: PodRequest, status: number, bytes: number, now: Date): string {
  const h = request.headers;
  return `${request.remoteAddress} - - [${accessLogTime(now)}] "${request.method} ${request.path} HTTP/1.1" ${status} ${bytes} "${h.referer ?? h.Referer ?? '-'}" "${h['user-agent'] ?? h['User-Agent'] ?? '-'}"`;
}

function text(status: number, body: string, now: Date, contentType = 'text/plain; charset=utf-8'): PodResponse {
  return { status, headers: { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), Date: now.toUTCString() }, body };
}

const MYAPP_PAGE = (version: number) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>My Awesome App</title>
</head>
<body>

  ${version === 1 ? 'Version 1 of my awesome app! Money is pouring in!' : `Version ${version} of my awesome app! More Money is pouring in!`}

</body>
</html>
`;

function demo(app: 'shop' | 'myapp', version: number, warmupSeconds: number, podName: string): AppBehaviour {
  const name = app === 'shop' ? `Black Friday shop v${version}` : `myapp v${version}`;
  const drains = app === 'shop';
  return {
    ports: [80],
    warmupMs: Math.max(100, warmupSeconds * 1000),
    serviceMs: 15,
    exitCode: 0,
    startLines: (now) => [goLog(now, warmupSeconds ? `${name}: warming up, serving in ${warmupSeconds}s` : `${name}: starting`)],
    listenLines: (now) => [goLog(now, `${name}: listening on :80`)],
    answer(request, _port, now) {
      const response = app === 'shop' ? text(200, `Black Friday shop v${version} — served by ${podName}\n`, now) : text(200, MYAPP_PAGE(version), now, 'text/html; charset=utf-8');
      const bytes = request.method === 'HEAD' ? 0 : Buffer.byteLength(response.body);
      if (request.method === 'HEAD') response.body = '';
      return { response, log: [combined(request, 200, bytes, now)] };
    },
    onSignal: (signal: Signal) => (signal === 'SIGTERM' ? (drains ? 'drain' : 'exit') : 'ignore'),
    stopLines: (_signal, now) => [goLog(now, drains ? `${name}: SIGTERM: no new connections, finishing requests in flight` : `${name}: SIGTERM: exiting`)],
  };
}

const mongoLog = (now: Date, component: string, id: number, ctx: string, msg: string, attr: object) =>
  JSON.stringify({ t: { $date: now.toISOString().replace('Z', '+00:00') }, s: 'I', c: component, id, ctx, msg, attr });

function mongo(version: string, podName: string): AppBehaviour {
  return {
    ports: [27017],
    warmupMs: 1500,
    serviceMs: 2,
    exitCode: 0,
    startLines: (now) => [mongoLog(now, 'CONTROL', 4615611, 'initandlisten', 'MongoDB starting', { pid: 1, port: 27017, dbPath: '/data/db', architecture: '64-bit', host: podName })],
    listenLines: (now) => [mongoLog(now, 'NETWORK', 23016, 'listener', 'Waiting for connections', { port: 27017, ssl: 'off' })],
    // mongod's answer to anything that speaks HTTP on its port.
    answer: (_request, _port, now) => ({ response: text(200, 'It looks like you are trying to access MongoDB over HTTP on the native driver port.\n', now, 'text/plain') }),
    onSignal: (signal) => (signal === 'SIGTERM' ? 'drain' : 'ignore'),
    stopLines: (_signal, now) => [mongoLog(now, 'CONTROL', 23377, 'SignalHandler', 'Received signal', { signal: 15, error: 'Terminated' })],
  };
}

function coredns(version: string): AppBehaviour {
  return {
    ports: [53, 8080, 8181, 9153],
    warmupMs: 300,
    serviceMs: 1,
    exitCode: 0,
    startLines: () => ['.:53', `CoreDNS-${version}`, 'linux/amd64, go1.21.11, a6338e9'],
    listenLines: () => [],
    answer(request, port, now) {
      const path = request.path.split('?')[0];
      if ((port === 8080 && path === '/health') || (port === 8181 && path === '/ready')) return { response: text(200, 'OK', now) };
      if (port === 9153 && path === '/metrics') return { response: text(200, `# HELP coredns_build_info A metric with a constant '1' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\ncoredns_build_info{goversion="go1.21.11",revision="a6338e9",version="${version}"} 1\n`, now) };
      return { response: text(404, '404 page not found\n', now) };
    },
    onSignal: (signal) => (signal === 'SIGTERM' ? 'drain' : 'ignore'),
    stopLines: () => ['[INFO] SIGTERM: Shutting down servers then terminating'],
  };
}

function quiet(): AppBehaviour {
  return { ports: [], warmupMs: 0, serviceMs: 0, exitCode: 0, startLines: () => [], listenLines: () => [], answer: (_r, _p, now) => ({ response: text(404, '', now) }), onSignal: (s) => (s === 'SIGTERM' ? 'exit' : 'ignore'), stopLines: () => [] };
}

/** The server behind the image's main binary; undefined for an image without one (busybox). */
export function appBehaviour(image: CatalogImage, ctx: AppContext): AppBehaviour | undefined {
  const app = image.app;
  switch (app.kind) {
    case 'nginx':
      return nginxApp({ version: app.version, alpine: image.userland === 'busybox', kernel: ctx.kernel, cpus: ctx.cpus, fs: ctx.fs });
    case 'demo':
      return demo(app.app, app.version, app.warmupSeconds, ctx.podName);
    case 'mongo':
      return mongo(app.version, ctx.podName);
    case 'coredns':
      return coredns(app.version);
    case 'system':
      return quiet();
    case 'none':
      return undefined;
  }
}

/** The names the image's server binary answers to, as PATH would find it. */
export function serverBinaries(image: CatalogImage): string[] {
  const app = image.app;
  switch (app.kind) {
    case 'nginx':
      return ['nginx', '/usr/sbin/nginx', 'nginx-debug', '/usr/sbin/nginx-debug'];
    case 'demo':
      return app.app === 'shop' ? ['shop', '/usr/local/bin/shop'] : ['myapp', '/app/myapp'];
    case 'mongo':
      return ['mongod', '/usr/bin/mongod'];
    case 'coredns':
      return ['/coredns', 'coredns'];
    case 'system':
      return [app.binary, app.binary.split('/').pop()!];
    case 'none':
      return [];
  }
}
