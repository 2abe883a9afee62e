/**
 * The engine's raw requests (kube-api.ts), which replaced client-node's typed clients on the app's
 * paths: against a real sandbox over HTTPS with its bearer token (the server's certificate
 * verified), the reads the app makes (the namespace's uid, Node addresses, a Service's ports), a
 * write and a delete, and an API error with its status; against a loopback HTTPS server that asks
 * for a client certificate, the kubeconfig's client certificate and key are presented as
 * client-node presents them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { clusterIdentity } from '../../../src/engine/cluster/cluster-identity.js';
import { ensureNamespace } from '../../../src/engine/cluster/cluster-probe.js';
import { nodeAddresses, servicePorts } from '../../../src/engine/in-app/cluster-reads.js';
import { KubeApiError, requestJson } from '../../../src/engine/session/kube-api.js';
import { servicePort } from '../../../src/engine/session/session-meter.js';
import { NODE_IP } from '../../../src/sandbox/bootstrap.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { createServingCertificate, selfSignedCertificate } from '../../../src/sandbox/server/certificate.js';
import { objectsOf } from '../../support/objects.js';

const dir = mkdtempSync(join(tmpdir(), 'kubedojo-kube-api-'));

describe('raw requests on a sandbox', () => {
  let sandbox: Sandbox;
  let kubeconfig: KubeConfig;

  beforeAll(async () => {
    sandbox = await startSandbox({ speed: 50 });
    kubeconfig = new KubeConfig();
    kubeconfig.loadFromFile(sandbox.kubeconfigPath);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('creates, reads and deletes, authenticated with the kubeconfig and over its CA', async () => {
    expect(await ensureNamespace(kubeconfig, 'raw')).toBe('created');
    expect(await ensureNamespace(kubeconfig, 'raw')).toBe('existed');
    const created = (await requestJson(kubeconfig, 'POST', '/api/v1/namespaces/raw/configmaps', {
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes' }, data: { text: 'héllo' } },
    })) as { metadata: { uid: string; creationTimestamp: string } };
    const read = (await requestJson(kubeconfig, 'GET', '/api/v1/namespaces/raw/configmaps/notes')) as { data: { text: string }; metadata: { uid: string; creationTimestamp: unknown } };
    expect(read.data.text).toBe('héllo');
    expect(read.metadata.uid).toBe(created.metadata.uid);
    // Plain JSON, as watch events are: timestamps stay text.
    expect(read.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
    await requestJson(kubeconfig, 'DELETE', '/api/v1/namespaces/raw/configmaps/notes');
    const gone = await requestJson(kubeconfig, 'GET', '/api/v1/namespaces/raw/configmaps/notes').catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(KubeApiError);
    expect(gone).toMatchObject({ statusCode: 404, code: 404, message: expect.stringContaining('GET /api/v1/namespaces/raw/configmaps/notes: HTTP 404') });
    expect(JSON.parse((gone as KubeApiError).body)).toMatchObject({ kind: 'Status', reason: 'NotFound' });
  });

  it("answers the app's own reads: the namespace's uid, the Nodes' addresses, a Service's ports", async () => {
    const namespace = objectsOf(sandbox, 'Namespace').find((object) => object.metadata?.name === 'default');
    expect(namespace?.metadata?.uid).toEqual(expect.any(String));
    expect(await clusterIdentity(kubeconfig, 'default')).toBe(namespace?.metadata?.uid);
    expect(await nodeAddresses(kubeconfig)).toEqual([NODE_IP, 'minikube']);
    await requestJson(kubeconfig, 'POST', '/api/v1/namespaces/default/services', {
      body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } },
    });
    const ports = await servicePorts(kubeconfig, 'default', 'web');
    expect(ports).toEqual({ type: 'NodePort', nodePorts: [expect.any(Number)] });
    expect(await servicePorts(kubeconfig, 'default', 'missing')).toBeUndefined();
    expect(await servicePort(kubeconfig, 'default', 'web')).toBe(80);
    await expect(servicePort(kubeconfig, 'default', 'missing')).rejects.toThrow('there is no service missing in namespace default to meter');
  });

  it('is refused without credentials, with the status', async () => {
    const anonymous = new KubeConfig();
    anonymous.loadFromOptions({
      clusters: [{ name: 'sandbox', server: sandbox.server, caData: Buffer.from(sandbox.caPem).toString('base64'), skipTLSVerify: false }],
      users: [{ name: 'nobody' }],
      contexts: [{ name: 'sandbox', cluster: 'sandbox', user: 'nobody' }],
      currentContext: 'sandbox',
    });
    await expect(requestJson(anonymous, 'GET', '/api/v1/namespaces')).rejects.toMatchObject({ statusCode: 401 });
  });
});

describe('raw requests with a client certificate', () => {
  let server: Server;
  let kubeconfigPath: string;

  beforeAll(async () => {
    const serving = await createServingCertificate();
    const client = await clientCertificate('kubedojo-learner');
    server = createServer({ cert: serving.certPem, key: serving.keyPem, ca: client.certPem, requestCert: true, rejectUnauthorized: true }, (request, response) => {
      const peer = (request.socket as TLSSocket).getPeerCertificate();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ user: peer.subject?.CN, authorization: request.headers.authorization ?? null }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    kubeconfigPath = join(dir, 'client-cert.yaml');
    writeFileSync(
      kubeconfigPath,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, 'certificate-authority-data': Buffer.from(serving.certPem).toString('base64') } }],
        users: [{ name: 'u', user: { 'client-certificate-data': Buffer.from(client.certPem).toString('base64'), 'client-key-data': Buffer.from(client.keyPem).toString('base64') } }],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'x',
      }),
    );
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('presents the certificate and key of the kubeconfig', async () => {
    const kubeconfig = new KubeConfig();
    kubeconfig.loadFromFile(kubeconfigPath);
    expect(await requestJson(kubeconfig, 'GET', '/version')).toEqual({ user: 'kubedojo-learner', authorization: null });
  });
});

/** A self-signed client certificate (its own CA, for the server's `ca`). */
function clientCertificate(commonName: string): Promise<{ certPem: string; keyPem: string }> {
  return selfSignedCertificate({ subject: `CN=${commonName}`, usage: 'clientAuth', validForMs: 3600_000 });
}
