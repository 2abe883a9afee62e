/** kubectl and minikube detection with real processes: the real kubectl and fake minikube scripts. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveKubectl, runDoctor, type DoctorReport } from '../../../src/engine/doctor/index.js';
import { doctorEnv, fakeMinikube, makeBin, tempDir } from './doctor-env.js';

function check(report: DoctorReport, id: string) {
  return report.checks.find((c) => c.id === id);
}

/** No kubeconfig anywhere: these tests are about the tools only. */
async function toolsOnly(env: Record<string, string>, platform: NodeJS.Platform, arch = 'x64') {
  return runDoctor({ env, platform, arch, homeDir: await tempDir() });
}

const STOPPED = JSON.stringify({ Name: 'minikube', Host: 'Stopped', Kubelet: 'Stopped', APIServer: 'Stopped', Kubeconfig: 'Stopped', Worker: false });
const RUNNING = JSON.stringify({ Name: 'dojo', Host: 'Running', Kubelet: 'Running', APIServer: 'Running', Kubeconfig: 'Configured', Worker: false });

describe('kubectl missing', () => {
  it.each([
    [
      'linux',
      'x64',
      'curl -LO "https://dl.k8s.io/release/$(curl -L -s https://dl.k8s.io/release/stable.txt)/bin/linux/amd64/kubectl"\n' +
        'sudo install -o root -g root -m 0755 kubectl /usr/local/bin/kubectl',
    ],
    ['darwin', 'arm64', 'brew install kubectl'],
    ['win32', 'x64', 'winget install -e --id Kubernetes.kubectl'],
  ] as const)('fails on %s with that OS install command', async (platform, arch, fix) => {
    const env = await doctorEnv(await makeBin({}));

    const report = await toolsOnly(env, platform, arch);

    expect(check(report, 'kubectl')).toEqual({
      id: 'kubectl',
      title: 'kubectl',
      status: 'fail',
      detail: 'kubectl is not on your PATH. minikube is not installed either.',
      fix,
    });
    expect(check(report, 'version-skew')?.status).toBe('skip');
    expect(report.kubectl).toBeUndefined();
    expect(report.passed).toBe(false);
    expect(await resolveKubectl({ env, platform })).toBeUndefined();
  });

  it('fails when the kubectl on PATH does not answer, and says what it said', async () => {
    const bin = await makeBin({ kubectlScript: 'echo "error: exec format error" >&2\nexit 3' });
    const env = await doctorEnv(bin);

    const report = await toolsOnly(env, 'linux');

    expect(check(report, 'kubectl')).toMatchObject({
      status: 'fail',
      detail: `${join(bin.dir, 'kubectl')} did not answer \`kubectl version --client\`: exit 3: error: exec format error minikube is not installed either.`,
    });
  });
});

describe('minikube instead of kubectl', () => {
  it('resolves kubectl to `minikube kubectl --` and warns with the install command', async () => {
    // Given: only a minikube on PATH whose bundled kubectl answers
    const bin = await makeBin({ minikubeScript: fakeMinikube({ kubectlVersion: 'v1.31.0', status: { stdout: STOPPED, exitCode: 7 } }) });
    const env = await doctorEnv(bin);

    // When
    const prefix = await resolveKubectl({ env });
    const report = await toolsOnly(env, 'darwin');

    // Then
    expect(prefix).toEqual(['minikube', 'kubectl', '--']);
    expect(report.kubectl).toEqual(['minikube', 'kubectl', '--']);
    expect(check(report, 'kubectl')).toEqual({
      id: 'kubectl',
      title: 'kubectl',
      status: 'warn',
      detail: 'kubectl is not on your PATH. kubedojo will use `minikube kubectl --` (kubectl v1.31.0) instead.',
      fix: 'brew install kubectl',
    });
    // Issue #7: an empty kubeconfig, by flag and by environment, never the learner's.
    expect(await bin.minikubeCalls()).toEqual(expect.arrayContaining(['kubectl -- version --client -o json --kubeconfig=/dev/null', 'kubectl saw KUBECONFIG=/dev/null']));
  });

  it('fails when minikube cannot provide a kubectl either', async () => {
    const bin = await makeBin({ minikubeScript: fakeMinikube({ status: { stdout: STOPPED, exitCode: 7 } }) });
    const env = await doctorEnv(bin);

    const report = await toolsOnly(env, 'linux');

    expect(check(report, 'kubectl')).toMatchObject({
      status: 'fail',
      detail:
        'kubectl is not on your PATH. `minikube kubectl -- version --client` failed: exit 64: ' +
        'fake minikube: unexpected arguments: kubectl -- version --client -o json --kubeconfig=/dev/null',
    });
    expect(await resolveKubectl({ env })).toBeUndefined();
  });

  it('prefers kubectl from PATH when both are there', async () => {
    const bin = await makeBin({ kubectl: true, minikubeScript: fakeMinikube({ kubectlVersion: 'v1.31.0' }) });
    const env = await doctorEnv(bin);

    expect(await resolveKubectl({ env })).toEqual(['kubectl']);
    expect(await bin.minikubeCalls()).toEqual([]);
  });
});

describe('minikube status', () => {
  async function minikubeCheck(status: { stdout: string; stderr?: string; exitCode: number }) {
    const bin = await makeBin({ kubectl: true, minikubeScript: fakeMinikube({ status }) });
    const report = await toolsOnly(await doctorEnv(bin), 'linux');
    return { check: check(report, 'minikube'), calls: await bin.minikubeCalls(), report };
  }

  it('is ok when minikube runs', async () => {
    const { check: minikube, calls } = await minikubeCheck({ stdout: RUNNING, exitCode: 0 });
    expect(minikube).toEqual({ id: 'minikube', title: 'minikube', status: 'ok', detail: 'minikube (profile `dojo`) is running.' });
    expect(calls).toEqual(['status -o json']);
  });

  it('warns with `minikube start` when it is stopped (exit 7 is not an error)', async () => {
    const { check: minikube, report } = await minikubeCheck({ stdout: STOPPED, exitCode: 7 });
    expect(minikube).toMatchObject({ status: 'warn', detail: 'minikube (profile `minikube`) is stopped.', fix: 'minikube start' });
    expect(report.passed).toBe(true);
  });

  it('warns with `minikube start` when there is no cluster yet', async () => {
    const { check: minikube } = await minikubeCheck({
      stdout: '',
      stderr: '* Profile "minikube" not found. Run "minikube profile list" to view all profiles.',
      exitCode: 85,
    });
    expect(minikube).toMatchObject({ status: 'warn', detail: expect.stringContaining('has no cluster yet'), fix: 'minikube start' });
  });

  it('reads the first node of a multi-node status', async () => {
    const paused = [
      { Name: 'minikube', Host: 'Running', Kubelet: 'Stopped', APIServer: 'Paused', Kubeconfig: 'Configured', Worker: false },
      { Name: 'minikube-m02', Host: 'Running', Kubelet: 'Running', Worker: true },
    ];
    const { check: minikube } = await minikubeCheck({ stdout: JSON.stringify(paused), exitCode: 2 });
    expect(minikube).toMatchObject({ status: 'warn', detail: 'minikube (profile `minikube`) is paused.', fix: 'minikube unpause' });
  });

  it('passes on what minikube said when its answer makes no sense', async () => {
    const { check: minikube } = await minikubeCheck({ stdout: '', stderr: 'docker: Cannot connect to the Docker daemon', exitCode: 1 });
    expect(minikube).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('its state is unclear: `minikube status` exited 1: docker: Cannot connect to the Docker daemon.'),
    });
  });
});
