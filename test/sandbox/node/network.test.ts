import { afterEach, describe, expect, test } from 'vitest';
import { SimClock } from '../../../src/sandbox/clock.js';
import { appBehaviour } from '../../../src/sandbox/node/app-behaviours.js';
import { AppServer } from '../../../src/sandbox/node/app-server.js';
import { ContainerFs } from '../../../src/sandbox/node/container-fs.js';
import { findImage } from '../../../src/sandbox/node/image-catalog.js';
import { NGINX_FILES } from '../../../src/sandbox/node/nginx-app.js';
import { NodeNetwork, type PodRequest } from '../../../src/sandbox/node/node-network.js';
import { isReady, pod, podOf, startNodeCluster, T, waitForLog, type Cluster } from './harness.js';

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

const request = (path = '/', method = 'GET'): PodRequest => ({ method, path, headers: { host: 'web', 'user-agent': 'curl/8.5.0', accept: '*/*' }, remoteAddress: '10.244.0.9' });
const ACCESS_TIME = String.raw`\[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\]`;

describe('connect() and handle() on the node', () => {
  test('nginx answers with its welcome page and Server header, and logs one access line per request', async () => {
    cluster = startNodeCluster();
    cluster.registry.create(T.pods, 'default', pod('web', { image: 'nginx:1.27' }));
    await cluster.waitFor('Ready', () => isReady(podOf(cluster!, 'web')));
    const ip = podOf(cluster, 'web').status.podIP;
    const server = cluster.node.connect(ip, 80)!;
    expect(server.pod).toEqual({ namespace: 'default', name: 'web' });

    const ok = await server.handle(request());
    expect(ok.status).toBe(200);
    expect(ok.headers).toMatchObject({ Server: 'nginx/1.27.3', 'Content-Type': 'text/html', 'Content-Length': '615', 'Accept-Ranges': 'bytes' });
    expect(ok.body).toMatch(/^<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>/);
    expect(Buffer.byteLength(ok.body)).toBe(615);
    const missing = await cluster.node.connect(ip, 80)!.handle(request('/nope'));
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<center>nginx/1.27.3</center>');
    const head = await cluster.node.connect(ip, 80)!.handle(request('/', 'HEAD'));
    expect([head.status, head.body]).toEqual([200, '']);

    const log = cluster.node.logSource.read('default', 'web', 'app', { previous: false, timestamps: false }).trimEnd().split('\n');
    expect(log.slice(-4)).toEqual([
      expect.stringMatching(new RegExp(`^10\\.244\\.0\\.9 - - ${ACCESS_TIME} "GET / HTTP/1\\.1" 200 615 "-" "curl/8\\.5\\.0" "-"$`)),
      expect.stringMatching(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[error\] 29#29: \*2 open\(\) "\/usr\/share\/nginx\/html\/nope" failed \(2: No such file or directory\), client: 10\.244\.0\.9, server: localhost, request: "GET \/nope HTTP\/1\.1", host: "web"$/),
      expect.stringMatching(new RegExp(`^10\\.244\\.0\\.9 - - ${ACCESS_TIME} "GET /nope HTTP/1\\.1" 404 153 "-" "curl/8\\.5\\.0" "-"$`)),
      expect.stringMatching(new RegExp(`^10\\.244\\.0\\.9 - - ${ACCESS_TIME} "HEAD / HTTP/1\\.1" 200 0 "-" "curl/8\\.5\\.0" "-"$`)),
    ]);
    // Nothing listens on another port, or on an address no Pod has.
    expect(cluster.node.connect(ip, 8080)).toBeUndefined();
    expect(cluster.node.connect('10.244.200.200', 80)).toBeUndefined();
  });

  test('the index page removed: 403, as nginx answers a directory it may not list', async () => {
    cluster = startNodeCluster();
    cluster.registry.create(T.pods, 'default', pod('web', { image: 'nginx:1.26' }));
    await cluster.waitFor('Ready', () => isReady(podOf(cluster!, 'web')));
    expect(await cluster.node.exec('default', 'web', 'app', ['rm', '/usr/share/nginx/html/index.html'])).toMatchObject({ exitCode: 0 });
    const answer = await cluster.node.connect(podOf(cluster, 'web').status.podIP, 80)!.handle(request());
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('<title>403 Forbidden</title>');
  });

  test('the demo apps answer with their version and the Pod that served', async () => {
    cluster = startNodeCluster();
    cluster.registry.create(T.pods, 'default', pod('shop', { image: 'kubedojo/shop:1' }));
    cluster.registry.create(T.pods, 'default', pod('myapp', { image: 'jahongirr/myapp:1' }));
    await cluster.waitFor('Ready', () => isReady(podOf(cluster!, 'shop')) && isReady(podOf(cluster!, 'myapp')));
    await waitForLog(cluster, 'shop', /listening on :80$/);
    await waitForLog(cluster, 'myapp', /listening on :80$/);
    const shop = await cluster.node.connect(podOf(cluster, 'shop').status.podIP, 80)!.handle(request());
    expect(shop).toMatchObject({ status: 200, body: 'Black Friday shop v1 — served by shop\n', headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(shop.body)) } });
    const myapp = await cluster.node.connect(podOf(cluster, 'myapp').status.podIP, 80)!.handle(request());
    expect(myapp.body).toContain('<title>My Awesome App</title>');
    expect(myapp.body).toContain('Version 1 of my awesome app! Money is pouring in!');
    expect(cluster.node.logSource.read('default', 'shop', 'app', { previous: false, timestamps: false })).toMatch(new RegExp(`^10\\.244\\.0\\.9 - - ${ACCESS_TIME} "GET / HTTP/1\\.1" 200 40 "-" "curl/8\\.5\\.0"$`, 'm'));
  });
});

describe('a request in flight when the server stops', () => {
  /** A server of `image` on 10.244.0.5 at real-time pace, so its requests stay in flight a while. */
  function serve(image: string) {
    const clock = new SimClock(1);
    const network = new NodeNetwork();
    const fs = new ContainerFs('gnu', NGINX_FILES);
    const exits: number[] = [];
    const behaviour = appBehaviour(findImage(image)!, { podName: 'p', kernel: '6.8.0', cpus: 2, fs })!;
    let opened = () => {};
    // Resolves when the server opened its port: a demo app says so in its log.
    const listening = new Promise<void>((resolve) => (opened = resolve));
    const log = () => void (network.connect('10.244.0.5', 80) && opened());
    const server = new AppServer(behaviour, { clock, network, podIP: '10.244.0.5', pod: { namespace: 'default', name: 'p' }, log, exited: (code) => exits.push(code) });
    server.start();
    return { server, network, exits, listening };
  }

  test('a draining server (the shop on SIGTERM) refuses new connections and finishes the one in flight', async () => {
    const { server, network, exits, listening } = serve('kubedojo/shop:1');
    await listening;
    const inFlight = network.connect('10.244.0.5', 80)!.handle(request());
    server.signal('SIGTERM');
    expect(network.connect('10.244.0.5', 80)).toBeUndefined();
    expect(exits).toEqual([]);
    expect((await inFlight).body).toBe('Black Friday shop v1 — served by p\n');
    expect(exits).toEqual([0]);
  });

  test('nginx on SIGQUIT (the image STOPSIGNAL) drains; on SIGTERM (nginx -s stop) it does not', async () => {
    const quit = serve('nginx:1.27');
    const served = quit.network.connect('10.244.0.5', 80)!.handle(request());
    quit.server.signal('SIGQUIT');
    expect((await served).status).toBe(200);
    const term = serve('nginx:1.27');
    const reset = term.network.connect('10.244.0.5', 80)!.handle(request());
    term.server.signal('SIGTERM');
    await expect(reset).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  test('a server that does not drain (myapp) resets it, and so does SIGKILL', async () => {
    const myapp = serve('jahongirr/myapp:1');
    await myapp.listening;
    const reset = myapp.network.connect('10.244.0.5', 80)!.handle(request());
    myapp.server.signal('SIGTERM');
    await expect(reset).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(myapp.exits).toEqual([0]);

    const shop = serve('kubedojo/shop:1');
    await shop.listening;
    const killed = shop.network.connect('10.244.0.5', 80)!.handle(request());
    shop.server.kill();
    await expect(killed).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
