import { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';

export interface FixtureContext {
  name: string;
  server: string;
  /** Defaults to the context name. */
  cluster?: string;
  namespace?: string;
  /** client-node only talks plain http:// to a cluster marked insecure-skip-tls-verify. */
  insecure?: boolean;
}

/** A kubeconfig document with one cluster and one token user per context. */
export function kubeconfigYaml(contexts: FixtureContext[], currentContext = contexts[0]?.name ?? ''): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: contexts.map((c) => ({ name: c.cluster ?? c.name, cluster: { server: c.server, ...(c.insecure ? { 'insecure-skip-tls-verify': true } : {}) } })),
    users: contexts.map((c) => ({ name: `${c.name}-user`, user: { token: `token-of-${c.name}` } })),
    contexts: contexts.map((c) => ({
      name: c.name,
      context: { cluster: c.cluster ?? c.name, user: `${c.name}-user`, ...(c.namespace ? { namespace: c.namespace } : {}) },
    })),
    'current-context': currentContext,
  });
}

export function kubeconfigOf(contexts: FixtureContext[], currentContext?: string): KubeConfig {
  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromString(kubeconfigYaml(contexts, currentContext));
  return kubeconfig;
}
