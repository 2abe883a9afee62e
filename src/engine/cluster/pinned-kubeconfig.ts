import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { writeFileAtomic } from '../progress/atomic-write.js';

/** File name of the pinned kubeconfig inside the directory given to {@link writePinnedKubeconfig}. */
export const PINNED_KUBECONFIG_FILE = 'kubeconfig.yaml';

/**
 * Writes a NEW kubeconfig holding only `contextName`, its cluster and its user, with the
 * context's namespace set to the tutorial namespace, and returns its path. Every kubectl the
 * app runs gets `KUBECONFIG=<this file>`, so a learner's `kubectl` lands on that cluster and in
 * that namespace; the learner's own kubeconfig is only ever read.
 *
 * Mode 0600 (0700 for the directory): the file can carry the same credentials as the original.
 * Certificate paths are absolute (the loader resolved them), so the copy works from any folder.
 */
export async function writePinnedKubeconfig(
  kubeconfig: KubeConfig,
  contextName: string,
  namespace: string,
  dir: string,
): Promise<string> {
  const context = kubeconfig.getContextObject(contextName);
  if (context === null) throw new Error(`There is no context \`${contextName}\` in the kubeconfig.`);
  const cluster = kubeconfig.getCluster(context.cluster);
  if (cluster === null) throw new Error(`Context \`${contextName}\` names cluster \`${context.cluster}\`, which is not in the kubeconfig.`);
  const user = context.user === undefined ? null : kubeconfig.getUser(context.user);

  const pinned = new KubeConfig();
  pinned.loadFromOptions({
    clusters: [cluster],
    users: user === null ? [] : [user],
    contexts: [{ ...context, namespace }],
    currentContext: contextName,
  });
  // exportConfig writes the kubeconfig field names (certificate-authority-data, exec, ...);
  // the context entry is rebuilt because client-node puts its own `name` inside it.
  const exported = JSON.parse(pinned.exportConfig()) as Record<string, unknown>;
  exported.contexts = [
    { name: contextName, context: { cluster: context.cluster, user: user === null ? undefined : context.user, namespace } },
  ];
  exported.preferences = {};
  const text = `# Written by kubedojo: a copy of context "${contextName}" pinned to namespace "${namespace}".\n# Your own kubeconfig is not changed. Safe to delete.\n${stringify(withoutEmpty(exported))}`;

  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, PINNED_KUBECONFIG_FILE);
  await writeFileAtomic(path, text, { mode: 0o600 });
  // open() applies the umask, which may have taken bits from 0600; set the mode exactly.
  await chmod(path, 0o600);
  return path;
}

/** Drops null/undefined fields (client-node exports absent fields as null). */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, field]) => field !== null && field !== undefined);
    return Object.fromEntries(entries.map(([key, field]) => [key, withoutEmpty(field)]));
  }
  return value;
}
