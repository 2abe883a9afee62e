/**
 * Choosing and keeping a cluster: the sandbox when nothing local answers, the learner's own local
 * context when it does (through a pinned copy), `kubedojo check` as one listing, and a lost
 * cluster: `reconnecting` with backoff, then resuming where it was.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProgressStore } from '../../../src/engine/progress/index.js';
import { NO_LOCAL_CLUSTER_NOTICE, type TutorialSession } from '../../../src/engine/session/index.js';
import { startTestCluster, type TestCluster } from '../../support/kubectl.js';
import { kubectlHome, makeSession, waitForSnapshot } from './support.js';

const env = kubectlHome();
const dir = mkdtempSync(join(tmpdir(), 'kubedojo-connect-'));
let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ speed: 50 });
});
afterAll(() => cluster?.stop());
const open: TutorialSession[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((session) => session.close()));
});

/** A port nothing listens on (fetch refuses "bad ports" such as 1 outright, so pick a real one). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function kubeconfigFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function progressAt(lessonId: string, stepId: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'kubedojo-progress-')), 'progress.json');
  writeFileSync(path, JSON.stringify({ schemaVersion: 1, current: { lessonId, stepId }, lessons: {} }));
  return createProgressStore({ path });
}

describe('connecting', () => {
  it('falls back to the sandbox when no local cluster answers, and says so', async () => {
    const sandboxConfig = readFileSync(cluster.sandbox.kubeconfigPath, 'utf8');
    const port = await closedPort();
    const dead = kubeconfigFile('dead.yaml', sandboxConfig.replaceAll('kubedojo-sandbox', 'minikube').replace(/server: .*/, `server: https://127.0.0.1:${port}`));
    const test = makeSession(env, { kubeconfigSources: { kubeconfigEnv: dead } });
    open.push(test.session);
    await test.session.connect({ flags: { speed: 50 } });
    const snapshot = test.session.snapshot();
    expect(snapshot.cluster).toMatchObject({ context: 'kubedojo-sandbox', sandbox: true });
    expect(snapshot.notices.map((notice) => notice.text)).toContainEqual(
      `${NO_LOCAL_CLUSTER_NOTICE} (\`minikube\` is not reachable: nothing is listening at https://127.0.0.1:${port} (is the cluster started?)).`,
    );
    // Its own sandbox, not the one the kubeconfig names.
    expect(readFileSync(test.session.kubeconfigPath!, 'utf8')).not.toContain(cluster.sandbox.server);
  });

  it('refuses a named context that does not answer instead of switching clusters behind the learner', async () => {
    const sandboxConfig = readFileSync(cluster.sandbox.kubeconfigPath, 'utf8');
    const port = await closedPort();
    const dead = kubeconfigFile('dead-named.yaml', sandboxConfig.replaceAll('kubedojo-sandbox', 'kind-dev').replace(/server: .*/, `server: https://127.0.0.1:${port}`));
    const test = makeSession(env, { kubeconfigSources: { kubeconfigEnv: dead } });
    open.push(test.session);
    await expect(test.session.connect({ flags: { context: 'kind-dev' } })).rejects.toThrow(`\`kind-dev\` is not reachable: nothing is listening at https://127.0.0.1:${port}`);
    expect(test.session.snapshot().cluster.connection).toMatchObject({ state: 'lost' });
  });

  it('checkOnce lists the current step\'s kinds once and evaluates them, on the learner\'s local context', async () => {
    const store = progressAt('first-deployment', 'create');
    const test = makeSession(env, { progressStore: store, kubeconfigSources: { kubeconfigEnv: cluster.sandbox.kubeconfigPath } });
    open.push(test.session);
    const missing = await test.session.checkOnce();
    expect(missing).toMatchObject({ passed: false, lessonId: 'first-deployment', stepId: 'create' });
    expect(missing.results.map((result) => result.message)).toEqual([
      'deployment nginx-depl: not found, want it to exist',
      'deployment nginx-depl: not found',
      'deployment nginx-depl: not found',
    ]);
    // `kubedojo sandbox` in another terminal is a sandbox too, but not one this session started.
    expect(test.session.snapshot().cluster).toMatchObject({ context: 'kubedojo-sandbox', sandbox: true });
    expect(test.session.snapshot().notices.map((notice) => notice.text)).toContain(
      'Using your current context `kubedojo-sandbox` (a local cluster at ' + cluster.sandbox.server + ').',
    );

    // The learner works in their own terminal, in the namespace kubedojo prepared.
    await cluster.kubectl(['-n', 'kubedojo', 'create', 'deployment', 'nginx-depl', '--image=nginx']);
    await cluster.kubectl(['-n', 'kubedojo', 'rollout', 'status', 'deployment/nginx-depl', '--timeout=60s']);
    const done = await test.session.checkOnce();
    expect(done.passed).toBe(true);
    expect(done.results.map((result) => result.ok)).toEqual([true, true, true]);
    await test.session.close();
    expect(JSON.parse(readFileSync(store.path, 'utf8')).lessons['first-deployment'].doneSteps).toEqual(['create']);
    await cluster.kubectl(['-n', 'kubedojo', 'delete', 'deployment', 'nginx-depl']);
  });

  it('says reconnecting with a retry time when the cluster is lost, backs off, and resumes', async () => {
    // A TCP relay in front of the sandbox: closing it is a lost cluster, reopening it a cluster that is back.
    const target = new URL(cluster.sandbox.server);
    const sockets = new Set<Socket>();
    const makeRelay = (): Server =>
      createServer((client) => {
        const upstream = connect(Number(target.port), '127.0.0.1');
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
    let server = makeRelay();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const viaRelay = kubeconfigFile('relay.yaml', readFileSync(cluster.sandbox.kubeconfigPath, 'utf8').replace(/server: .*/, `server: https://127.0.0.1:${port}`));

    const test = makeSession(env, { progressStore: progressAt('first-deployment', 'create'), kubeconfigSources: { kubeconfigEnv: viaRelay } });
    open.push(test.session);
    await test.session.connect();
    await waitForSnapshot(test.session, (s) => s.cluster.connection.state === 'connected', 'connected');

    const lostAt = Date.now();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    const first = await waitForSnapshot(test.session, (s) => s.cluster.connection.state === 'reconnecting', 'reconnecting');
    expect(first.cluster.connection).toMatchObject({ state: 'reconnecting', attempt: 1 });
    const retryAt = (first.cluster.connection as { retryAt: number }).retryAt;
    expect(retryAt).toBeGreaterThanOrEqual(lostAt + 1000);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 1000);
    const second = await waitForSnapshot(test.session, (s) => s.cluster.connection.state === 'reconnecting' && s.cluster.connection.attempt === 2, 'the second attempt');
    expect((second.cluster.connection as { retryAt: number }).retryAt - retryAt).toBeGreaterThanOrEqual(2000);

    // Meanwhile the cluster changed; once it is back, the session catches up from a fresh list.
    await cluster.kubectl(['-n', 'kubedojo', 'create', 'deployment', 'nginx-depl', '--image=nginx']);
    server = makeRelay();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const resumed = await waitForSnapshot(test.session, (s) => s.cluster.connection.state === 'connected' && s.passed, 'resumed and passed', 30_000);
    expect(resumed.checks.map((check) => check.ok)).toEqual([true, true, true]);
    await test.session.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    await cluster.kubectl(['-n', 'kubedojo', 'delete', 'deployment', 'nginx-depl']);
  }, 60_000);
});
