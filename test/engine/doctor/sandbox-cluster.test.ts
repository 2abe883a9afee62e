/**
 * The doctor against a REAL sandbox cluster and the real kubectl: the happy path, an injected
 * skewed server version, and a loopback context that does not look local.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { probeCluster, type ProbeResult } from '../../../src/engine/cluster/index.js';
import { formatDoctorReport, runDoctor, type DoctorReport } from '../../../src/engine/doctor/index.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { doctorEnv, makeBin, realKubectlVersion, tempDir } from './doctor-env.js';

let sandbox: Sandbox;
let clientVersion: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  clientVersion = await realKubectlVersion();
});
afterAll(async () => {
  await sandbox.stop();
});

function statuses(report: DoctorReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((check) => [check.id, check.status]));
}

function checkOf(report: DoctorReport, id: string) {
  const found = report.checks.find((check) => check.id === id);
  if (found === undefined) throw new Error(`no check ${id} in the report`);
  return found;
}

describe('runDoctor on the sandbox cluster', () => {
  it('passes everything except the missing minikube', async () => {
    // Given: the real kubectl alone on PATH and KUBECONFIG pointing at the sandbox
    const bin = await makeBin({ kubectl: true });
    const env = await doctorEnv(bin, { KUBECONFIG: sandbox.kubeconfigPath });
    const kubeconfigBefore = await readFile(sandbox.kubeconfigPath, 'utf8');

    // When
    const report = await runDoctor({ env, platform: 'linux', arch: 'x64' });

    // Then
    expect(statuses(report)).toEqual({
      kubectl: 'ok',
      'version-skew': 'ok',
      minikube: 'warn',
      kubeconfig: 'ok',
      cluster: 'ok',
      permissions: 'ok',
    });
    expect(report.checks.map((check) => check.id)).toEqual(['kubectl', 'version-skew', 'minikube', 'kubeconfig', 'cluster', 'permissions']);
    expect(report.passed).toBe(true);
    expect(report.counts).toEqual({ ok: 5, warn: 1, fail: 0, skip: 0 });
    expect(report.kubectl).toEqual(['kubectl']);
    expect(checkOf(report, 'kubectl').detail).toBe(`kubectl ${clientVersion} at ${join(bin.dir, 'kubectl')}.`);
    expect(checkOf(report, 'version-skew').detail).toBe(`kubectl ${clientVersion} and server v1.32.0 are within one minor version.`);
    expect(checkOf(report, 'minikube').fix).toBe(
      'curl -LO https://github.com/kubernetes/minikube/releases/latest/download/minikube-linux-amd64\n' +
        'sudo install minikube-linux-amd64 /usr/local/bin/minikube && rm minikube-linux-amd64',
    );
    expect(checkOf(report, 'kubeconfig').detail).toBe(`Using your current context \`kubedojo-sandbox\` (a local cluster at ${sandbox.server}).`);
    expect(checkOf(report, 'cluster').detail).toBe(`\`kubedojo-sandbox\` answers at ${sandbox.server} (Kubernetes v1.32.0).`);
    expect(checkOf(report, 'permissions').detail).toContain('in namespace `kubedojo`');
    for (const check of report.checks.filter((c) => c.status === 'ok')) expect(check.fix).toBeUndefined();
    // The learner's kubeconfig is only read.
    expect(await readFile(sandbox.kubeconfigPath, 'utf8')).toBe(kubeconfigBefore);

    // The plain-text report of a real run stays ASCII when asked to.
    const text = formatDoctorReport(report, { color: false, ascii: true });
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
    expect(text).toContain('[warn] minikube');
    expect(text).toContain('5 ok, 1 warning, 0 failed, 0 skipped');
  });

  it('warns about a server more than one minor version away, with the exact versions', async () => {
    // Given: the real sandbox, whose reported version is bent three minors below this kubectl's
    const bin = await makeBin({ kubectl: true });
    const env = await doctorEnv(bin, { KUBECONFIG: sandbox.kubeconfigPath });
    const minor = Number(/^v1\.(\d+)/.exec(clientVersion)?.[1]);
    const skewed = `v1.${minor - 3}.7`;
    const pinned: string[] = [];
    const probe = async (path: string, timeoutMs: number): Promise<ProbeResult> => {
      pinned.push(await readFile(path, 'utf8'), path);
      const real = await probeCluster(path, timeoutMs);
      return real.reachable ? { ...real, version: skewed } : real;
    };

    const report = await runDoctor({ env, platform: 'linux', arch: 'arm64', cluster: { probe } });

    const skew = checkOf(report, 'version-skew');
    expect(skew.status).toBe('warn');
    expect(skew.detail).toBe(
      `kubectl ${clientVersion} and server ${skewed} are 3 minor versions apart; kubectl supports one minor version ` +
        `either side of the server (kubectl 1.${minor - 4} to 1.${minor - 2} here). Some commands may fail or behave differently.`,
    );
    expect(skew.fix).toBe(
      `Install kubectl ${skewed}, the server's version:\n` +
        `curl -LO "https://dl.k8s.io/release/${skewed}/bin/linux/arm64/kubectl"\n` +
        'sudo install -o root -g root -m 0755 kubectl /usr/local/bin/kubectl',
    );
    expect(checkOf(report, 'cluster').detail).toContain(`(Kubernetes ${skewed})`);
    expect(report.passed).toBe(true);
    // The cluster was asked through a throw-away copy pinned to the tutorial namespace.
    const [pinnedText, pinnedPath] = pinned;
    expect(pinnedPath).not.toBe(sandbox.kubeconfigPath);
    expect(parse(pinnedText!)).toMatchObject({ 'current-context': 'kubedojo-sandbox', contexts: [{ context: { namespace: 'kubedojo' } }] });
    expect(existsSync(pinnedPath!)).toBe(false);
  });

  it('leaves a loopback context alone when its name is not a local tool, and uses it with --allow-remote', async () => {
    // Given: the sandbox's kubeconfig with its context renamed: loopback could be an SSH tunnel
    const config = parse(await readFile(sandbox.kubeconfigPath, 'utf8')) as {
      contexts: { name: string }[];
      'current-context': string;
      clusters: { name: string }[];
      users: { name: string }[];
    };
    config.contexts[0]!.name = 'staging';
    config['current-context'] = 'staging';
    config.clusters[0]!.name = 'staging';
    (config.contexts[0] as unknown as { context: { cluster: string } }).context.cluster = 'staging';
    const kubeconfig = join(await tempDir(), 'config');
    await writeFile(kubeconfig, stringify(config));
    const bin = await makeBin({ kubectl: true });
    const env = await doctorEnv(bin, { KUBECONFIG: kubeconfig });
    const probed: string[] = [];
    const probe = async (path: string, timeoutMs: number): Promise<ProbeResult> => {
      probed.push(path);
      return probeCluster(path, timeoutMs);
    };

    // When: no flags
    const refused = await runDoctor({ env, platform: 'darwin', cluster: { probe } });

    // Then: warned with the way out, and the cluster was never contacted
    const context = checkOf(refused, 'kubeconfig');
    expect(context.status).toBe('warn');
    expect(context.detail).toContain('`staging` does not look local');
    expect(context.detail).toContain('--context staging --allow-remote');
    expect(context.fix).toContain('kubedojo --context staging --allow-remote');
    expect(statuses(refused)).toMatchObject({ cluster: 'skip', permissions: 'skip', 'version-skew': 'skip' });
    expect(probed).toEqual([]);

    // When: the learner names it and allows it
    const allowed = await runDoctor({ env, platform: 'darwin', flags: { context: 'staging', allowRemote: true }, cluster: { probe } });

    // Then: used with a warning, and its permissions are checked through real access reviews
    expect(statuses(allowed)).toMatchObject({ kubeconfig: 'warn', cluster: 'ok', permissions: 'ok' });
    expect(checkOf(allowed, 'kubeconfig').detail).toContain('because you passed --allow-remote');
    expect(probed).toHaveLength(1);
  });
});

