/**
 * Where the sandbox differed from a real kube-apiserver (issue #7, section 4), and how the container
 * logs are served (section 3): each checked through the real kubectl where it can say it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, startTestCluster, type TestCluster } from '../../support/kubectl.js';
import { MAX_LOG_BYTES } from '../../../src/sandbox/node/container-logs.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(() => cluster?.stop());

describe('namespace lifecycle', () => {
  it('default, kube-system and kube-public may not be deleted', async () => {
    for (const name of ['kube-system', 'default', 'kube-public']) {
      const result = await cluster.kubectl(['delete', 'namespace', name]);
      expect(result.stderr).toBe(`Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted`);
      expect(result.exitCode).toBe(1);
    }
  });

  it('`delete ns --all` deletes the others and leaves the system namespaces standing', async () => {
    await cluster.kubectl(['create', 'namespace', 'scratch']);
    const result = await cluster.kubectl(['delete', 'ns', '--all', '--wait=false']);
    expect(result.stdout).toContain('namespace "scratch" deleted');
    expect(result.stderr).toContain('namespaces "kube-system" is forbidden: this namespace may not be deleted');
    const left = await cluster.kubectl(['get', 'ns', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.phase} {end}']);
    for (const name of ['default', 'kube-system', 'kube-public']) expect(left.stdout).toContain(`${name}=Active`);
  });
});

describe('updates that change nothing', () => {
  it('a patch that changes nothing prints (no change) and keeps the resourceVersion', async () => {
    await cluster.kubectl(['create', 'configmap', 'same', '--from-literal=a=b']);
    const rv = async () => (await cluster.kubectl(['get', 'cm', 'same', '-o', 'jsonpath={.metadata.resourceVersion}'])).stdout;
    const before = await rv();
    const patched = await cluster.kubectl(['patch', 'cm', 'same', '-p', '{"data":{"a":"b"}}']);
    expect(patched).toMatchObject({ stdout: 'configmap/same patched (no change)', exitCode: 0 });
    expect(await rv()).toBe(before);
    const changed = await cluster.kubectl(['patch', 'cm', 'same', '-p', '{"data":{"a":"c"}}']);
    expect(changed.stdout).toBe('configmap/same patched');
    expect(await rv()).not.toBe(before);
  });

  it('scaling to the current replica count does not write the Deployment', async () => {
    await cluster.kubectl(['create', 'deployment', 'steady', '--image=nginx', '--replicas=2']);
    expect((await cluster.kubectl(['rollout', 'status', 'deployment/steady', '--timeout=30s'])).exitCode).toBe(0);
    const rv = async () => (await cluster.kubectl(['get', 'deployment', 'steady', '-o', 'jsonpath={.metadata.resourceVersion}'])).stdout;
    const before = await rv();
    expect((await cluster.kubectl(['scale', 'deployment', 'steady', '--replicas=2'])).stdout).toBe('deployment.apps/steady scaled');
    expect(await rv()).toBe(before);
  });
});

describe('update preconditions', () => {
  const stale = async (change: (cm: Record<string, any>) => void) => {
    const cm = JSON.parse((await cluster.kubectl(['get', 'cm', 'same', '-o', 'json'])).stdout);
    await cluster.kubectl(['annotate', 'cm', 'same', `touch=${Date.now()}`, '--overwrite']);
    change(cm);
    return cm;
  };

  it('a stale resourceVersion with an invalid change is a 409 Conflict, not a 422', async () => {
    const cm = await stale((o) => (o.metadata.labels = { 'bad label!': 'x' }));
    const result = await cluster.kubectl(['replace', '-f', '-'], { input: JSON.stringify(cm) });
    expect(result.stderr).toBe(
      'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on configmaps "same": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('resourceVersion "0" on an update means unconditional', async () => {
    const cm = await stale((o) => {
      o.metadata.resourceVersion = '0';
      o.data = { a: 'zero' };
    });
    const res = await apiRequest(cluster.sandbox, '/api/v1/namespaces/default/configmaps/same', { method: 'PUT', body: JSON.stringify(cm) });
    expect(res.status).toBe(200);
    expect(res.json<{ data: Record<string, string> }>().data).toEqual({ a: 'zero' });
  });

  it('a current resourceVersion with an invalid change is still a 422', async () => {
    const cm = JSON.parse((await cluster.kubectl(['get', 'cm', 'same', '-o', 'json'])).stdout);
    cm.metadata.labels = { 'bad label!': 'x' };
    const result = await cluster.kubectl(['replace', '-f', '-'], { input: JSON.stringify(cm) });
    expect(result.stderr).toMatch(/^The ConfigMap "same" is invalid: metadata.labels: Invalid value: "bad label!"/);
  });
});

describe('container logs', () => {
  it('a big log is capped by bytes, and --limit-bytes, --tail and --since are honoured', async () => {
    // Given a container that writes without end (the log passes its cap within a second or two).
    const line = 'x'.repeat(200);
    await cluster.kubectl(['run', 'loud', '--image=busybox', '--', 'sh', '-c', `while true; do echo ${line}; done`]);
    const pod = 'loud';
    const full = 0.75 * MAX_LOG_BYTES;
    const deadline = Date.now() + 60_000;
    while ((await cluster.kubectl(['logs', pod, '--tail=-1'])).stdout.length < full) {
      expect(Date.now(), 'the log never filled').toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Whatever the container writes from here on, the log stays within its cap.
    await new Promise((r) => setTimeout(r, 1000));
    const whole = await cluster.kubectl(['logs', pod]);
    expect(whole.exitCode).toBe(0);
    expect(Buffer.byteLength(whole.stdout)).toBeLessThanOrEqual(MAX_LOG_BYTES);
    expect(whole.stdout.split('\n').length).toBeGreaterThan(500);

    const limited = await cluster.kubectl(['logs', pod, '--limit-bytes=1000']);
    expect(Buffer.byteLength(limited.stdout)).toBeLessThanOrEqual(1000);
    expect(limited.stdout).toMatch(new RegExp(`^(${line}\n)+x*$`));

    const tail = await cluster.kubectl(['logs', pod, '--tail=3']);
    expect(tail.stdout).toBe([line, line, line].join('\n'));

    const since = await cluster.kubectl(['logs', pod, '--since=1h', '--limit-bytes=5000']);
    expect(since.stdout).toMatch(new RegExp(`^(${line}\n)+x*$`));
    const sinceTime = await cluster.kubectl(['logs', pod, `--since-time=${new Date(Date.now() + 60_000).toISOString()}`]);
    expect(sinceTime).toMatchObject({ stdout: '', exitCode: 0 });
  }, 180_000);
});
