/**
 * The permissions check through client-node's real SelfSubjectAccessReview calls, against a
 * stand-in API server (the sandbox has no RBAC, so it cannot say no).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor, type DoctorReport } from '../../../src/engine/doctor/index.js';
import { kubeconfigYaml } from '../cluster/fixtures.js';
import { doctorEnv, makeBin, tempDir } from './doctor-env.js';

interface Review {
  namespace: string;
  verb: string;
  group: string;
  resource: string;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** An API server that answers /version and says no to the `verb resource` pairs in `denied`. */
async function standIn(denied: string[], options: { reviews?: 'answer' | 'not-served' | 'hang' } = {}): Promise<{ url: string; reviews: Review[] }> {
  const reviews: Review[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const send = (status: number, body: unknown): void => void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.method === 'GET' && request.url === '/version') return send(200, { major: '1', minor: '32', gitVersion: 'v1.32.3' });
    if (request.method === 'POST' && request.url?.startsWith('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')) {
      if (options.reviews === 'hang') return; // accepts, never answers
      if (options.reviews === 'not-served') return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const review = JSON.parse(body) as { spec: { resourceAttributes: Review } };
        const attributes = review.spec.resourceAttributes;
        reviews.push({ namespace: attributes.namespace, verb: attributes.verb, group: attributes.group, resource: attributes.resource });
        const allowed = !denied.includes(`${attributes.verb} ${attributes.resource}`);
        send(201, { ...review, status: { allowed } });
      });
      return;
    }
    send(404, { kind: 'Status', code: 404 });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, reviews };
}

async function doctorAgainst(url: string, namespace?: string, timeoutMs?: number): Promise<DoctorReport> {
  const kubeconfig = join(await tempDir(), 'config');
  await writeFile(kubeconfig, kubeconfigYaml([{ name: 'minikube', server: url, insecure: true }]));
  const env = await doctorEnv(await makeBin({ kubectl: true }), { KUBECONFIG: kubeconfig });
  return runDoctor({ env, platform: 'linux', ...(namespace === undefined ? {} : { namespace }), ...(timeoutMs === undefined ? {} : { timeoutMs }) });
}

function permissions(report: DoctorReport) {
  return report.checks.find((check) => check.id === 'permissions');
}

describe('permissions in the tutorial namespace', () => {
  it('asks about create/get/list/watch/patch/update/delete on deployments, pods and services in that namespace', async () => {
    const { url, reviews } = await standIn([]);

    const report = await doctorAgainst(url, 'dojo-7');

    expect(permissions(report)).toEqual({
      id: 'permissions',
      title: 'Permissions',
      status: 'ok',
      detail: 'You may create, get, list, watch, patch, update, delete deployments, pods, services in namespace `dojo-7`.',
    });
    const asked = reviews.map((r) => `${r.namespace}/${r.group || 'core'}/${r.resource}/${r.verb}`).sort();
    const expected = ['apps/deployments', 'core/pods', 'core/services'].flatMap((gr) =>
      ['create', 'get', 'list', 'watch', 'patch', 'update', 'delete'].map((verb) => `dojo-7/${gr}/${verb}`),
    );
    expect(asked).toEqual(expected.sort());
  });

  it('fails and lists exactly what is missing, with the commands an admin would run', async () => {
    const { url } = await standIn(['delete pods', 'create services', 'watch pods']);

    const report = await doctorAgainst(url);

    expect(permissions(report)).toEqual({
      id: 'permissions',
      title: 'Permissions',
      status: 'fail',
      detail: 'Missing in namespace `kubedojo`: pods: watch, delete; services: create.',
      fix:
        'Ask your cluster admin to grant them, e.g.:\n' +
        'kubectl create role kubedojo-learner -n kubedojo --verb=create,get,list,watch,patch,update,delete --resource=deployments.apps,pods,services\n' +
        'kubectl create rolebinding kubedojo-learner -n kubedojo --role=kubedojo-learner --user=YOUR_USER',
    });
    expect(report.passed).toBe(false);
  });

  it('warns when a cluster that is not the sandbox serves no access reviews', async () => {
    const { url } = await standIn([], { reviews: 'not-served' });

    const report = await doctorAgainst(url);

    expect(permissions(report)).toMatchObject({
      status: 'warn',
      detail: 'The server does not answer SelfSubjectAccessReview, so kubedojo cannot check your permissions in advance.',
    });
  });

  it('gives up on access reviews that never come back', async () => {
    const { url } = await standIn([], { reviews: 'hang' });
    const started = Date.now();

    const report = await doctorAgainst(url, undefined, 400);

    expect(permissions(report)).toMatchObject({ status: 'warn', detail: 'Could not check your permissions in namespace `kubedojo`: no answer within 0.4s.' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
