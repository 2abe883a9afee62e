/**
 * Issue #7, §5: `kill -9` of the app left its kubectl children running (each is detached in its
 * own process group): `get -w` stayed connected and `port-forward` kept its port. The BUILT app in
 * a real terminal (tmux), on a cluster that outlives it (`kubedojo sandbox` in its own process, as
 * minikube would: the in-app sandbox would end the children's connections by dying with the app),
 * is killed with SIGKILL while a command runs; a few seconds later no process of the app is left
 * (kubectl, and the reaper that stopped it) and the forwarded port is free again.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, NODE, runAtPrompt as run, useBuiltApp } from './support/built-app.js';
import { processesOf, writeEditor, type Pane } from './support/tmux.js';

const app = useBuiltApp({
  beforeKill: async (pane) => {
    for (const { pid } of await ours(pane)) process.kill(pid, 'SIGKILL');
  },
});

let sandbox: ResultPromise | undefined;
let sandboxKubeconfig = '';

beforeAll(async () => {
  // The cluster, in a process of its own with a home of its own (not the pane's: it is not ours to find).
  const home = mkdtempSync(join(tmpdir(), 'kubedojo-e2e-cluster-'));
  mkdirSync(join(home, 'tmp'));
  sandbox = execa(NODE, [CLI, 'sandbox', '--port', '0', '--speed', '20'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TMPDIR: join(home, 'tmp'), XDG_DATA_HOME: join(home, 'data') },
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
  });
  let text = '';
  sandboxKubeconfig = await new Promise<string>((resolve, reject) => {
    sandbox!.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /export KUBECONFIG=(\S+)\n/.exec(text);
      if (match) resolve(match[1]!);
    });
    void sandbox!.then((result) => reject(new Error(`kubedojo sandbox exited early:\n${text}${String(result.stderr)}`)));
  });
}, 180_000);

afterAll(async () => {
  sandbox?.kill('SIGTERM');
  await sandbox;
});


async function ours(pane: Pane): Promise<{ pid: number; command: string }[]> {
  return processesOf(pane.dir, await pane.ownPids());
}

/** The app, on the separate sandbox cluster (its only context, local: loopback and its own name). */
async function startApp(): Promise<Pane> {
  const pane = await app.pane();
  await pane.waitFor('e2e$');
  await pane.send(`KUBECONFIG=${sandboxKubeconfig} ${NODE} ${pane.bin} --speed 20; echo "EXIT:$?"`, 'Enter');
  await pane.waitFor((screen) => screen.includes('● connected'), 30_000);
  return pane;
}

/** An nginx Deployment `name` in the tutorial namespace, rolled out (each test its own: they share the cluster). */
async function deploy(pane: Pane, name: string): Promise<void> {
  await run(pane, `kubectl create deployment ${name} --image=nginx`);
  await pane.waitFor(`deployment.apps/${name} created`, 30_000);
  await run(pane, `kubectl rollout status deployment/${name}`);
  await pane.waitFor('successfully rolled out', 60_000);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether we can listen on 127.0.0.1:port (nobody else holds it). */
async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  const free = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (free) await new Promise((resolve) => server.close(resolve));
  return free;
}

/** Bytes `pid` has written so far (to its output and its sockets), from /proc/PID/io. */
function bytesWritten(pid: number): number {
  return Number(/^wchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);
}

/**
 * Waits until `pid` has written nothing for half a second. A kubectl still printing when its
 * parent dies is killed by SIGPIPE on its next write, with or without a fix: the test would prove
 * nothing. A quiet one (watching, forwarding, in a shell) is what used to stay behind.
 */
async function quiet(pid: number): Promise<void> {
  let last = bytesWritten(pid);
  let quietSince = Date.now();
  const deadline = Date.now() + 20_000;
  while (Date.now() - quietSince < 500) {
    if (Date.now() > deadline) throw new Error(`pid ${pid} never stopped writing`);
    await delay(50);
    const now = bytesWritten(pid);
    if (now !== last) [last, quietSince] = [now, Date.now()];
  }
}

/** SIGKILLs the app's node process, then waits (a few seconds at most) until nothing of it is left. */
async function killAppAndExpectNothingLeft(pane: Pane, child: RegExp): Promise<void> {
  const before = await ours(pane);
  const app = before.find((p) => p.command.includes(pane.bin));
  expect(app).toBeDefined();
  const kubectl = before.find((p) => child.test(p.command));
  expect(kubectl).toBeDefined();
  await quiet(kubectl!.pid);

  process.kill(app!.pid, 'SIGKILL');
  await pane.waitFor('EXIT:137', 10_000);

  const deadline = Date.now() + 6_000;
  while ((await ours(pane)).length > 0 && Date.now() < deadline) await delay(50);
  expect(await ours(pane)).toEqual([]);
}

describe('kill -9 of the app leaves no kubectl behind', () => {
  it('kubectl get pods -w', async () => {
    const pane = await startApp();
    await deploy(pane, 'watched');
    await run(pane, 'kubectl get pods -w');
    await pane.waitFor((s) => s.includes('$ kubectl get pods -w · running') && /watched-\S+ +1\/1 +Running/.test(s), 30_000);
    await killAppAndExpectNothingLeft(pane, /^kubectl get pods -w/);
  }, 120_000);

  it('kubectl port-forward: the process ends and the port is free', async () => {
    const pane = await startApp();
    await deploy(pane, 'forwarded');
    const port = await freePort();
    await run(pane, `kubectl port-forward deployment/forwarded ${port}:80`);
    await pane.waitFor(`Forwarding from 127.0.0.1:${port}`, 30_000);
    expect(await portIsFree(port)).toBe(false);

    await killAppAndExpectNothingLeft(pane, /^kubectl port-forward/);
    expect(await portIsFree(port)).toBe(true);
  }, 180_000);

  it('kubectl exec -it (it has the terminal, in the app\'s own process group)', async () => {
    const pane = await startApp();
    await deploy(pane, 'shell');
    await run(pane, 'kubectl exec -it deploy/shell -- sh');
    await pane.waitFor(/^#$/m, 20_000);

    await killAppAndExpectNothingLeft(pane, /^kubectl exec -it/);
  }, 180_000);

  it('kubectl edit, and the editor it opened (both in the app\'s own process group)', async () => {
    const pane = await startApp();
    await deploy(pane, 'edited');
    writeEditor(pane);
    writeFileSync(join(pane.dir, 'editor-hangs'), '');
    await run(pane, 'kubectl edit deployment edited');
    await pane.waitFor('editor waiting', 30_000);
    expect((await ours(pane)).map((p) => p.command)).toEqual(expect.arrayContaining(['sleep 60']));

    await killAppAndExpectNothingLeft(pane, /^kubectl edit/);
  }, 180_000);
});
