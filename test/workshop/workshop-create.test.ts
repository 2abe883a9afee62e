/**
 * `workshop create` for three learners on one sandbox, each learner's real kubectl with their own
 * kubeconfig: the course works in their namespace, another's and cluster-scoped writes get the
 * real Forbidden errors; `workshop delete` leaves nothing behind.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { startTestCluster, type TestCluster } from '../support/kubectl.js';
import { loadCourse, type Course } from '../../src/engine/lessons/load-course.js';
import { createWorkshop, deleteWorkshop, extendWorkshop, workshopStatus } from '../../src/workshop/workshop-commands.js';
import { readMarker } from '../../src/workshop/learner-kubeconfig.js';

let cluster: TestCluster;
let admin: KubeConfig;
let course: Course;
const out = mkdtempSync(join(tmpdir(), 'kubedojo-workshop-test-'));
const LEARNERS = ['ana', 'ben', 'cleo'];

beforeAll(async () => {
  cluster = await startTestCluster({ speed: 1 });
  admin = new KubeConfig();
  admin.loadFromFile(cluster.sandbox.kubeconfigPath);
  course = (await loadCourse('lessons')).course;
});
afterAll(() => cluster?.stop());

const as = (learner: string, args: string[]) => cluster.kubectl(args, { env: { KUBECONFIG: join(out, `${learner}.yaml`) } });

describe('workshop create', () => {
  it('makes a namespace, credentials and a kubeconfig with the marker per learner, and a sheet', async () => {
    const made = await createWorkshop({ kubeconfig: admin, course, workshop: 'default', learners: LEARNERS, expirationSeconds: 12 * 3600, outDir: out });
    expect(made.files.map((f) => f.learner)).toEqual(LEARNERS);
    for (const file of made.files) {
      expect(statSync(file.path).mode & 0o777).toBe(0o600);
      const marker = readMarker(readFileSync(file.path, 'utf8'));
      expect(marker).toMatchObject({ found: true, marker: { workshop: 'default', learner: file.learner, namespace: `kubedojo-${file.learner}` } });
      // 12 h from now, give or take the test's run time.
      expect(Math.abs(Date.parse(file.expires) - Date.now() - 12 * 3600_000)).toBeLessThan(120_000);
    }
    expect(readFileSync(made.sheetPath, 'utf8')).toContain('ana      npx kubedojo --kubeconfig ana.yaml');
    expect(made.notGranted).toEqual(expect.arrayContaining([{ what: 'create namespaces', lessons: ['namespaces'] }, { what: 'list pods in every namespace', lessons: ['your-cluster'] }]));
    const ns = await cluster.kubectl(['get', 'namespaces', '-l', 'kubedojo.dev/workshop=default', '-o', 'name']);
    expect(ns.stdout.split('\n').sort()).toEqual(['namespace/kubedojo-ana', 'namespace/kubedojo-ben', 'namespace/kubedojo-cleo']);
  });

  it('lets a learner do the course in their namespace', async () => {
    const steps = [
      ['create', 'deployment', 'shop', '--image=nginx:1.27', '--replicas=2'],
      ['rollout', 'status', 'deployment/shop', '--timeout=60s'],
      ['get', 'pods'],
      ['set', 'image', 'deployment/shop', 'nginx=nginx:1.27.3'],
      ['rollout', 'status', 'deployment/shop', '--timeout=60s'],
      ['rollout', 'history', 'deployment/shop'],
      ['rollout', 'undo', 'deployment/shop'],
      ['scale', 'deployment/shop', '--replicas=3'],
      ['expose', 'deployment', 'shop', '--port=80'],
      ['get', 'endpoints', 'shop'],
      ['annotate', 'deployment/shop', 'kubernetes.io/change-cause=v2'],
      ['get', 'nodes'],
      ['cluster-info'],
      ['delete', 'service', 'shop'],
    ];
    for (const args of steps) {
      const result = await as('ana', args);
      expect({ args, stderr: result.stderr, exitCode: result.exitCode }).toEqual({ args, stderr: '', exitCode: 0 });
    }
    // The LimitRange's defaults reached the Pods (the quota needs requests and limits).
    const pod = JSON.parse((await as('ana', ['get', 'pods', '-o', 'json'])).stdout).items[0];
    expect(pod.spec.containers[0].resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } });
    const can = await as('ana', ['auth', 'can-i', 'create', 'deployments']);
    expect(can.stdout).toBe('yes');
  });

  it('gives the real Forbidden errors in another learner’s namespace and for cluster-scoped writes', async () => {
    const other = await as('ana', ['get', 'pods', '-n', 'kubedojo-ben']);
    expect(other.exitCode).toBe(1);
    expect(other.stderr).toContain('Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:kubedojo-ana:learner" cannot list resource "pods" in API group "" in the namespace "kubedojo-ben"');
    const namespace = await as('ben', ['create', 'namespace', 'mine']);
    expect(namespace.stderr).toContain('Error from server (Forbidden): namespaces is forbidden: User "system:serviceaccount:kubedojo-ben:learner" cannot create resource "namespaces" in API group "" at the cluster scope');
    const pace = await as('cleo', ['patch', 'configmap', 'kubedojo-pace', '--type=merge', '-p', '{"data":{"upTo":"x"}}']);
    expect(pace.stderr).toContain('cannot patch resource "configmaps" in API group "" in the namespace "kubedojo-cleo"');
    expect((await as('cleo', ['auth', 'can-i', 'create', 'deployments', '-n', 'kubedojo-ana'])).stdout).toBe('no');
  });

  it('reports status and hands out new tokens', async () => {
    const rows = await workshopStatus(admin, 'default');
    expect(rows.map((row) => row.learner)).toEqual(LEARNERS);
    expect(rows.every((row) => row.tokenExpires !== undefined)).toBe(true);
    const before = readFileSync(join(out, 'ana.yaml'), 'utf8');
    const files = await extendWorkshop({ kubeconfig: admin, workshop: 'default', expirationSeconds: 24 * 3600, outDir: out });
    expect(files).toHaveLength(3);
    expect(readFileSync(join(out, 'ana.yaml'), 'utf8')).not.toBe(before);
    expect((await as('ana', ['get', 'deployments'])).exitCode).toBe(0);
  });

  it('a second create keeps what is there and refuses a namespace that is not the workshop’s', async () => {
    expect((await cluster.kubectl(['create', 'namespace', 'kubedojo-dan'])).exitCode).toBe(0);
    await expect(createWorkshop({ kubeconfig: admin, course, workshop: 'default', learners: ['ana', 'dan'], expirationSeconds: 3600, outDir: out })).rejects.toThrow(
      'Namespace kubedojo-dan already exists and is not part of workshop “default”',
    );
    expect((await as('ana', ['get', 'deployment', 'shop'])).exitCode).toBe(0);
    // Refused before anything changed: dan is bound to nothing.
    const binding = JSON.parse((await cluster.kubectl(['get', 'clusterrolebinding', 'kubedojo-workshop-default-read', '-o', 'json'])).stdout);
    expect(binding.subjects.map((s: { namespace: string }) => s.namespace)).toEqual(['kubedojo-ana', 'kubedojo-ben', 'kubedojo-cleo']);
  });

  it('workshop delete removes everything it made, and nothing else', async () => {
    const { namespaces } = await deleteWorkshop(admin, 'default', 60_000);
    expect(namespaces.sort()).toEqual(['kubedojo-ana', 'kubedojo-ben', 'kubedojo-cleo']);
    const left = await cluster.kubectl(['get', 'namespaces,clusterroles,clusterrolebindings,roles,rolebindings', '-A', '-l', 'app.kubernetes.io/managed-by=kubedojo', '-o', 'name']);
    expect(left.stdout).toBe('');
    // Not ours: still there.
    expect((await cluster.kubectl(['get', 'namespace', 'kubedojo-dan'])).exitCode).toBe(0);
    expect((await as('ana', ['get', 'pods'])).exitCode).toBe(1);
  });
});
