import { afterEach, describe, expect, test } from 'vitest';
import type { ServiceFetch } from '../../../src/sandbox/node/index.js';
import { isReady, pod, podOf, startNodeCluster, statusOf, T, waitForLog, type Cluster } from './harness.js';

let cluster: Cluster;
afterEach(() => cluster?.stop());

const exec = (name: string, ...argv: string[]) => cluster.node.exec('default', name, 'app', argv);

async function running(...pods: [string, string][]): Promise<void> {
  for (const [name, image] of pods) cluster.registry.create(T.pods, 'default', pod(name, { image, ...(image === 'busybox' ? { command: ['sleep', '3600'] } : {}) }));
  await cluster.waitFor('Ready', () => pods.every(([name]) => isReady(podOf(cluster, name))));
}

describe('kubectl exec', () => {
  test("env, hostname and the image's own files", async () => {
    cluster = startNodeCluster();
    cluster.registry.create(T.services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-svc' }, spec: { selector: { app: 'x' }, ports: [{ name: 'http', port: 80 }] } });
    await running(['web', 'nginx:1.27']);
    const ip = cluster.get(T.services, 'default', 'web-svc')!.spec.clusterIP;
    const env = (await exec('web', 'env')).stdout.trimEnd().split('\n');
    expect(env.slice(0, 4)).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=web', 'NGINX_VERSION=1.27.3', 'PKG_RELEASE=1~bookworm']);
    expect(env).toEqual(expect.arrayContaining([`WEB_SVC_SERVICE_HOST=${ip}`, 'WEB_SVC_SERVICE_PORT=80', 'WEB_SVC_SERVICE_PORT_HTTP=80', `WEB_SVC_PORT_80_TCP=tcp://${ip}:80`, `WEB_SVC_PORT_80_TCP_ADDR=${ip}`]));
    expect(env.at(-1)).toBe('HOME=/root');
    expect(await exec('web', 'hostname')).toEqual({ exitCode: 0, stdout: 'web\n', stderr: '' });
    const conf = await exec('web', 'cat', '/etc/nginx/conf.d/default.conf');
    // The entrypoint's 10-listen-on-ipv6-by-default.sh ran: default.conf listens on [::]:80 too.
    expect(conf.stdout).toMatch(/^server \{\n {4}listen {7}80;\n {4}listen {2}\[::\]:80;\n {4}server_name {2}localhost;\n/);
    expect(conf.stdout).toContain('        root   /usr/share/nginx/html;\n');
    expect((await exec('web', 'cat', '/usr/share/nginx/html/index.html')).stdout).toContain('<h1>Welcome to nginx!</h1>');
    expect((await exec('web', 'cat', '/etc/hosts')).stdout).toContain(`${podOf(cluster, 'web').status.podIP}\tweb\n`);
    expect(await exec('web', 'ls', '/usr/share/nginx/html')).toEqual({ exitCode: 0, stdout: '50x.html\nindex.html\n', stderr: '' });
  });

  test('errors read as the image userland prints them; what the sandbox does not run says so', async () => {
    cluster = startNodeCluster();
    await running(['deb', 'nginx:1.27'], ['bb', 'busybox']);
    expect(await exec('deb', 'cat', '/tmp/nope')).toEqual({ exitCode: 1, stdout: '', stderr: 'cat: /tmp/nope: No such file or directory\n' });
    expect(await exec('bb', 'cat', '/tmp/nope')).toEqual({ exitCode: 1, stdout: '', stderr: "cat: can't open '/tmp/nope': No such file or directory\n" });
    expect(await exec('deb', 'wget', '-qO-', 'http://localhost')).toEqual({
      exitCode: 126,
      stdout: '',
      stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "wget": executable file not found in $PATH: unknown\n',
    });
    expect(await exec('deb', 'ps', 'aux')).toEqual({ exitCode: 126, stdout: '', stderr: 'kubedojo sandbox: "ps aux" is not available in the sandbox\n' });
    expect(await exec('bb', 'sh', '-c', 'echo "$HOSTNAME" > /tmp/name && cat /tmp/name; test -f /tmp/other || echo missing')).toEqual({ exitCode: 0, stdout: 'bb\nmissing\n', stderr: '' });
    expect(await exec('bb', 'sh', '-c', 'exit 4')).toMatchObject({ exitCode: 4 });
    expect(await cluster.node.exec('default', 'bb', 'sidecar', ['true'])).toEqual({ exitCode: 1, stdout: '', stderr: 'error: unable to upgrade connection: container not found ("sidecar")\n' });
  });

  test('curl and wget: to localhost, to a Pod IP, and to a Service through the proxy fetch', async () => {
    const asked: string[] = [];
    const fetchService: ServiceFetch = async (host, port, path, options) => {
      asked.push(`${host}:${port}${path} from ${options?.from}`);
      if (host === 'nowhere') throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere'), { code: 'ENOTFOUND' });
      return { status: 200, headers: {}, body: 'from the Service\n' };
    };
    cluster = startNodeCluster({ fetchService });
    await running(['web', 'nginx:1.27'], ['bb', 'busybox']);
    const webIP = podOf(cluster, 'web').status.podIP;
    const local = await exec('web', 'curl', '-s', 'localhost');
    expect(local.exitCode).toBe(0);
    expect(local.stdout).toContain('<title>Welcome to nginx!</title>');
    expect((await exec('web', 'curl', 'http://localhost/')).stderr).toMatch(/^ {2}% Total {4}% Received/);
    expect(await exec('web', 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}\\n', 'localhost/missing')).toEqual({ exitCode: 0, stdout: '404\n', stderr: '' });
    expect((await exec('bb', 'wget', '-qO-', `http://${webIP}/`)).stdout).toContain('<h1>Welcome to nginx!</h1>');
    expect(await exec('bb', 'wget', '-qO-', `http://${webIP}:8080/`)).toEqual({ exitCode: 1, stdout: '', stderr: `wget: can't connect to remote host (${webIP}): Connection refused\n` });
    expect(await exec('bb', 'wget', '-qO-', 'web-svc')).toEqual({ exitCode: 0, stdout: 'from the Service\n', stderr: '' });
    expect(await exec('web', 'curl', '-s', 'nowhere')).toEqual({ exitCode: 6, stdout: '', stderr: 'curl: (6) Could not resolve host: nowhere\n' });
    const bbIP = podOf(cluster, 'bb').status.podIP;
    expect(asked).toEqual([`web-svc:80/ from ${bbIP}`, `nowhere:80/ from ${webIP}`]);
    // The Pod's access log shows who asked: the busybox Pod's address.
    expect(cluster.node.logSource.read('default', 'web', 'app', { previous: false, timestamps: false })).toContain(`${bbIP} - - [`);
  });

  test('without a Service proxy wired, a Service name is reported as not available', async () => {
    cluster = startNodeCluster();
    await running(['bb', 'busybox']);
    expect(await exec('bb', 'wget', '-qO-', 'web')).toEqual({ exitCode: 126, stdout: '', stderr: 'kubedojo sandbox: "wget -qO- web" is not available in the sandbox\n' });
  });

  test('nginx -s quit stops nginx gracefully; the container exits 0 and is restarted', async () => {
    cluster = startNodeCluster();
    await running(['web', 'nginx:1.25']);
    expect(await exec('web', 'nginx', '-s', 'quit')).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    await cluster.waitFor('restarted', () => statusOf(cluster, 'web').restartCount === 1);
    expect(statusOf(cluster, 'web').lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    await waitForLog(cluster, 'web', /start worker processes$/);
  });
});
