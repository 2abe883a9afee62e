import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';

export interface KubeconfigSources {
  /** The KUBECONFIG value; default `process.env.KUBECONFIG`. */
  kubeconfigEnv?: string | undefined;
  /** Home directory for `~/.kube/config`; default `os.homedir()`. */
  homeDir?: string;
}

export interface LoadedKubeconfig {
  /** The merged view of every file, as kubectl would see it. Read-only for us. */
  kubeconfig: KubeConfig;
  /** The files that were read, in precedence order. Empty when the learner has none. */
  files: string[];
  /** Files that exist but could not be parsed, with the reason, e.g. for `kubedojo doctor`. */
  problems: string[];
}

/** Which files kubectl would read: the KUBECONFIG list if set, else `~/.kube/config`. */
export function kubeconfigFiles(sources: KubeconfigSources = {}): string[] {
  const env = 'kubeconfigEnv' in sources ? sources.kubeconfigEnv : process.env.KUBECONFIG;
  const listed = (env ?? '').split(delimiter).filter((file) => file !== '');
  if (listed.length > 0) return [...new Set(listed)];
  return [join(sources.homeDir ?? homedir(), '.kube', 'config')];
}

/**
 * Loads the learner's kubeconfig without ever writing to it. Merges a KUBECONFIG list with
 * kubectl's rule (the first file that defines a name wins, the first current-context wins)
 * instead of client-node's `loadFromDefault`, which throws on a name defined in two files.
 * Missing files are skipped, as kubectl does.
 */
export function loadUserKubeconfig(sources: KubeconfigSources = {}): LoadedKubeconfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  const files: string[] = [];
  const problems: string[] = [];

  for (const file of kubeconfigFiles(sources)) {
    if (!existsSync(file)) continue;
    const single = new KubeConfig();
    try {
      // `filter` drops a malformed entry instead of failing the whole file; loadFromFile also
      // makes relative certificate paths absolute, which keeps them valid in the pinned copy.
      single.loadFromFile(file, { onInvalidEntry: 'filter' });
    } catch (error) {
      problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    files.push(file);
    for (const cluster of single.getClusters()) if (!clusters.has(cluster.name)) clusters.set(cluster.name, cluster);
    for (const user of single.getUsers()) if (!users.has(user.name)) users.set(user.name, user);
    for (const context of single.getContexts()) if (!contexts.has(context.name)) contexts.set(context.name, context);
    if (currentContext === '') currentContext = single.getCurrentContext() ?? '';
  }

  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext,
  });
  return { kubeconfig, files, problems };
}
