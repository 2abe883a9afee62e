import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { writePinnedKubeconfig } from '../cluster/index.js';

/**
 * Runs `use` with a throw-away pinned copy of one context (mode 0600, in a fresh temporary
 * folder), so the doctor talks to the cluster exactly as the app will and never writes to the
 * learner's own kubeconfig. The copy is removed afterwards, also when `use` throws.
 */
export async function withPinnedCopy<T>(
  kubeconfig: KubeConfig,
  contextName: string,
  namespace: string,
  use: (kubeconfigPath: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kubedojo-doctor-'));
  try {
    return await use(await writePinnedKubeconfig(kubeconfig, contextName, namespace, dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
