import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureNamespace, probeCluster } from '../../../src/engine/cluster/cluster-probe.js';
import { kubeconfigYaml } from './fixtures.js';

// A stand-in API server on loopback; the real sandbox/cluster tests come later.
type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let dir: string;
const servers: Server[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubedojo-probe-'));
});
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await rm(dir, { recursive: true, force: true });
});

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function kubeconfigFor(server: string): Promise<string> {
  const path = join(dir, 'kubeconfig.yaml');
  await writeFile(path, kubeconfigYaml([{ name: 'kubedojo-sandbox', server, insecure: true }]));
  return path;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

describe('probeCluster', () => {
  it('reports a reachable cluster and its version', async () => {
    const server = await serve((request, response) => {
      expect(request.url).toBe('/version');
      json(response, 200, { major: '1', minor: '31', gitVersion: 'v1.31.0', gitCommit: '', gitTreeState: '', buildDate: '', goVersion: '', compiler: '', platform: '' });
    });
    expect(await probeCluster(await kubeconfigFor(server))).toEqual({ reachable: true, server, version: 'v1.31.0' });
  });

  it('says nothing is listening when the port is closed', async () => {
    const server = await serve(() => undefined);
    const path = await kubeconfigFor(server);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(await probeCluster(path)).toEqual({ reachable: false, server, reason: `nothing is listening at ${server} (is the cluster started?)` });
  });

  it('gives up after the timeout when the server never answers', async () => {
    const server = await serve(() => undefined); // accepts, never responds
    const started = Date.now();
    const result = await probeCluster(await kubeconfigFor(server), 300);
    expect(result).toEqual({ reachable: false, server, reason: `no answer from ${server} within 0.3s` });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('tells refused credentials apart from an unreachable server', async () => {
    const server = await serve((_request, response) => json(response, 401, { kind: 'Status', code: 401 }));
    const result = await probeCluster(await kubeconfigFor(server));
    expect(result).toMatchObject({ reachable: false, reason: expect.stringContaining('refused the credentials (HTTP 401)') });
  });

  it('reports an unreadable kubeconfig', async () => {
    const result = await probeCluster(join(dir, 'missing.yaml'));
    expect(result).toMatchObject({ reachable: false, reason: expect.stringContaining('could not be read') });
  });
});

describe('ensureNamespace', () => {
  async function kubeconfigWith(handler: Handler): Promise<KubeConfig> {
    const kubeconfig = new KubeConfig();
    kubeconfig.loadFromFile(await kubeconfigFor(await serve(handler)));
    return kubeconfig;
  }

  it('creates the namespace when it is missing', async () => {
    const calls: string[] = [];
    const kubeconfig = await kubeconfigWith((request, response) => {
      calls.push(`${request.method} ${request.url}`);
      if (request.method === 'GET') return json(response, 404, { kind: 'Status', code: 404, reason: 'NotFound' });
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => json(response, 201, JSON.parse(body)));
    });
    expect(await ensureNamespace(kubeconfig, 'kubedojo')).toBe('created');
    expect(calls).toEqual(['GET /api/v1/namespaces/kubedojo', 'POST /api/v1/namespaces']);
  });

  it('leaves an existing namespace alone', async () => {
    const kubeconfig = await kubeconfigWith((request, response) =>
      json(response, 200, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kubedojo' } }),
    );
    expect(await ensureNamespace(kubeconfig, 'kubedojo')).toBe('existed');
  });

  it('accepts losing a creation race', async () => {
    const kubeconfig = await kubeconfigWith((request, response) =>
      json(response, request.method === 'GET' ? 404 : 409, { kind: 'Status', reason: request.method === 'GET' ? 'NotFound' : 'AlreadyExists' }),
    );
    expect(await ensureNamespace(kubeconfig, 'kubedojo')).toBe('existed');
  });

  it('passes other errors on', async () => {
    const kubeconfig = await kubeconfigWith((_request, response) => json(response, 403, { kind: 'Status', reason: 'Forbidden' }));
    await expect(ensureNamespace(kubeconfig, 'kubedojo')).rejects.toMatchObject({ code: 403 });
  });
});
