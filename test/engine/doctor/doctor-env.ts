/**
 * Test set-ups for the doctor: a bin folder holding exactly the tools a test wants (the real
 * kubectl, fake minikube scripts), an environment whose PATH is only that folder, and temp dirs
 * that are removed after each test.
 */
import { chmod, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { KUBECTL } from '../../support/kubectl.js';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

export async function tempDir(prefix = 'kubedojo-doctor-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export interface BinOptions {
  /** Link the real kubectl (default false). */
  kubectl?: boolean;
  /** A shell script body for `kubectl` instead of the real one. */
  kubectlScript?: string;
  /** A shell script body for `minikube`. */
  minikubeScript?: string;
}

export interface TestBin {
  dir: string;
  /** The argument lines the fake minikube was called with (see {@link fakeMinikube}). */
  minikubeCalls(): Promise<string[]>;
}

export async function makeBin(options: BinOptions): Promise<TestBin> {
  const dir = await tempDir('kubedojo-doctor-bin-');
  if (options.kubectl) await symlink(KUBECTL, join(dir, 'kubectl'));
  if (options.kubectlScript !== undefined) await script(join(dir, 'kubectl'), options.kubectlScript);
  if (options.minikubeScript !== undefined) await script(join(dir, 'minikube'), options.minikubeScript);
  return {
    dir,
    async minikubeCalls() {
      const log = await readFile(join(dir, 'minikube.log'), 'utf8').catch(() => '');
      return log.split('\n').filter((line) => line !== '');
    },
  };
}

async function script(path: string, body: string): Promise<void> {
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
}

export interface FakeMinikube {
  /** Client version its `minikube kubectl -- version --client -o json` reports; undefined: that fails. */
  kubectlVersion?: string;
  /** What `minikube status -o json` prints and its exit code. */
  status?: { stdout: string; stderr?: string; exitCode: number };
  /** Profiles its `minikube profile list -o json` lists (its real shape), each with one node. */
  profiles?: { name: string; ip: string }[];
}

/** A minikube script that logs its arguments to `minikube.log` next to it (builtins only: PATH has no coreutils). */
export function fakeMinikube({ kubectlVersion, status, profiles }: FakeMinikube): string {
  const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
  const lines = ['echo "$*" >> "$0.log"'];
  if (kubectlVersion !== undefined) {
    const json = JSON.stringify({ clientVersion: { major: '1', minor: '31', gitVersion: kubectlVersion }, kustomizeVersion: 'v5.4.2' });
    lines.push(`if [ "$1 $2 $3 $4 $5 $6 $7" = "kubectl -- version --client -o json --kubeconfig=/dev/null" ]; then echo "kubectl saw KUBECONFIG=$KUBECONFIG" >> "$0.log"; printf '%s\\n' ${quote(json)}; exit 0; fi`);
  }
  if (status !== undefined) {
    lines.push(
      `if [ "$1 $2 $3" = "status -o json" ]; then printf '%s\\n' ${quote(status.stdout)}; printf '%s\\n' ${quote(status.stderr ?? '')} >&2; exit ${status.exitCode}; fi`,
    );
  }
  if (profiles !== undefined) {
    const json = JSON.stringify({
      invalid: [],
      valid: profiles.map(({ name, ip }) => ({ Name: name, Status: 'OK', Config: { Name: name, Nodes: [{ Name: '', IP: ip, Port: 8443, ControlPlane: true, Worker: true }] }, Active: false, ActiveKubeContext: true })),
    });
    lines.push(`if [ "$*" = "profile list -o json" ]; then printf '%s\\n' ${quote(json)}; exit 0; fi`);
  }
  lines.push('echo "fake minikube: unexpected arguments: $*" >&2', 'exit 64');
  return lines.join('\n');
}

/** An environment with nothing but the test bin on PATH and a fresh HOME / kubectl cache. */
export async function doctorEnv(bin: TestBin, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const home = await tempDir('kubedojo-doctor-home-');
  return { PATH: bin.dir, HOME: home, KUBECACHEDIR: join(home, 'kubecache'), ...extra };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The real kubectl's client version, so expectations follow whatever kubectl the machine has. */
export async function realKubectlVersion(): Promise<string> {
  const { execa } = await import('execa');
  const home = await tempDir('kubedojo-doctor-home-');
  const result = await execa(KUBECTL, ['version', '--client', '-o', 'json'], {
    env: { HOME: home, KUBECACHEDIR: join(home, 'kubecache'), PATH: '/usr/bin:/bin' },
    extendEnv: false,
  });
  return (JSON.parse(result.stdout) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion;
}
