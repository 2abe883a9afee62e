/** The kubeconfig a sandbox writes for kubectl and client-node: one cluster, one token user, one context. */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomic } from '../engine/progress/atomic-write.js';

export const SANDBOX_CONTEXT = 'kubedojo-sandbox';

export function sandboxKubeconfig(server: string, token: string, certPem: string, namespace?: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: SANDBOX_CONTEXT, cluster: { server, 'certificate-authority-data': Buffer.from(certPem).toString('base64') } }],
    users: [{ name: SANDBOX_CONTEXT, user: { token } }],
    contexts: [{ name: SANDBOX_CONTEXT, context: { cluster: SANDBOX_CONTEXT, user: SANDBOX_CONTEXT, ...(namespace ? { namespace } : {}) } }],
    'current-context': SANDBOX_CONTEXT,
    preferences: {},
  });
}

/**
 * Writes it readable by the owner only (it holds the sandbox's token), created exclusively and
 * renamed into place, so a link or file planted at `path` is replaced, never written through
 * (issue #7). A missing parent directory is made private (0700).
 */
export async function writeSandboxKubeconfig(path: string, server: string, token: string, certPem: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, sandboxKubeconfig(server, token, certPem), { mode: 0o600 });
}
