/**
 * The sandbox in a worker thread, as the app runs it (issue 9): the real kubectl reaches it through
 * the kubeconfig the thread reports, kube-proxy's Service URLs cross the thread boundary, the app's
 * event loop stays free while the sandbox creates a hundred Pods, and stop() closes its port.
 */
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, expect, test } from 'vitest';
import { startSandboxThread, type SandboxThread } from '../../../src/sandbox/worker/sandbox-thread.js';
import { KUBECTL } from '../../support/kubectl.js';

let thread: SandboxThread | undefined;
afterEach(async () => {
  await thread?.stop();
  thread = undefined;
});

function kubectlFor(kubeconfig: string) {
  const home = mkdtempSync(join(tmpdir(), 'kubedojo-test-home-'));
  const env = { KUBECONFIG: kubeconfig, HOME: home, KUBECACHEDIR: join(home, 'kubecache'), PATH: process.env.PATH ?? '/usr/bin:/bin' };
  return (...args: string[]) => execa(KUBECTL, args, { env, extendEnv: false, reject: false, timeout: 60_000 });
}

const portOf = (server: string) => Number(new URL(server).port);

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

test('kubectl works against the thread; Service URLs arrive; stop closes the port', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-thread-'));
  thread = await startSandboxThread({ speed: 50, kubeconfigPath: join(dir, 'kubeconfig') });
  expect(thread.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  expect(thread.kubeconfigPath).toBe(join(dir, 'kubeconfig'));
  const kubectl = kubectlFor(thread.kubeconfigPath);

  const url = new Promise<{ namespace: string; name: string; url: string }>((resolve) => thread!.serviceUrls.on('url', resolve));
  expect((await kubectl('create', 'deployment', 'web', '--image=nginx:1.25', '--port=80')).exitCode).toBe(0);
  expect((await kubectl('expose', 'deployment', 'web', '--type=NodePort', '--port=80')).exitCode).toBe(0);
  const announced = await url;
  expect(announced).toMatchObject({ namespace: 'default', name: 'web' });
  expect(announced.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  const port = portOf(thread.server);
  expect(await refused(port)).toBe(false);
  await thread.stop();
  expect(await refused(port)).toBe(true);
  // A second stop (every exit path calls it) is harmless.
  await thread.stop();
}, 120_000);

test("a hundred Pods starting in the sandbox cost the app's thread next to nothing", async () => {
  thread = await startSandboxThread({ speed: 200 });
  const kubectl = kubectlFor(thread.kubeconfigPath);
  const process0 = process.cpuUsage();
  const thread0 = process.threadCpuUsage();
  expect((await kubectl('create', 'deployment', 'many', '--image=nginx:1.25', '--replicas=100')).exitCode).toBe(0);
  const rolled = await kubectl('rollout', 'status', 'deployment/many', '--timeout=120s');
  expect(rolled.stdout).toContain('successfully rolled out');
  const ms = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
  const all = ms(process.cpuUsage(process0));
  const mine = ms(process.threadCpuUsage(thread0));
  // process.cpuUsage counts every thread of this process; threadCpuUsage this one. In-process,
  // the controllers and the node would run here and the two would be about equal.
  expect(mine).toBeLessThan(all / 3);
}, 150_000);
