/**
 * Issue #7, §5, through the command line: a context at a private address is used only when its
 * tool confirms it. `kubedojo` could dial those addresses (old versions did: `kind-prod` at
 * 172.31.x.x counted as local), so every run here is inside `unshare -n`, a network namespace of
 * its own with no route anywhere: nothing leaves the machine whatever the code does (we are root).
 * The tools are fake `minikube` / `kind` scripts on PATH printing what the real ones print.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { kubeconfigYaml, type FixtureContext } from '../engine/cluster/fixtures.js';
import { cliHome, REPO, type CliHome } from './support/cli.js';

/** A home whose KUBECONFIG holds `contexts` and whose PATH starts with the fake `tools`. */
function homeWith(contexts: FixtureContext[], tools: Record<string, string>): CliHome {
  const home = cliHome();
  const bin = join(home.dir, 'tools');
  mkdirSync(bin);
  for (const [name, script] of Object.entries(tools)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const kubeconfig = join(home.dir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigYaml(contexts));
  // No other minikube/kind/k3d the machine may have: only the fake ones, kubectl, node and sh.
  home.env.PATH = `${bin}:/usr/bin:/bin`;
  home.env.KUBECONFIG = kubeconfig;
  return home;
}

/** `kubedojo ARGS` in a network namespace of its own (no interface up: every dial fails at once). */
async function offline(home: CliHome, args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const result = await execa('unshare', ['-n', process.execPath, '--import', 'tsx', join(REPO, 'src/cli/main.ts'), ...args], {
    cwd: REPO,
    env: home.env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: 120_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1 };
}

const kindProd = { name: 'kind-prod', server: 'https://172.31.4.5:6443' }; // every run in this file is inside unshare -n
const minikube = { name: 'minikube', server: 'https://192.168.49.2:8443' }; // every run in this file is inside unshare -n
const minikubeProfileList = JSON.stringify({
  invalid: [],
  valid: [{ Name: 'minikube', Status: 'OK', Config: { Name: 'minikube', Nodes: [{ Name: '', IP: '192.168.49.2', Port: 8443, ControlPlane: true, Worker: true }] }, Active: true, ActiveKubeContext: true }],
});

describe('contexts at a private address, offline (unshare -n)', () => {
  it('refuses `kubedojo --context kind-prod` at 172.31.4.5 when kind has no such cluster', async () => {
    const home = homeWith([kindProd], { kind: `[ "$*" = "get clusters" ] && echo kind && exit 0; exit 64` });
    const result = await offline(home, ['--context', 'kind-prod']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('`kind-prod` does not look like a local cluster: its server https://172.31.4.5:6443 is a private address, and kind has no cluster `prod`'); // every run in this file is inside unshare -n
    expect(result.stderr).toContain('--context kind-prod --allow-remote');
  });

  it('refuses it when kind is not installed, and says how to proceed', async () => {
    const home = homeWith([kindProd], {});
    const result = await offline(home, ['--context', 'kind-prod']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('`kind` is not installed (not on your PATH)');
    expect(result.stderr).toContain('install kind (or fix your PATH) if it is one');
    expect(result.stderr).toContain('--context kind-prod --allow-remote');
  });

  it('doctor: minikube at 192.168.49.2, confirmed by `minikube profile list`, is the cluster it examines', async () => {
    const home = homeWith([minikube], {
      minikube: `if [ "$*" = "profile list -o json" ]; then printf '%s\\n' '${minikubeProfileList}'; exit 0; fi; exit 64`,
    });
    const result = await offline(home, ['doctor', '--context', 'minikube']);
    expect(result.stdout).toContain('Using `minikube` (a local cluster at https://192.168.49.2:8443, confirmed by `minikube profile list -o json`)'); // every run in this file is inside unshare -n
    // It then tried to reach it, and could not: there is no network in here.
    expect(result.stdout).toMatch(/Cannot reach `minikube`/);
  });
});
