/**
 * The sandbox keeps its state on disk (issue #8, item 13): the real kubectl sees the same objects —
 * names, uids, resourceVersions — after a restart, the Pods start again on the restarted node,
 * `fresh` starts clean, and a corrupt, symlinked or locked state never crashes the start.
 */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PODS } from '../../src/sandbox/controllers/kinds.js';
import { startTestCluster, waitForState, type TestCluster } from '../support/kubectl.js';

const clusters: TestCluster[] = [];
afterEach(async () => {
  for (const cluster of clusters.splice(0)) await cluster.stop();
});

async function start(stateDir: string, fresh = false): Promise<TestCluster> {
  const cluster = await startTestCluster({ stateDir, fresh });
  clusters.push(cluster);
  return cluster;
}

const runningPods = (cluster: TestCluster, namespace = 'default') =>
  cluster.sandbox.store.list(PODS, { namespace }).items.filter((pod) => pod.status?.phase === 'Running' && pod.status?.containerStatuses?.every((c: { ready?: boolean }) => c.ready));

const dataDir = () => join(mkdtempSync(join(tmpdir(), 'kubedojo-data-')), 'kubedojo', 'sandbox');

async function json(cluster: TestCluster, ...args: string[]): Promise<Record<string, any>> {
  const result = await cluster.kubectl([...args, '-o', 'json']);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

describe('sandbox state on disk', () => {
  it("a ServiceAccount token issued before a restart still authenticates after it (a workshop's learners keep theirs)", async () => {
    const dir = dataDir();
    const first = await start(dir);
    await first.kubectl(['create', 'serviceaccount', 'learner']);
    const token = (await first.kubectl(['create', 'token', 'learner', '--duration=12h'])).stdout.trim();
    await first.stop();
    clusters.pop();
    const second = await start(dir);
    const whoami = await second.kubectl(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}', `--token=${token}`]);
    expect(whoami).toMatchObject({ stdout: 'system:serviceaccount:default:learner', exitCode: 0 });
    // A token signed with any other key is refused.
    const forged = `${token.slice(0, token.lastIndexOf('.') + 1)}${'A'.repeat(43)}`;
    expect(await second.kubectl(['auth', 'whoami', `--token=${forged}`])).toMatchObject({ stderr: 'error: You must be logged in to the server (Unauthorized)', exitCode: 1 });
  });

  it('a restart brings back the same objects, uids and resourceVersions; the Pods run again', async () => {
    const dir = dataDir();
    const first = await start(dir);
    expect(first.sandbox.notices).toEqual([]);
    await first.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
    await first.kubectl(['expose', 'deployment', 'web', '--port=80', '--type=NodePort']);
    await first.kubectl(['create', 'configmap', 'settings', '--from-literal=mode=live']);
    await waitForState(first.sandbox, () => runningPods(first).length === 2, 30_000, 'two running Pods');
    const before = {
      deployment: await json(first, 'get', 'deployment', 'web'),
      service: await json(first, 'get', 'service', 'web'),
      configmap: await json(first, 'get', 'configmap', 'settings'),
      pods: (await json(first, 'get', 'pods')).items.map((pod: any) => `${pod.metadata.name} ${pod.metadata.uid}`).sort(),
      namespace: (await json(first, 'get', 'namespace', 'kube-system')).metadata.uid,
    };
    await first.stop();
    clusters.pop();

    // The state: 0600 in a 0700 directory, and nothing else left behind (no temp files, no lock)...
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'state.json')).mode & 0o777).toBe(0o600);
    // ...but the ServiceAccount token signing key, 0600 too, so learners' tokens survive the restart.
    expect(statSync(join(dir, 'service-account.key')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['service-account.key', 'state.json']);

    const second = await start(dir);
    expect(second.sandbox.notices.map((n) => n.text)).toEqual([expect.stringMatching(/^Restored the sandbox saved .*: 2 Pods starting again\.$/)]);
    const deployment = await json(second, 'get', 'deployment', 'web');
    // (its status moves on as the Pods start again, so its resourceVersion does too)
    const identity = (o: any) => ({ uid: o.metadata.uid, creationTimestamp: o.metadata.creationTimestamp, generation: o.metadata.generation, labels: o.metadata.labels });
    expect(identity(deployment)).toEqual(identity(before.deployment));
    expect(deployment.spec).toEqual(before.deployment.spec);
    const service = await json(second, 'get', 'service', 'web');
    expect(service.metadata.uid).toBe(before.service.metadata.uid);
    expect(service.spec.clusterIP).toBe(before.service.spec.clusterIP);
    expect(service.spec.ports[0].nodePort).toBe(before.service.spec.ports[0].nodePort);
    expect((await json(second, 'get', 'configmap', 'settings')).metadata).toEqual(before.configmap.metadata);
    expect((await json(second, 'get', 'namespace', 'kube-system')).metadata.uid).toBe(before.namespace);
    expect((await json(second, 'get', 'pods')).items.map((pod: any) => `${pod.metadata.name} ${pod.metadata.uid}`).sort()).toEqual(before.pods);

    // The restarted node runs the same Pods again, and the Service reaches them
    await waitForState(second.sandbox, () => runningPods(second).length === 2, 30_000, 'the Pods running again');
    const exec = await second.kubectl(['exec', `deploy/web`, '--', 'curl', '-s', `http://web`]);
    expect(exec.stdout).toContain('Welcome to nginx!');

    // New objects continue the resourceVersion sequence, and a new Service gets a free ClusterIP
    await second.kubectl(['create', 'service', 'clusterip', 'other', '--tcp=80:80']);
    const other = await json(second, 'get', 'service', 'other');
    expect(Number(other.metadata.resourceVersion)).toBeGreaterThan(Number(before.configmap.metadata.resourceVersion));
    expect(other.spec.clusterIP).not.toBe(service.spec.clusterIP);
  }, 120_000);

  it('fresh starts clean, and the clean cluster is what is saved next', async () => {
    const dir = dataDir();
    const first = await start(dir);
    await first.kubectl(['create', 'configmap', 'old', '--from-literal=a=1']);
    await first.stop();
    clusters.pop();

    const fresh = await start(dir, true);
    expect(fresh.sandbox.notices.map((n) => n.text)).toEqual(['Started a fresh sandbox (--fresh): the saved one was discarded.']);
    expect((await fresh.kubectl(['get', 'configmap', 'old'])).stderr).toContain('NotFound');
    await fresh.stop();
    clusters.pop();

    const after = await start(dir);
    expect((await after.kubectl(['get', 'configmap', 'old'])).exitCode).toBe(1);
    expect((await after.kubectl(['get', 'namespace', 'default'])).exitCode).toBe(0);
  }, 60_000);

  it.each([
    ['a truncated file', '{"format":"kubedojo-sandbox-state","version":1,"rev', /not JSON/],
    ['another format', '{"hello":"world"}', /not a sandbox state \(format/],
    ['an unknown type', JSON.stringify({ format: 'kubedojo-sandbox-state', version: 1, savedAt: 'x', revision: 9, objects: [{ type: 'evil/things', object: { metadata: { name: 'a', uid: 'u', resourceVersion: '1' } } }] }), /unknown resource type/],
    ['an object newer than its revision', JSON.stringify({ format: 'kubedojo-sandbox-state', version: 1, savedAt: 'x', revision: 2, objects: [{ type: '/configmaps', object: { metadata: { name: 'a', namespace: 'default', uid: 'u', resourceVersion: '7' } } }] }), /newer/],
  ])('%s is set aside with a notice, and the sandbox starts empty', async (_what, content, reason) => {
    const dir = dataDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'state.json'), content);
    const cluster = await start(dir);
    const [notice] = cluster.sandbox.notices;
    expect(notice?.level).toBe('warn');
    expect(notice?.text).toMatch(reason);
    expect(notice?.text).toMatch(/set aside as .*state\.json\.corrupt-.*Starting an empty one\.$/);
    const aside = readdirSync(dir).find((name) => name.startsWith('state.json.corrupt-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(content);
    expect((await cluster.kubectl(['get', 'namespace', 'kube-system'])).exitCode).toBe(0);
  });

  it('follows no symlink: a linked state file is set aside, its target untouched; a linked directory is not used', async () => {
    const base = mkdtempSync(join(tmpdir(), 'kubedojo-link-'));
    const target = join(base, 'elsewhere.json');
    writeFileSync(target, 'precious');
    const dir = join(base, 'sandbox');
    mkdirSync(dir, { mode: 0o700 });
    symlinkSync(target, join(dir, 'state.json'));
    const cluster = await start(dir);
    expect(cluster.sandbox.notices[0]?.text).toMatch(/a symlink \(not followed\)/);
    await cluster.kubectl(['create', 'configmap', 'x', '--from-literal=a=1']);
    await cluster.stop();
    clusters.pop();
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(lstatSync(join(dir, 'state.json')).isFile()).toBe(true);

    const linkedDir = join(base, 'linked');
    symlinkSync(dir, linkedDir);
    const other = await start(linkedDir);
    expect(other.sandbox.notices).toEqual([{ level: 'warn', text: expect.stringMatching(/^The sandbox will not be saved: .*symlink/) }]);
  }, 60_000);

  it('a second sandbox on the same state starts empty and does not write it', async () => {
    const dir = dataDir();
    const first = await start(dir);
    await first.kubectl(['create', 'configmap', 'mine', '--from-literal=a=1']);
    const second = await start(dir);
    expect(second.sandbox.notices).toEqual([{ level: 'warn', text: `Another kubedojo (pid ${process.pid}) is using the saved sandbox: this one starts empty and is not saved.` }]);
    expect((await second.kubectl(['get', 'configmap', 'mine'])).exitCode).toBe(1);
    await second.kubectl(['create', 'configmap', 'theirs', '--from-literal=a=1']);
    await second.stop();
    await first.stop();
    clusters.splice(0);
    const saved = readFileSync(join(dir, 'state.json'), 'utf8');
    expect(saved).toContain('"name":"mine"');
    expect(saved).not.toContain('"name":"theirs"');
  }, 60_000);
});
