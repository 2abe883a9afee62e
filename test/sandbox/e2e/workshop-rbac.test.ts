/**
 * A room on one sandbox, through the real kubectl and client-node: the instructor (the admin token)
 * sets up two learners the way `kubedojo workshop create` does (namespace, ServiceAccount, Role,
 * RoleBinding, ResourceQuota, LimitRange, a token from the TokenRequest API); a learner's kubectl
 * works in its namespace and gets kube-apiserver's exact Forbidden errors elsewhere, `auth can-i`
 * answers from RBAC, quota and limit-range refusals read as upstream's, and a token stops working
 * when it expires or its ServiceAccount goes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, KubeConfig, ApiException } from '@kubernetes/client-node';
import { stringify as toYaml } from 'yaml';
import { startTestCluster, waitForState, type TestCluster } from '../../support/kubectl.js';
import { deploymentSettled, objectsOf } from '../../support/objects.js';
import { reviewAccess } from '../../../src/engine/doctor/access-review.js';
import { NAMESPACES } from '../../../src/sandbox/controllers/kinds.js';

const ANA = 'system:serviceaccount:kubedojo-ana:learner';

/** What `workshop create` makes for one learner. */
function learnerManifest(name: string): string {
  const namespace = `kubedojo-${name}`;
  const docs = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { 'app.kubernetes.io/managed-by': 'kubedojo' } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'learner', namespace } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'learner', namespace },
      rules: [
        { apiGroups: [''], resources: ['pods', 'pods/log', 'pods/exec', 'services', 'configmaps', 'events'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
        { apiGroups: ['apps'], resources: ['deployments', 'deployments/scale', 'replicasets'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
        { apiGroups: [''], resources: ['resourcequotas', 'limitranges'], verbs: ['get', 'list'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'learner', namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'learner' },
      subjects: [{ kind: 'ServiceAccount', name: 'learner', namespace }],
    },
    { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'learner', namespace }, spec: { hard: { pods: '3', 'count/deployments.apps': '2', 'requests.cpu': '2', 'limits.memory': '2Gi' } } },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'learner', namespace },
      spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { cpu: '1', memory: '1Gi' } }] },
    },
  ];
  return docs.map((doc) => toYaml(doc)).join('---\n');
}

let cluster: TestCluster;
let work: string;
let anaConfig: string;

/** A kubeconfig holding only a learner's token, as the workshop hands out. */
function writeKubeconfig(file: string, token: string, namespace: string): string {
  const path = join(work, file);
  writeFileSync(path, toYaml({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'workshop', cluster: { server: cluster.sandbox.server, 'certificate-authority-data': Buffer.from(cluster.sandbox.caPem).toString('base64') } }],
    users: [{ name: 'learner', user: { token } }],
    contexts: [{ name: 'workshop', context: { cluster: 'workshop', user: 'learner', namespace } }],
    'current-context': 'workshop',
  }), { mode: 0o600 });
  return path;
}

const asAna = (args: string[]) => cluster.kubectl(args, { env: { KUBECONFIG: anaConfig } });

beforeAll(async () => {
  cluster = await startTestCluster();
  work = mkdtempSync(join(tmpdir(), 'kubedojo-workshop-rbac-'));
  for (const name of ['ana', 'ben']) {
    const applied = await cluster.kubectl(['apply', '-f', '-'], { input: learnerManifest(name) });
    expect(applied.exitCode, applied.stderr).toBe(0);
  }
  const token = await cluster.kubectl(['create', 'token', 'learner', '-n', 'kubedojo-ana', '--duration=12h']);
  expect(token.exitCode, token.stderr).toBe(0);
  anaConfig = writeKubeconfig('ana.yaml', token.stdout.trim(), 'kubedojo-ana');
});
afterAll(() => cluster?.stop());

describe('a learner in its own namespace', () => {
  it('creates a Deployment that rolls out, reads its logs and scales it', async () => {
    expect(await asAna(['create', 'deployment', 'web', '--image=nginx'])).toEqual({ stdout: 'deployment.apps/web created', stderr: '', exitCode: 0 });
    await waitForState(cluster.sandbox, () => deploymentSettled(cluster.sandbox, 'web', 1, 'kubedojo-ana'), 20_000, 'web to be ready');
    const logs = await asAna(['logs', 'deployment/web']);
    expect(logs.exitCode, logs.stderr).toBe(0);
    expect(await asAna(['scale', 'deployment/web', '--replicas=2'])).toMatchObject({ stdout: 'deployment.apps/web scaled', exitCode: 0 });
    await waitForState(cluster.sandbox, () => deploymentSettled(cluster.sandbox, 'web', 2, 'kubedojo-ana'), 20_000, 'web to have 2 replicas');
  });

  it('execs into its Pod (the WebSocket upgrade needs get and create on pods/exec)', async () => {
    expect(await asAna(['exec', 'deployment/web', '--', 'echo', 'hi'])).toEqual({ stdout: 'hi', stderr: '', exitCode: 0 });
  });

  it('gets the LimitRange defaults on its Pods', () => {
    const pod = objectsOf(cluster.sandbox, 'Pod', 'kubedojo-ana')[0]!;
    expect(pod.metadata.annotations['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx');
    expect(pod.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
  });

  it('has a default ServiceAccount in every namespace, as the controller makes it', () => {
    expect(objectsOf(cluster.sandbox, 'ServiceAccount', 'kubedojo-ben').map((sa) => sa.metadata.name).sort()).toEqual(['default', 'learner']);
  });
});

describe('a learner outside its namespace gets the real Forbidden', () => {
  it('listing Pods in another learner namespace', async () => {
    expect(await asAna(['get', 'pods', '-n', 'kubedojo-ben'])).toEqual({
      stdout: '',
      stderr: `Error from server (Forbidden): pods is forbidden: User "${ANA}" cannot list resource "pods" in API group "" in the namespace "kubedojo-ben"`,
      exitCode: 1,
    });
  });

  it('creating a Deployment there', async () => {
    expect(await asAna(['create', 'deployment', 'web', '--image=nginx', '-n', 'kubedojo-ben'])).toEqual({
      stdout: '',
      stderr: `error: failed to create deployment: deployments.apps is forbidden: User "${ANA}" cannot create resource "deployments" in API group "apps" in the namespace "kubedojo-ben"`,
      exitCode: 1,
    });
  });

  it('reading a named object there', async () => {
    expect(await asAna(['get', 'deployment', 'web', '-n', 'kubedojo-ben'])).toEqual({
      stdout: '',
      stderr: `Error from server (Forbidden): deployments.apps "web" is forbidden: User "${ANA}" cannot get resource "deployments" in API group "apps" in the namespace "kubedojo-ben"`,
      exitCode: 1,
    });
  });

  it('a cluster-scoped write', async () => {
    expect(await asAna(['create', 'namespace', 'mine'])).toEqual({
      stdout: '',
      stderr: `Error from server (Forbidden): namespaces is forbidden: User "${ANA}" cannot create resource "namespaces" in API group "" at the cluster scope`,
      exitCode: 1,
    });
  });

  it('a resource, and a subresource, its Role does not name', async () => {
    expect(await asAna(['get', 'secrets'])).toEqual({
      stdout: '',
      stderr: `Error from server (Forbidden): secrets is forbidden: User "${ANA}" cannot list resource "secrets" in API group "" in the namespace "kubedojo-ana"`,
      exitCode: 1,
    });
    // kubectl patch reads the subresource first: that read is what is refused.
    expect(await asAna(['patch', 'deployment', 'web', '--subresource=status', '--type=merge', '-p', '{"status":{}}'])).toEqual({
      stdout: '',
      stderr: `Error from server (Forbidden): deployments.apps "web" is forbidden: User "${ANA}" cannot get resource "deployments/status" in API group "apps" in the namespace "kubedojo-ana"`,
      exitCode: 1,
    });
  });

  it('client-node sees the same 403 Status', async () => {
    const config = new KubeConfig();
    config.loadFromFile(anaConfig);
    const api = config.makeApiClient(CoreV1Api);
    const error = await api.listNamespacedPod({ namespace: 'kubedojo-ben' }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException<string>).code).toBe(403);
    const status = JSON.parse((error as ApiException<string>).body);
    expect(status).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Forbidden',
      code: 403,
      details: { kind: 'pods' },
      message: `pods is forbidden: User "${ANA}" cannot list resource "pods" in API group "" in the namespace "kubedojo-ben"`,
    });
    expect((await api.listNamespacedPod({ namespace: 'kubedojo-ana' })).items.length).toBe(2);
  });
});

describe('kubectl auth can-i answers from RBAC', () => {
  it.each([
    [['create', 'deployments'], 'yes', 0],
    [['create', 'deployments', '-n', 'kubedojo-ben'], 'no', 1],
    [['get', 'pods', '--subresource=log'], 'yes', 0],
    [['create', 'pods', '--subresource=exec'], 'yes', 0],
    [['delete', 'resourcequotas'], 'no', 1],
    [['create', 'namespaces'], 'no', 1],
    [['list', 'nodes'], 'no', 1],
  ] as const)('can-i %j → %s', async (args, answer, exitCode) => {
    expect(await asAna(['auth', 'can-i', ...args])).toMatchObject({ stdout: answer, exitCode });
  });

  it('the admin may do anything', async () => {
    expect(await cluster.kubectl(['auth', 'can-i', '*', '*'])).toMatchObject({ stdout: 'yes', exitCode: 0 });
  });

  it('the admin asks for a learner with --as (impersonation); a learner may not impersonate', async () => {
    expect(await cluster.kubectl(['auth', 'can-i', 'list', 'pods', '-n', 'kubedojo-ana', `--as=${ANA}`])).toMatchObject({ stdout: 'yes', exitCode: 0 });
    expect(await cluster.kubectl(['auth', 'can-i', 'list', 'pods', '-n', 'kubedojo-ben', `--as=${ANA}`])).toMatchObject({ stdout: 'no', exitCode: 1 });
    expect(await asAna(['get', 'pods', '--as=boss'])).toEqual({
      stdout: '',
      stderr: `Error from server (Forbidden): users "boss" is forbidden: User "${ANA}" cannot impersonate resource "users" in API group "" at the cluster scope`,
      exitCode: 1,
    });
  });

  it('--list shows the Role and the default discovery rules', async () => {
    const { stdout, exitCode } = await asAna(['auth', 'can-i', '--list']);
    expect(exitCode).toBe(0);
    const rows = stdout.split('\n').map((line) => line.trim().split(/\s{2,}/));
    expect(rows[0]).toEqual(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
    expect(rows).toContainEqual(['deployments.apps/scale', '[]', '[]', '[get list watch create update patch delete]']);
    expect(rows).toContainEqual(['pods/log', '[]', '[]', '[get list watch create update patch delete]']);
    expect(rows).toContainEqual(['selfsubjectaccessreviews.authorization.k8s.io', '[]', '[]', '[create]']);
    expect(rows).toContainEqual(['[/version]', '[]', '[get]']);
    expect(rows.some((row) => row[0] === 'secrets')).toBe(false);
  });

  it("the app's access review (SelfSubjectAccessReview through client-node) says the same", async () => {
    const outcome = await reviewAccess(anaConfig, 'kubedojo-ben', [
      { verb: 'create', group: 'apps', resource: 'deployments' },
      { verb: 'list', group: '', resource: 'pods' },
    ], 10_000);
    expect(outcome).toEqual({ kind: 'answered', denied: [{ verb: 'create', group: 'apps', resource: 'deployments' }, { verb: 'list', group: '', resource: 'pods' }] });
    expect(await reviewAccess(anaConfig, 'kubedojo-ana', [{ verb: 'create', group: 'apps', resource: 'deployments' }], 10_000)).toEqual({ kind: 'answered', denied: [] });
  });
});

describe('ResourceQuota and LimitRange refusals', () => {
  it('a third Pod fits, a fourth exceeds the quota with the upstream message', async () => {
    expect(await asAna(['run', 'third', '--image=nginx'])).toMatchObject({ stdout: 'pod/third created', exitCode: 0 });
    expect(await asAna(['run', 'fourth', '--image=nginx'])).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): pods "fourth" is forbidden: exceeded quota: learner, requested: pods=1, used: pods=3, limited: pods=3',
      exitCode: 1,
    });
  });

  it('a Deployment scaled past the quota records FailedCreate with the generateName', async () => {
    expect(await asAna(['scale', 'deployment/web', '--replicas=4'])).toMatchObject({ exitCode: 0 });
    await waitForState(cluster.sandbox, () => objectsOf(cluster.sandbox, 'Event', 'kubedojo-ana').some((e) => e.reason === 'FailedCreate'), 20_000, 'a FailedCreate event');
    const event = objectsOf(cluster.sandbox, 'Event', 'kubedojo-ana').find((e) => e.reason === 'FailedCreate')!;
    expect(event.message).toMatch(/^Error creating: pods "web-[a-z0-9]+-" is forbidden: exceeded quota: learner, requested: pods=1, used: pods=3, limited: pods=3$/);
  });

  it('the quota status counts what is used', async () => {
    await waitForState(cluster.sandbox, () => objectsOf(cluster.sandbox, 'ResourceQuota', 'kubedojo-ana')[0]?.status?.used?.pods === '3', 10_000, 'quota used pods=3');
    const quota = objectsOf(cluster.sandbox, 'ResourceQuota', 'kubedojo-ana')[0]!;
    expect(quota.status).toEqual({
      hard: { 'count/deployments.apps': '2', 'limits.memory': '2Gi', pods: '3', 'requests.cpu': '2' },
      used: { 'count/deployments.apps': '1', 'limits.memory': '768Mi', pods: '3', 'requests.cpu': '300m' },
    });
  });

  it('kubectl get quota and get rolebinding print the upstream columns', async () => {
    const quota = (await asAna(['get', 'quota'])).stdout.split('\n').map((line) => line.trim().split(/\s{2,}/));
    expect(quota[0]).toEqual(['NAME', 'AGE', 'REQUEST', 'LIMIT']);
    expect([quota[1]![0], ...quota[1]!.slice(2)]).toEqual(['learner', 'count/deployments.apps: 1/2, pods: 3/3, requests.cpu: 300m/2', 'limits.memory: 768Mi/2Gi']);
    const bindings = (await cluster.kubectl(['get', 'rolebinding', '-n', 'kubedojo-ana', '-o', 'wide'])).stdout.split('\n').map((line) => line.trim().split(/\s{2,}/));
    expect(bindings[0]).toEqual(['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS']);
    expect([bindings[1]![0], bindings[1]![1], bindings[1]![3]]).toEqual(['learner', 'Role/learner', 'kubedojo-ana/learner']);
  });

  it('a container over the LimitRange max is refused with the plugin message', async () => {
    await asAna(['delete', 'pod', 'third', '--wait=false']);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big' }, spec: { containers: [{ name: 'app', image: 'nginx', resources: { limits: { cpu: '2', memory: '128Mi' } } }] } };
    expect(await cluster.kubectl(['create', '-n', 'kubedojo-ana', '-f', '-'], { input: JSON.stringify(pod), env: { KUBECONFIG: anaConfig } })).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): error when creating "STDIN": pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2.',
      exitCode: 1,
    });
  });
});

describe('tokens', () => {
  it('a token whose ServiceAccount is deleted no longer authenticates', async () => {
    await cluster.kubectl(['create', 'serviceaccount', 'temp', '-n', 'kubedojo-ben']);
    const token = (await cluster.kubectl(['create', 'token', 'temp', '-n', 'kubedojo-ben'])).stdout.trim();
    const config = writeKubeconfig('temp.yaml', token, 'kubedojo-ben');
    expect(await cluster.kubectl(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'], { env: { KUBECONFIG: config } })).toMatchObject({ stdout: 'system:serviceaccount:kubedojo-ben:temp', exitCode: 0 });
    await cluster.kubectl(['delete', 'serviceaccount', 'temp', '-n', 'kubedojo-ben']);
    expect(await cluster.kubectl(['get', '--raw', '/version'], { env: { KUBECONFIG: config } })).toEqual({
      stdout: '',
      stderr: 'error: You must be logged in to the server (Unauthorized)',
      exitCode: 1,
    });
  });

  it('a duration under 10 minutes is refused as upstream refuses it', async () => {
    expect(await cluster.kubectl(['create', 'token', 'learner', '-n', 'kubedojo-ana', '--duration=5m'])).toEqual({
      stdout: '',
      stderr: 'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes',
      exitCode: 1,
    });
  });
});

describe('an expired token', () => {
  // 20 simulated minutes at speed 200 are 6 real seconds.
  let fast: TestCluster;
  beforeAll(async () => {
    fast = await startTestCluster({ speed: 200 });
  });
  afterAll(() => fast?.stop());

  it('works until it expires on the sandbox clock, then gets 401', async () => {
    await fast.kubectl(['create', 'serviceaccount', 'learner']);
    const created = await fast.kubectl(['create', 'token', 'learner', '--duration=20m', '-o', 'json']);
    expect(created.exitCode, created.stderr).toBe(0);
    const request = JSON.parse(created.stdout);
    const token: string = request.status.token;
    const expiresAt = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp * 1000;
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(6_000);
    expect(Date.parse(request.status.expirationTimestamp)).toBe(Math.floor(expiresAt / 1000) * 1000);
    const config = join(work, 'fast.yaml');
    writeFileSync(config, toYaml({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'fast', cluster: { server: fast.sandbox.server, 'certificate-authority-data': Buffer.from(fast.sandbox.caPem).toString('base64') } }],
      users: [{ name: 'learner', user: { token } }],
      contexts: [{ name: 'fast', context: { cluster: 'fast', user: 'learner' } }],
      'current-context': 'fast',
    }));
    expect(await fast.kubectl(['get', '--raw', '/version'], { env: { KUBECONFIG: config } })).toMatchObject({ exitCode: 0 });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now() + 50)));
    expect(await fast.kubectl(['get', '--raw', '/version'], { env: { KUBECONFIG: config } })).toEqual({
      stdout: '',
      stderr: 'error: You must be logged in to the server (Unauthorized)',
      exitCode: 1,
    });
  });
});

describe('a sandbox on another address (the workshop room)', () => {
  let room: TestCluster;
  beforeAll(async () => {
    // Still loopback: 127.0.0.2 stands in for the room's address.
    room = await startTestCluster({ address: '127.0.0.2' });
  });
  afterAll(() => room?.stop());

  it('listens there with a certificate kubectl verifies', async () => {
    expect(room.sandbox.server).toMatch(/^https:\/\/127\.0\.0\.2:\d+$/);
    expect(await room.kubectl(['get', 'namespace', 'default', '-o', 'name'])).toEqual({ stdout: 'namespace/default', stderr: '', exitCode: 0 });
  });
});

describe('RBAC escalation: a learner who may write Roles grants nothing it lacks', () => {
  const CAL = 'system:serviceaccount:kubedojo-cal:learner';
  let calConfig: string;
  const asCal = (args: string[], input?: string) => cluster.kubectl(args, { env: { KUBECONFIG: calConfig }, input });
  beforeAll(async () => {
    const applied = await cluster.kubectl(['apply', '-f', '-'], { input: learnerManifest('cal') });
    expect(applied.exitCode, applied.stderr).toBe(0);
    const rbac = await cluster.kubectl(['create', 'role', 'rbac-writer', '-n', 'kubedojo-cal', '--verb=get,list,watch,create,update,patch,delete', '--resource=roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io']);
    expect(rbac.exitCode, rbac.stderr).toBe(0);
    await cluster.kubectl(['create', 'rolebinding', 'rbac-writer', '-n', 'kubedojo-cal', '--role=rbac-writer', '--serviceaccount=kubedojo-cal:learner']);
    const token = await cluster.kubectl(['create', 'token', 'learner', '-n', 'kubedojo-cal']);
    calConfig = writeKubeconfig('cal.yaml', token.stdout.trim(), 'kubedojo-cal');
  });

  it('a Role within its own rights is created', async () => {
    expect(await asCal(['create', 'role', 'pod-reader', '--verb=get,list', '--resource=pods'])).toEqual({ stdout: 'role.rbac.authorization.k8s.io/pod-reader created', stderr: '', exitCode: 0 });
  });

  it('a Role with more is refused with the rules it lacks', async () => {
    expect(await asCal(['create', 'role', 'secret-reader', '--verb=get,list', '--resource=secrets,pods'])).toEqual({
      stdout: '',
      stderr:
        `Error from server (Forbidden): roles.rbac.authorization.k8s.io "secret-reader" is forbidden: user "${CAL}" (groups=["system:serviceaccounts" "system:serviceaccounts:kubedojo-cal" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n` +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
      exitCode: 1,
    });
  });

  it('binding itself to admin is refused; binding to a role it covers is not', async () => {
    const refused = await asCal(['create', 'rolebinding', 'grab', '--clusterrole=admin', '--serviceaccount=kubedojo-cal:learner']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^error: failed to create rolebinding: rolebindings\\.rbac\\.authorization\\.k8s\\.io "grab" is forbidden: user "${CAL}" \\(groups=\\[.*\\]\\) is attempting to grant RBAC permissions not currently held:\\n`));
    expect(refused.stderr).toContain('{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list" "watch" "create" "delete" "deletecollection" "patch" "update"]}');
    expect(await asCal(['create', 'rolebinding', 'readers', '--role=pod-reader', '--serviceaccount=kubedojo-cal:default'])).toMatchObject({ stdout: 'rolebinding.rbac.authorization.k8s.io/readers created', exitCode: 0 });
  });
});

describe('deleting a learner namespace (workshop delete)', () => {
  it('removes it with its ServiceAccounts, Role, RoleBinding, quota and limit range; its token stops working', async () => {
    const token = (await cluster.kubectl(['create', 'token', 'learner', '-n', 'kubedojo-ben'])).stdout.trim();
    const benConfig = writeKubeconfig('ben.yaml', token, 'kubedojo-ben');
    expect(await cluster.kubectl(['get', 'pods'], { env: { KUBECONFIG: benConfig } })).toMatchObject({ exitCode: 0 });
    expect(await cluster.kubectl(['delete', 'namespace', 'kubedojo-ben', '--wait=false'])).toMatchObject({ stdout: 'namespace "kubedojo-ben" deleted', exitCode: 0 });
    await waitForState(cluster.sandbox, () => !cluster.sandbox.store.peek(NAMESPACES, undefined, 'kubedojo-ben'), 20_000, 'kubedojo-ben to be gone');
    for (const kind of ['ServiceAccount', 'ResourceQuota', 'LimitRange', 'ConfigMap']) expect(objectsOf(cluster.sandbox, kind, 'kubedojo-ben')).toEqual([]);
    expect(await cluster.kubectl(['get', 'roles,rolebindings', '-n', 'kubedojo-ben'])).toMatchObject({ stdout: '', stderr: 'No resources found in kubedojo-ben namespace.' });
    expect(await cluster.kubectl(['get', 'pods'], { env: { KUBECONFIG: benConfig } })).toMatchObject({ stderr: 'error: You must be logged in to the server (Unauthorized)', exitCode: 1 });
  });
});
