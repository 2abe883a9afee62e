/**
 * Issue #7, §5: a private address counts as local only when the tool that owns it confirms it.
 * The tools here are fake `minikube`, `kind` and `k3d` executables in a temp dir on PATH, run for
 * real (createExecaToolRunner), printing what those tools print (minikube: its Go structs without
 * JSON tags, `{"invalid":[],"valid":[…]}`; kind: one name a line; k3d: an array with lower-case
 * tags and a node's `"IP":{"IP":…}`). Nothing here dials a cluster: deciding is local.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseContext, chooseContextConfirmed } from '../../../src/engine/cluster/choose-context.js';
import { classifyContext } from '../../../src/engine/cluster/context-classifier.js';
import { createExecaToolRunner } from '../../../src/engine/cluster/execa-tool-runner.js';
import { kubeconfigOf, type FixtureContext } from './fixtures.js';

/** A PATH holding only the given fake tools (shell scripts) and what sh needs. */
function fakeTools(tools: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-tools-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const [name, script] of Object.entries(tools)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return `${bin}:/usr/bin:/bin`;
}

/** Prints `text` when called with exactly `args`, else fails like an unknown command. */
const answering = (args: string, text: string) =>
  `if [ "$*" = "${args}" ]; then cat <<'JSON'\n${text}\nJSON\nexit 0; fi\necho "unexpected: $*" >&2; exit 64`;

const minikubeProfiles = (profiles: { name: string; ip: string }[]) =>
  JSON.stringify({
    invalid: [],
    valid: profiles.map(({ name, ip }) => ({
      Name: name,
      Status: 'OK',
      Config: {
        Name: name,
        Driver: 'docker',
        KubernetesConfig: { KubernetesVersion: 'v1.32.0', ClusterName: name },
        Nodes: [{ Name: '', IP: ip, Port: 8443, KubernetesVersion: 'v1.32.0', ContainerRuntime: 'docker', ControlPlane: true, Worker: true }],
      },
      Active: false,
      ActiveKubeContext: true,
    })),
  });

const k3dClusters = (clusters: { name: string; ip: string }[]) =>
  JSON.stringify(
    clusters.map(({ name, ip }) => ({
      name,
      network: { name: `k3d-${name}`, ID: '', External: false, IPAM: { IPPrefix: '172.18.0.0/16', IPsUsed: null, Managed: false }, Members: null },
      token: 'secret',
      nodes: [
        { name: `k3d-${name}-server-0`, role: 'server', IP: { IP: ip, Static: false }, State: { Running: true, Status: 'running', Started: '' } },
        { name: `k3d-${name}-serverlb`, role: 'loadbalancer', IP: { IP: '172.18.0.9', Static: false }, State: { Running: true, Status: 'running', Started: '' } },
      ],
      serversCount: 1,
      serversRunning: 1,
      agentsCount: 0,
      agentsRunning: 0,
      hasLoadbalancer: true,
    })),
  );

async function decide(contexts: FixtureContext[], name: string, path: string) {
  return chooseContextConfirmed({
    kubeconfig: kubeconfigOf(contexts, name),
    flags: { context: name },
    tools: createExecaToolRunner({ env: { PATH: path } }),
  });
}

const minikube = { name: 'minikube', server: 'https://192.168.49.2:8443' }; // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
const kindProd = { name: 'kind-prod', server: 'https://172.31.4.5:6443' }; // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)

describe('a private address is local only when its tool confirms it', () => {
  it('allows minikube at 192.168.49.2 when `minikube profile list -o json` has that profile at that IP', async () => {
    const path = fakeTools({ minikube: answering('profile list -o json', minikubeProfiles([{ name: 'minikube', ip: '192.168.49.2' }])) });
    const decision = await decide([minikube], 'minikube', path);
    expect(decision).toMatchObject({ kind: 'use', remote: false, context: { name: 'minikube', local: true } });
    expect(decision.message).toContain('confirmed by `minikube profile list -o json`');
  });

  it('allows a second minikube profile on a VM network (192.168.59.x)', async () => {
    const path = fakeTools({ minikube: answering('profile list -o json', minikubeProfiles([{ name: 'minikube', ip: '192.168.49.2' }, { name: 'vbox', ip: '192.168.59.101' }])) });
    expect(await decide([{ name: 'vbox', cluster: 'minikube-vbox', server: 'https://192.168.59.101:8443' }], 'vbox', path)).toMatchObject({ kind: 'refused' }); // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
    // minikube names the context after the profile: `minikube-lab`
    const lab = await decide([{ name: 'minikube-lab', server: 'https://192.168.59.101:8443' }], 'minikube-lab', fakeTools({ // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
      minikube: answering('profile list -o json', minikubeProfiles([{ name: 'minikube-lab', ip: '192.168.59.101' }])),
    }));
    expect(lab).toMatchObject({ kind: 'use', remote: false });
  });

  it('refuses minikube at an address its profile does not have', async () => {
    const path = fakeTools({ minikube: answering('profile list -o json', minikubeProfiles([{ name: 'minikube', ip: '192.168.49.2' }])) });
    const decision = await decide([{ name: 'minikube', server: 'https://192.168.10.20:8443' }], 'minikube', path); // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
    expect(decision.kind).toBe('refused');
    expect(decision.message).toContain("minikube's profile `minikube` is at 192.168.49.2, not 192.168.10.20");
    expect(decision.message).toContain('--context minikube --allow-remote');
  });

  it('REFUSES `kind-prod` at 172.31.4.5 when kind has no cluster `prod`, and says how to proceed', async () => {
    const path = fakeTools({ kind: answering('get clusters', 'kind\nworkshop') });
    const decision = await decide([kindProd], 'kind-prod', path);
    expect(decision).toEqual({
      kind: 'refused',
      message:
        '`kind-prod` does not look like a local cluster: its server https://172.31.4.5:6443 is a private address, and kind has no ' + // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
        'cluster `prod` (`kind get clusters`: kind, workshop). kubedojo only practises on local clusters unless you pass ' +
        '`--context kind-prod --allow-remote`.',
    });
  });

  it('allows `kind-dev` at a Docker network address when `kind get clusters` lists dev', async () => {
    const path = fakeTools({ kind: answering('get clusters', 'dev') });
    expect(await decide([{ name: 'kind-dev', server: 'https://172.18.0.2:6443' }], 'kind-dev', path)).toMatchObject({ kind: 'use', remote: false }); // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
  });

  it('allows a k3d cluster at one of its nodes, refuses it elsewhere', async () => {
    const path = fakeTools({ k3d: answering('cluster list -o json', k3dClusters([{ name: 'dev', ip: '172.18.0.3' }])) });
    expect(await decide([{ name: 'k3d-dev', server: 'https://172.18.0.3:6443' }], 'k3d-dev', path)).toMatchObject({ kind: 'use', remote: false }); // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
    const elsewhere = await decide([{ name: 'k3d-dev', server: 'https://172.20.0.3:6443' }], 'k3d-dev', path); // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
    expect(elsewhere.kind).toBe('refused');
    expect(elsewhere.message).toContain("k3d's cluster `dev` is at 172.18.0.3, 172.18.0.9, not 172.20.0.3");
  });

  it.each([
    ['minikube', minikube],
    ['kind', kindProd],
    ['k3d', { name: 'k3d-dev', server: 'https://172.18.0.3:6443' }], // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
  ])('refuses when `%s` is not installed, with a message that says how to proceed', async (tool, context) => {
    const decision = await decide([context], context.name, fakeTools({}));
    expect(decision.kind).toBe('refused');
    expect(decision.message).toContain(`\`${tool}\` is not installed (not on your PATH)`);
    expect(decision.message).toContain(`install ${tool} (or fix your PATH)`);
    expect(decision.message).toContain(`--context ${context.name} --allow-remote`);
  });

  it('refuses when the tool fails or prints something else', async () => {
    const failing = await decide([minikube], 'minikube', fakeTools({ minikube: 'echo "docker: not running" >&2; exit 85' }));
    expect(failing.message).toContain('`minikube profile list -o json` failed (exit 85)');
    const garbage = await decide([minikube], 'minikube', fakeTools({ minikube: 'echo "|-------|"' }));
    expect(garbage.message).toContain('printed something kubedojo cannot read');
  });

  it('without asking any tool, a private address is not local (and loopback still is)', () => {
    const kubeconfig = kubeconfigOf([minikube, kindProd, { name: 'kind-kind', server: 'https://127.0.0.1:40123' }], 'minikube');
    expect(classifyContext(kubeconfig, 'minikube')).toMatchObject({ local: false, needsConfirmation: true });
    expect(classifyContext(kubeconfig, 'kind-kind')).toMatchObject({ local: true, needsConfirmation: false });
    expect(chooseContext({ kubeconfig })).toMatchObject({ kind: 'use', context: { name: 'kind-kind' } });
  });

  it('--allow-remote uses an unconfirmed private context without asking (as a remote one)', async () => {
    const decision = await chooseContextConfirmed({
      kubeconfig: kubeconfigOf([kindProd]),
      flags: { context: 'kind-prod', allowRemote: true },
      tools: { run: () => Promise.reject(new Error('no tool may run')) },
    });
    expect(decision).toMatchObject({ kind: 'use', remote: true });
  });

  it('without --context, skips an unconfirmed private current context for a confirmed local one', async () => {
    const path = fakeTools({ kind: answering('get clusters', 'dev'), minikube: answering('profile list -o json', minikubeProfiles([{ name: 'minikube', ip: '192.168.49.2' }])) });
    const decision = await chooseContextConfirmed({ kubeconfig: kubeconfigOf([kindProd, minikube], 'kind-prod'), tools: createExecaToolRunner({ env: { PATH: path } }) });
    expect(decision).toMatchObject({ kind: 'use', context: { name: 'minikube' } });
    expect(decision.message).toContain('`kind-prod` does not look local');
  });
});
