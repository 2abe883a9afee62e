/**
 * The first commands of the course, run with the real kubectl against a fresh sandbox: what a fresh
 * minikube answers, and the API's authentication.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findType } from '../../../src/sandbox/api/resources.js';
import { apiRequest, startTestCluster, type TestCluster } from '../../support/kubectl.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(() => cluster?.stop());

/** Splits kubectl's table output into rows of cells. */
function rows(stdout: string): string[][] {
  return stdout.trim().split('\n').map((line) => line.trim().split(/\s{2,}/));
}

describe('a fresh sandbox looks like a fresh minikube', () => {
  it('kubectl version reports a 1.32 server', async () => {
    const { stdout, exitCode } = await cluster.kubectl(['version']);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^Client Version: v1\.32\.\d+/m);
    expect(stdout).toMatch(/^Server Version: v1\.32\.0$/m);
  });

  it('kubectl get nodes shows the Ready control-plane node', async () => {
    const { stdout, stderr, exitCode } = await cluster.kubectl(['get', 'nodes']);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    const [header, node, ...rest] = rows(stdout);
    expect(header).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    expect(rest).toEqual([]);
    expect(node?.[0]).toBe('minikube');
    expect(node?.[1]).toBe('Ready');
    expect(node?.[2]).toBe('control-plane');
    expect(node?.[3]).toMatch(/^\d+s$/);
    expect(node?.[4]).toBe('v1.32.0');
  });

  it('kubectl get pods -A lists the kube-system Pods, all Running', async () => {
    const { stdout, exitCode } = await cluster.kubectl(['get', 'pods', '-A']);
    expect(exitCode).toBe(0);
    const [header, ...pods] = rows(stdout);
    expect(header).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    const names = pods.map((p) => p[1]);
    for (const name of ['etcd-minikube', 'kube-apiserver-minikube', 'kube-controller-manager-minikube', 'kube-scheduler-minikube', 'storage-provisioner']) {
      expect(names).toContain(name);
    }
    expect(names.some((n) => /^coredns-[a-z0-9]+-[a-z0-9]{5}$/.test(n ?? ''))).toBe(true);
    expect(names.some((n) => /^kube-proxy-[a-z0-9]{5}$/.test(n ?? ''))).toBe(true);
    for (const pod of pods.filter((p) => p[1] !== undefined && !p[1].startsWith('coredns'))) {
      expect(pod.slice(0, 5)).toEqual(['kube-system', pod[1], '1/1', 'Running', '0']);
    }
  });

  it('kubectl get services shows the kubernetes Service', async () => {
    const { stdout, exitCode } = await cluster.kubectl(['get', 'services']);
    expect(exitCode).toBe(0);
    const [header, svc] = rows(stdout);
    expect(header).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    expect(svc?.slice(0, 5)).toEqual(['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP']);
  });

  it('kubectl get namespaces lists the four system namespaces', async () => {
    const { stdout } = await cluster.kubectl(['get', 'namespaces', '--no-headers', '-o', 'custom-columns=NAME:.metadata.name,PHASE:.status.phase']);
    expect(rows(stdout)).toEqual([
      ['default', 'Active'],
      ['kube-node-lease', 'Active'],
      ['kube-public', 'Active'],
      ['kube-system', 'Active'],
    ]);
  });

  it('kubectl create namespace creates one (a protobuf body)', async () => {
    const created = await cluster.kubectl(['create', 'namespace', 'hello-microservices']);
    expect(created).toEqual({ stdout: 'namespace/hello-microservices created', stderr: '', exitCode: 0 });
    const again = await cluster.kubectl(['create', 'namespace', 'hello-microservices']);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toBe('Error from server (AlreadyExists): namespaces "hello-microservices" already exists');
    const ns = cluster.sandbox.store.peek(findType('', 'namespaces')!, undefined, 'hello-microservices');
    expect(ns?.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'hello-microservices' });
    expect(ns?.spec).toEqual({ finalizers: ['kubernetes'] });
  });
});

describe('authorization', () => {
  it('kubectl auth can-i answers yes: the sandbox token may do everything', async () => {
    expect(await cluster.kubectl(['auth', 'can-i', 'create', 'deployments', '-n', 'kubedojo'])).toEqual({ stdout: 'yes', stderr: '', exitCode: 0 });
  });
});

describe('authentication', () => {
  it('answers 401 with a Status to a request without the token', async () => {
    const response = await apiRequest(cluster.sandbox, '/api/v1/namespaces', { token: null });
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('refuses kubectl with a wrong token the way a real cluster does', async () => {
    const { stderr, exitCode } = await cluster.kubectl(['get', 'pods', '--token', 'not-the-token']);
    expect(exitCode).toBe(1);
    expect(stderr).toContain('error: You must be logged in to the server (Unauthorized)');
  });
});
