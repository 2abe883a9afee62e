/**
 * `kubectl exec` through the real kubectl 1.32: the WebSocket upgrade (v5.channel.k8s.io), the
 * stdout / stderr / error channels, exit codes, and the refusals — the node's exec replaced by a
 * scripted one, so what is tested is the protocol, not the simulated commands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../../support/kubectl.js';
import { FakeNetwork } from './fake-network.js';
import { runningPod } from './pods.js';

const DEFAULT_CONF = 'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n}\n';

let cluster: TestCluster;
const net = new FakeNetwork();
const calls: { container: string; argv: string[] }[] = [];
beforeAll(async () => {
  cluster = await startTestCluster({ network: net });
  net.exec = (namespace, pod, container, argv) => {
    calls.push({ container, argv });
    const [program, ...args] = argv;
    if (program === 'hostname') return { exitCode: 0, stdout: `${pod}\n`, stderr: '' };
    if (program === 'env') return { exitCode: 0, stdout: `PATH=/usr/local/sbin:/usr/bin\nHOSTNAME=${pod}\nNGINX_VERSION=1.25.5\n`, stderr: '' };
    if (program === 'cat' && args[0] === '/etc/nginx/conf.d/default.conf') return { exitCode: 0, stdout: DEFAULT_CONF, stderr: '' };
    if (program === 'cat') return { exitCode: 1, stdout: '', stderr: `cat: ${args[0]}: No such file or directory\n` };
    if (program === 'sh' && args[0] === '-c') return { exitCode: Number(/exit (\d+)/.exec(args[1] ?? '')?.[1] ?? 0), stdout: '', stderr: '' };
    return { exitCode: 127, stdout: '', stderr: `sh: ${program}: not found\n` };
  };
  runningPod(cluster.sandbox, { name: 'web-1', ip: '10.244.7.1' });
  runningPod(cluster.sandbox, { name: 'two', ip: '10.244.7.2', containers: ['app', 'sidecar'] });
  runningPod(cluster.sandbox, { name: 'starting', ip: '10.244.7.3', running: false });
});
afterAll(() => cluster?.stop());

describe('kubectl exec', () => {
  it('runs hostname and env in the container and prints their output', async () => {
    expect(await cluster.kubectl(['exec', 'web-1', '--', 'hostname'])).toEqual({ stdout: 'web-1', stderr: '', exitCode: 0 });
    const env = await cluster.kubectl(['exec', 'web-1', '--', 'env']);
    expect(env).toEqual({ stdout: 'PATH=/usr/local/sbin:/usr/bin\nHOSTNAME=web-1\nNGINX_VERSION=1.25.5', stderr: '', exitCode: 0 });
    expect(calls.at(-1)).toEqual({ container: 'nginx', argv: ['env'] });
  });

  it('passes every argument through, in order', async () => {
    const { stdout } = await cluster.kubectl(['exec', 'web-1', '--', 'cat', '/etc/nginx/conf.d/default.conf']);
    expect(stdout).toBe(DEFAULT_CONF.trimEnd());
    expect(calls.at(-1)!.argv).toEqual(['cat', '/etc/nginx/conf.d/default.conf']);
  });

  it("propagates the command's exit code and stderr, as kubectl prints them", async () => {
    expect(await cluster.kubectl(['exec', 'web-1', '--', 'cat', '/nope'])).toEqual({
      stdout: '',
      stderr: 'cat: /nope: No such file or directory\ncommand terminated with exit code 1',
      exitCode: 1,
    });
    expect(await cluster.kubectl(['exec', 'web-1', '--', 'sh', '-c', 'exit 3'])).toEqual({ stdout: '', stderr: 'command terminated with exit code 3', exitCode: 3 });
  });

  it('uses the default container of a two-container Pod, and the one -c names', async () => {
    const defaulted = await cluster.kubectl(['exec', 'two', '--', 'hostname']);
    expect(defaulted).toEqual({ stdout: 'two', stderr: 'Defaulted container "app" out of: app, sidecar', exitCode: 0 });
    expect(calls.at(-1)!.container).toBe('app');
    await cluster.kubectl(['exec', 'two', '-c', 'sidecar', '--', 'hostname']);
    expect(calls.at(-1)!.container).toBe('sidecar');
  });

  it('answers an interactive shell with a plain message and exit code 126', async () => {
    const before = calls.length;
    const { stdout, stderr, exitCode } = await cluster.kubectl(['exec', '-it', 'web-1', '--', 'sh']);
    expect(exitCode).toBe(126);
    // Without a terminal, kubectl drops -t and keeps -i; the message arrives on stderr.
    expect(stdout).toBe('');
    expect(stderr).toContain('an interactive shell is not available in the sandbox');
    expect(stderr).toContain('kubectl exec POD -- env');
    expect(stderr).toMatch(/command terminated with exit code 126$/);
    expect(calls.length).toBe(before);
  });

  it("reports a container that is not running as the kubelet does", async () => {
    expect(await cluster.kubectl(['exec', 'starting', '--', 'hostname'])).toEqual({
      stdout: '',
      stderr: 'error: Internal error occurred: unable to upgrade connection: container not found ("nginx")',
      exitCode: 1,
    });
  });

  it('rejects a container the Pod does not have, and a Pod that does not exist', async () => {
    const wrong = await cluster.kubectl(['exec', 'web-1', '-c', 'nope', '--', 'hostname']);
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr).toContain('container nope');
    const missing = await cluster.kubectl(['exec', 'ghost', '--', 'hostname']);
    expect(missing).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "ghost" not found', exitCode: 1 });
  });
});
