import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kubeconfigFiles, loadUserKubeconfig } from '../../../src/engine/cluster/kubeconfig-loader.js';
import { writePinnedKubeconfig } from '../../../src/engine/cluster/pinned-kubeconfig.js';
import { kubeconfigYaml } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubedojo-kubeconfig-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha = async (path: string): Promise<string> => createHash('sha256').update(await readFile(path)).digest('hex');

describe('kubeconfigFiles', () => {
  it('uses the KUBECONFIG list, without empty entries or repeats', () => {
    expect(kubeconfigFiles({ kubeconfigEnv: ['/a', '', '/b', '/a'].join(delimiter) })).toEqual(['/a', '/b']);
  });

  it('falls back to ~/.kube/config', () => {
    expect(kubeconfigFiles({ kubeconfigEnv: undefined, homeDir: '/home/me' })).toEqual(['/home/me/.kube/config']);
    expect(kubeconfigFiles({ kubeconfigEnv: '', homeDir: '/home/me' })).toEqual(['/home/me/.kube/config']);
  });
});

describe('loadUserKubeconfig', () => {
  it('reads ~/.kube/config from the given home', async () => {
    await mkdir(join(dir, '.kube'));
    await writeFile(join(dir, '.kube', 'config'), kubeconfigYaml([{ name: 'minikube', server: 'https://127.0.0.1:1' }]));
    const loaded = loadUserKubeconfig({ kubeconfigEnv: undefined, homeDir: dir });
    expect(loaded.files).toEqual([join(dir, '.kube', 'config')]);
    expect(loaded.kubeconfig.getContexts().map((c) => c.name)).toEqual(['minikube']);
  });

  it('merges a KUBECONFIG list like kubectl: first definition and first current-context win', async () => {
    const first = join(dir, 'first.yaml');
    const second = join(dir, 'second.yaml');
    await writeFile(first, kubeconfigYaml([{ name: 'kind-a', server: 'https://127.0.0.1:1' }], 'kind-a'));
    await writeFile(second, kubeconfigYaml([
      { name: 'kind-a', server: 'https://evil.example.com' },
      { name: 'minikube', server: 'https://192.168.49.2:8443' }, // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
    ], 'minikube'));
    const loaded = loadUserKubeconfig({ kubeconfigEnv: [first, join(dir, 'missing.yaml'), second].join(delimiter) });
    expect(loaded.files).toEqual([first, second]);
    expect(loaded.kubeconfig.getCurrentContext()).toBe('kind-a');
    expect(loaded.kubeconfig.getContexts().map((c) => c.name)).toEqual(['kind-a', 'minikube']);
    expect(loaded.kubeconfig.getCluster('kind-a')?.server).toBe('https://127.0.0.1:1');
  });

  it('reports a file it cannot parse and keeps the others', async () => {
    const good = join(dir, 'good.yaml');
    const bad = join(dir, 'bad.yaml');
    await writeFile(good, kubeconfigYaml([{ name: 'minikube', server: 'https://127.0.0.1:1' }]));
    await writeFile(bad, 'clusters: [ {');
    const loaded = loadUserKubeconfig({ kubeconfigEnv: [bad, good].join(delimiter) });
    expect(loaded.files).toEqual([good]);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toContain(bad);
  });

  it('returns an empty kubeconfig when there is none', () => {
    const loaded = loadUserKubeconfig({ kubeconfigEnv: undefined, homeDir: dir });
    expect(loaded).toMatchObject({ files: [], problems: [] });
    expect(loaded.kubeconfig.getContexts()).toEqual([]);
  });
});

describe('writePinnedKubeconfig', () => {
  it('writes a new 0600 file with only the chosen context, pinned to the tutorial namespace', async () => {
    // Given the learner's kubeconfig with two contexts and a relative CA path,
    const original = join(dir, 'config');
    await writeFile(join(dir, 'ca.crt'), 'not really a certificate');
    const text = kubeconfigYaml([
      { name: 'prod', server: 'https://prod.example.com', namespace: 'payments' },
      { name: 'minikube', server: 'https://192.168.49.2:8443', namespace: 'default' }, // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
    ], 'prod').replace('server: https://192.168.49.2:8443', 'server: https://192.168.49.2:8443\n      certificate-authority: ca.crt'); // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
    await writeFile(original, text, { mode: 0o644 });
    const before = { hash: await sha(original), stat: await stat(original) };

    // when kubedojo pins minikube,
    const { kubeconfig } = loadUserKubeconfig({ kubeconfigEnv: original });
    const path = await writePinnedKubeconfig(kubeconfig, 'minikube', 'kubedojo', join(dir, 'state'));

    // then the learner's file is byte-for-byte unchanged,
    expect(await sha(original)).toBe(before.hash);
    expect((await stat(original)).mtimeMs).toBe(before.stat.mtimeMs);
    expect((await stat(original)).mode & 0o777).toBe(0o644);

    // and the pinned file holds minikube alone, in namespace kubedojo, readable only by us.
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const doc = parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(doc).toMatchObject({
      'current-context': 'minikube',
      'contexts': [{ name: 'minikube', context: { cluster: 'minikube', user: 'minikube-user', namespace: 'kubedojo' } }],
      'clusters': [{ name: 'minikube', cluster: { 'server': 'https://192.168.49.2:8443', 'certificate-authority': join(dir, 'ca.crt') } }], // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
      'users': [{ name: 'minikube-user', user: { token: 'token-of-minikube' } }],
    });
    expect(JSON.stringify(doc)).not.toContain('prod');
    expect(JSON.stringify(doc)).not.toContain('null');

    // It loads as a kubeconfig.
    const pinned = new KubeConfig();
    pinned.loadFromFile(path);
    expect(pinned.getContextObject('minikube')?.namespace).toBe('kubedojo');
  });

  it('rewrites the pinned file when called again', async () => {
    const original = join(dir, 'config');
    await writeFile(original, kubeconfigYaml([{ name: 'kind-a', server: 'https://127.0.0.1:1' }, { name: 'kind-b', server: 'https://127.0.0.1:2' }]));
    const { kubeconfig } = loadUserKubeconfig({ kubeconfigEnv: original });
    await writePinnedKubeconfig(kubeconfig, 'kind-a', 'kubedojo', dir);
    const path = await writePinnedKubeconfig(kubeconfig, 'kind-b', 'learner-2', dir);
    const pinned = new KubeConfig();
    pinned.loadFromFile(path);
    expect(pinned.getContexts()).toEqual([expect.objectContaining({ name: 'kind-b', namespace: 'learner-2' })]);
  });

  it('refuses an unknown context', async () => {
    const kubeconfig = new KubeConfig();
    kubeconfig.loadFromString(kubeconfigYaml([]));
    await expect(writePinnedKubeconfig(kubeconfig, 'nope', 'kubedojo', dir)).rejects.toThrow('no context `nope`');
  });
});
