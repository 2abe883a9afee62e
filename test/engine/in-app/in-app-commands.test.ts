/**
 * The app's own commands: curl against a real HTTP server on loopback (and refusals for anything
 * else), `minikube service --url` answered from a Service's node ports, `edit` confined to the
 * lesson's workspace folder.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchInAppCommand, type InAppDeps } from '../../../src/engine/in-app/in-app-commands.js';
import { curlRefusal, loopbackCurl } from '../../../src/engine/in-app/loopback-curl.js';
import { answerMinikubeService, isMinikubeService } from '../../../src/engine/in-app/sandbox-minikube-service.js';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', server: 'nginx/1.25.5' });
    res.end(['<!DOCTYPE html>', ...Array.from({ length: 12 }, (_, i) => `<p>line ${i + 1}</p>`)].join('\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function collect(): { lines: string[]; onLine: (line: string) => void } {
  const lines: string[] = [];
  return { lines, onLine: (line) => void lines.push(line) };
}

describe('curl', () => {
  it('prints the status line, the shown headers and the first lines of the body', async () => {
    const out = collect();
    expect(await loopbackCurl(`${base}/`, { nodeAddresses: [], onLine: out.onLine })).toBe(0);
    expect(out.lines[0]).toBe('HTTP/1.1 200 OK');
    expect(out.lines).toContain('Content-Type: text/html');
    expect(out.lines).toContain('Server: nginx/1.25.5');
    expect(out.lines).toContain('<p>line 7</p>');
    expect(out.lines).not.toContain('<p>line 8</p>');
    expect(out.lines.at(-1)).toBe('… (5 more lines)');
  });

  it('says curl (7) when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const out = collect();
    expect(await loopbackCurl(`http://127.0.0.1:${port}/`, { nodeAddresses: [], onLine: out.onLine })).toBe(7);
    expect(out.lines).toEqual([`curl: (7) Failed to connect to 127.0.0.1:${port}: Connection refused`]);
  });

  it('reaches only loopback and the cluster node, over plain http', () => {
    expect(curlRefusal('http://127.0.0.1:30080', [])).toBeUndefined();
    expect(curlRefusal('http://localhost:30080/x', [])).toBeUndefined();
    expect(curlRefusal('http://[::1]:30080', [])).toBeUndefined();
    expect(curlRefusal('http://192.168.49.2:31234', ['192.168.49.2'])).toBeUndefined(); // pure: never dialled, no unshare -n needed
    expect(curlRefusal('http://192.168.49.3:31234', ['192.168.49.2'])).toMatch(/only reaches your own machine and the cluster's node \(127\.0\.0\.1, 192\.168\.49\.2\), not 192\.168\.49\.3/); // pure: never dialled, no unshare -n needed
    expect(curlRefusal('http://example.com/', [])).toMatch(/not example\.com/);
    expect(curlRefusal('https://127.0.0.1:443', [])).toMatch(/plain http/);
    expect(curlRefusal('127.0.0.1:30080', [])).toMatch(/not a URL|plain http/);
  });
});

describe('minikube service on the sandbox', () => {
  const read = (services: Record<string, { type: string; nodePorts: number[] }>) => async (namespace: string, name: string) => services[`${namespace}/${name}`];

  it('prints http://127.0.0.1:<nodePort> and offers curl', async () => {
    const out = collect();
    const code = await answerMinikubeService(['minikube', 'service', 'storefront-web', '-n', 'kubedojo', '--url'], {
      namespace: 'kubedojo',
      readService: read({ 'kubedojo/storefront-web': { type: 'NodePort', nodePorts: [31234] } }),
      onLine: out.onLine,
    });
    expect(code).toBe(0);
    expect(out.lines[0]).toBe('http://127.0.0.1:31234');
    expect(out.lines.at(-1)).toBe('kubedojo: type `curl http://127.0.0.1:31234` to fetch it.');
  });

  it("answers minikube's errors for a missing Service and one without a node port", async () => {
    const out = collect();
    const deps = { namespace: 'kubedojo', readService: read({ 'kubedojo/storefront': { type: 'ClusterIP', nodePorts: [] } }), onLine: out.onLine };
    expect(await answerMinikubeService(['minikube', 'service', 'nope', '--url'], deps)).toBe(1);
    expect(out.lines[0]).toBe("Exiting due to SVC_NOT_FOUND: Service 'nope' was not found in 'kubedojo' namespace.");
    expect(await answerMinikubeService(['minikube', 'service', 'storefront', '--url'], deps)).toBe(1);
    expect(out.lines.at(-1)).toMatch(/has no node port: it is of type ClusterIP/);
  });

  it('claims `minikube service NAME` only, and only on the sandbox', () => {
    expect(isMinikubeService(['minikube', 'service', 'web', '--url'])).toBe(true);
    expect(isMinikubeService(['minikube', 'service', 'list'])).toBe(false);
    expect(isMinikubeService(['minikube', 'start'])).toBe(false);
    const deps = (sandbox: boolean): InAppDeps => ({
      namespace: 'kubedojo', sandbox: () => sandbox, workspaceDir: () => undefined, nodeAddresses: async () => [], readService: async () => undefined,
    });
    expect(matchInAppCommand(['minikube', 'service', 'web', '--url'], deps(true))?.kind).toBe('inline');
    expect(matchInAppCommand(['minikube', 'service', 'web', '--url'], deps(false))).toBeUndefined();
    expect(matchInAppCommand(['kubectl', 'get', 'pods'], deps(true))).toBeUndefined();
  });
});

describe('edit', () => {
  const deps = (dir: string | undefined): InAppDeps => ({
    namespace: 'kubedojo', sandbox: () => true, workspaceDir: () => dir, editor: 'code -w', nodeAddresses: async () => [], readService: async () => undefined,
  });

  it("opens a file of the lesson's folder in the learner's editor", () => {
    expect(matchInAppCommand(['edit', 'storefront.yaml'], deps('/data/workspace/manifests'))).toEqual({
      kind: 'interactive', recorded: false, argv: ['code', '-w', '/data/workspace/manifests/storefront.yaml'],
    });
  });

  it('refuses files outside the folder, and lessons without files', () => {
    for (const file of ['../other/x.yaml', '/etc/passwd', '.']) {
      expect(matchInAppCommand(['edit', file], deps('/data/workspace/manifests'))).toMatchObject({ kind: 'refused' });
    }
    expect(matchInAppCommand(['edit', 'x.yaml'], deps(undefined))).toMatchObject({ kind: 'refused', reason: expect.stringContaining('no files to edit') });
  });
});
