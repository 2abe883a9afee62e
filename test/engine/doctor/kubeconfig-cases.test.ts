/** The doctor with kubeconfigs that do not lead to a working local cluster. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../cli/support/cli.js';
import type { ProbeResult } from '../../../src/engine/cluster/index.js';
import { runDoctor, type DoctorReport } from '../../../src/engine/doctor/index.js';
import { kubeconfigYaml, type FixtureContext } from '../cluster/fixtures.js';
import { closedPort, doctorEnv, fakeMinikube, makeBin, tempDir } from './doctor-env.js';

async function kubeconfigFile(contexts: FixtureContext[], current?: string): Promise<string> {
  const path = join(await tempDir(), 'config');
  await writeFile(path, kubeconfigYaml(contexts, current));
  return path;
}

function byId(report: DoctorReport) {
  return Object.fromEntries(report.checks.map((check) => [check.id, check]));
}

/** A probe that must not be called: kubedojo never contacts a cluster it would not use. */
const noProbe = async (): Promise<ProbeResult> => {
  throw new Error('the doctor contacted a cluster it should have left alone');
};

/**
 * The doctor on a kubeconfig that names non-local addresses, run inside `unshare -n` (no routes):
 * nothing can leave the machine even if the code under test dialled them.
 */
async function offlineDoctor(input: { env: Record<string, string>; flags?: { context?: string }; probe: 'forbidden' | 'unreachable' }) {
  const result = await execa('unshare', ['-n', process.execPath, '--import', 'tsx', join(REPO, 'test/engine/doctor/fixtures/doctor-offline.ts'), JSON.stringify(input)], { cwd: REPO });
  return JSON.parse(result.stdout) as { report: DoctorReport; probed: string[] };
}

describe('runDoctor with an unreachable local cluster', () => {
  it('fails the reachability check with the reason and a fix', async () => {
    // Given: the only context is minikube on a loopback port nobody listens on
    const port = await closedPort();
    const server = `https://127.0.0.1:${port}`;
    const env = await doctorEnv(await makeBin({ kubectl: true }), { KUBECONFIG: await kubeconfigFile([{ name: 'minikube', server }]) });

    const report = await runDoctor({ env, platform: 'linux', timeoutMs: 5000 });

    const checks = byId(report);
    expect(checks.kubeconfig?.status).toBe('ok');
    expect(checks.cluster).toEqual({
      id: 'cluster',
      title: 'Cluster reachable',
      status: 'fail',
      detail: `Cannot reach \`minikube\`: nothing is listening at ${server} (is the cluster started?).`,
      fix: "minikube start\nOr practise on kubedojo's built-in sandbox cluster instead: kubedojo --sandbox",
    });
    expect(checks.permissions?.status).toBe('skip');
    expect(checks['version-skew']).toMatchObject({ status: 'skip', detail: 'No cluster reached to compare with.' });
    expect(report.passed).toBe(false);
    expect(report.counts.fail).toBe(1);
  });

  it('names the cluster to start when it is not minikube', async () => {
    const port = await closedPort();
    const env = await doctorEnv(await makeBin({ kubectl: true }), {
      KUBECONFIG: await kubeconfigFile([{ name: 'kind-dojo', server: `https://127.0.0.1:${port}` }]),
    });

    const report = await runDoctor({ env, platform: 'linux' });

    expect(byId(report).cluster?.fix).toBe(
      "Start the cluster behind `kind-dojo`.\nOr practise on kubedojo's built-in sandbox cluster instead: kubedojo --sandbox",
    );
  });
});

describe('runDoctor with a remote context', () => {
  it('warns that kubedojo will use the sandbox unless the learner passes --context NAME --allow-remote', async () => {
    const env = await doctorEnv(await makeBin({ kubectl: true }), {
      KUBECONFIG: await kubeconfigFile([{ name: 'prod-eu', server: 'https://10.20.30.40:6443' }]), // only inside unshare -n (offlineDoctor)
    });

    const { report } = await offlineDoctor({ env, probe: 'forbidden' });

    const { kubeconfig, cluster, permissions } = byId(report);
    expect(kubeconfig?.status).toBe('warn');
    expect(kubeconfig?.detail).toBe(
      'Your current context `prod-eu` does not look local (its server https://10.20.30.40:6443 is not on this machine), so kubedojo ' + // only inside unshare -n (offlineDoctor)
        'leaves it alone and uses its built-in sandbox cluster. To practise on `prod-eu` anyway: --context prod-eu --allow-remote ' +
        '(kubedojo then only changes the `kubedojo` namespace there).',
    );
    expect(kubeconfig?.fix).toBe(
      'To practise on `prod-eu` anyway (kubedojo then changes only the `kubedojo` namespace):\n' +
        'kubedojo --context prod-eu --allow-remote\nOr start a local cluster: minikube start',
    );
    expect(cluster).toMatchObject({ status: 'skip', detail: 'Not needed: kubedojo will start its built-in sandbox cluster.' });
    expect(permissions?.status).toBe('skip');
    expect(report.passed).toBe(true);
  });

  it('fails when --context names a remote cluster without --allow-remote', async () => {
    const env = await doctorEnv(await makeBin({ kubectl: true }), {
      KUBECONFIG: await kubeconfigFile([{ name: 'prod-eu', server: 'https://10.20.30.40:6443' }]), // only inside unshare -n (offlineDoctor)
    });

    const { report } = await offlineDoctor({ env, flags: { context: 'prod-eu' }, probe: 'forbidden' });

    const { kubeconfig, cluster } = byId(report);
    expect(kubeconfig?.status).toBe('fail');
    expect(kubeconfig?.detail).toContain('unless you pass `--context prod-eu --allow-remote`');
    expect(cluster?.status).toBe('skip');
    expect(report.passed).toBe(false);
  });

  it('prefers a local context over a remote current one', async () => {
    // Given: current context remote, a second one local but stopped
    const port = await closedPort();
    // (minikube's private address counts once `minikube profile list` confirms it: issue #7)
    const bin = await makeBin({ kubectl: true, minikubeScript: fakeMinikube({ profiles: [{ name: 'minikube', ip: '192.168.49.2' }] }) });
    const env = await doctorEnv(bin, {
      KUBECONFIG: await kubeconfigFile([
        { name: 'prod-eu', server: 'https://10.20.30.40:6443' }, // only inside unshare -n (offlineDoctor)
        { name: 'minikube', server: `https://192.168.49.2:${port}` }, // only inside unshare -n (offlineDoctor)
      ]),
    });
    const { report, probed } = await offlineDoctor({ env, probe: 'unreachable' });

    expect(byId(report).kubeconfig).toMatchObject({ status: 'ok', detail: expect.stringContaining('kubedojo uses `minikube`') });
    expect(byId(report).cluster).toMatchObject({ status: 'fail', detail: 'Cannot reach `minikube`: stubbed.' });
    expect(probed).toEqual(['called']);
  });
});

describe('runDoctor without a kubeconfig', () => {
  it('says the built-in sandbox will be used, and checks nothing on a cluster', async () => {
    const home = await tempDir();
    const bin = await makeBin({ kubectl: true });
    const env = await doctorEnv(bin); // no KUBECONFIG

    const report = await runDoctor({ env, homeDir: home, platform: 'linux', cluster: { probe: noProbe } });

    const checks = byId(report);
    expect(checks.kubeconfig).toMatchObject({
      status: 'ok',
      detail: `No kubeconfig found (looked at ${join(home, '.kube', 'config')}): kubedojo will use its built-in sandbox cluster.`,
    });
    expect(checks.kubeconfig?.fix).toBeUndefined();
    expect(checks.cluster?.status).toBe('skip');
    expect(checks['version-skew']?.status).toBe('skip');
    expect(report.passed).toBe(true);
  });

  it('reports an unreadable kubeconfig file as a warning', async () => {
    const path = join(await tempDir(), 'config');
    await writeFile(path, 'clusters: [this is: not, valid');
    const env = await doctorEnv(await makeBin({ kubectl: true }), { KUBECONFIG: path });

    const report = await runDoctor({ env, platform: 'linux', cluster: { probe: noProbe } });

    const kubeconfig = byId(report).kubeconfig;
    expect(kubeconfig?.status).toBe('warn');
    expect(kubeconfig?.detail).toContain(`Unreadable kubeconfig: ${path}:`);
    expect(kubeconfig?.fix).toBe('Fix or remove the unreadable file: kubectl cannot read it either.');
  });

  it('turns an unexpected error on the cluster side into a failed check instead of a crash', async () => {
    const env = await doctorEnv(await makeBin({ kubectl: true }));
    const loadKubeconfig = () => {
      throw new Error('EACCES: permission denied, open /home/learner/.kube/config');
    };

    const report = await runDoctor({ env, platform: 'linux', cluster: { loadKubeconfig, probe: noProbe } });

    expect(byId(report).kubeconfig).toMatchObject({
      status: 'fail',
      detail: 'kubedojo could not check your cluster set-up: EACCES: permission denied, open /home/learner/.kube/config',
    });
    expect(byId(report).kubectl?.status).toBe('ok');
    expect(report.passed).toBe(false);
  });
});
