import { flagIsOn, flagValue, hasFlag, scanKubectlArgs, type KubectlArgs } from './kubectl-args.js';

/**
 * The argv-level half of the safety rules: kubectl always runs with the kubeconfig kubedojo
 * wrote (one context, pinned to the tutorial namespace), and this guard refuses the flags and
 * subcommands that would step out of it. It cannot see inside `-f file.yaml`; a manifest that
 * names another namespace is left to the cluster (the sandbox and workshop RBAC).
 */

// Flags that would point kubectl at another cluster, user or kubeconfig than the pinned one.
const CONNECTION_FLAGS = [
  'kubeconfig', 'context', 'cluster', 'user', 'server', 'token', 'as', 'as-group', 'as-uid',
  'username', 'password', 'certificate-authority', 'client-certificate', 'client-key',
  'insecure-skip-tls-verify', 'tls-server-name',
];

// Subcommands that only read; everything else is treated as one that changes the cluster.
const READ_ONLY = new Set([
  'get', 'describe', 'logs', 'top', 'explain', 'api-resources', 'api-versions', 'version',
  'cluster-info', 'events', 'auth', 'diff', 'wait', 'port-forward', 'proxy', 'completion',
  'help', 'options', 'plugin', 'kustomize',
]);
const READ_ONLY_ROLLOUT = new Set(['status', 'history']);
const READ_ONLY_CONFIG = new Set(['view', 'get-contexts', 'current-context', 'get-clusters', 'get-users']);

// Kinds that live outside any namespace: changing them changes the whole cluster.
const CLUSTER_SCOPED_KINDS = new Set([
  'namespace', 'namespaces', 'ns', 'node', 'nodes', 'no', 'persistentvolume', 'persistentvolumes', 'pv',
  'clusterrole', 'clusterroles', 'clusterrolebinding', 'clusterrolebindings',
  'customresourcedefinition', 'customresourcedefinitions', 'crd', 'crds', 'storageclass',
  'storageclasses', 'sc', 'priorityclass', 'priorityclasses', 'pc', 'ingressclass', 'ingressclasses',
  'runtimeclass', 'runtimeclasses', 'apiservice', 'apiservices', 'certificatesigningrequest',
  'certificatesigningrequests', 'csr', 'mutatingwebhookconfiguration', 'mutatingwebhookconfigurations',
  'validatingwebhookconfiguration', 'validatingwebhookconfigurations',
]);
const NODE_COMMANDS = new Set(['cordon', 'uncordon', 'drain', 'taint', 'certificate']);
const NAMESPACE_KINDS = new Set(['namespace', 'namespaces', 'ns']);

const OWN_TERMINAL = 'run it in your own terminal if you really mean it.';

/**
 * Namespaces the course itself creates carry kubedojo's prefix (`kubedojo-staging`): kubedojo
 * owns them, so they may be written to, created and deleted like the tutorial namespace.
 */
export function isCourseNamespace(name: string): boolean {
  return /^kubedojo-[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

/** Returns why kubedojo refuses these kubectl arguments, or undefined when they are fine. */
export function kubectlRefusal(args: readonly string[], namespace: string): string | undefined {
  const scanned = scanKubectlArgs(args);
  const connectionFlag = CONNECTION_FLAGS.find((name) => hasFlag(scanned, name));
  if (connectionFlag !== undefined) {
    return `\`--${connectionFlag}\` would point kubectl away from the cluster kubedojo pinned it to: ${OWN_TERMINAL}`;
  }

  const [subcommand, second] = scanned.positionals;
  if (subcommand === undefined || isReadOnly(subcommand, second)) return undefined;

  if (subcommand === 'config') {
    const what = second === undefined ? 'kubectl config' : `kubectl config ${second}`;
    return `\`${what}\` would change kubedojo's pinned kubeconfig: ${OWN_TERMINAL}`;
  }
  if (NODE_COMMANDS.has(subcommand)) {
    return `\`kubectl ${subcommand}\` changes the whole cluster, and kubedojo only changes its namespace \`${namespace}\`: ${OWN_TERMINAL}`;
  }
  const otherNamespace = flagValue(scanned, 'namespace');
  if (otherNamespace !== undefined && otherNamespace !== namespace && !isCourseNamespace(otherNamespace)) {
    return `kubedojo only changes its own namespace \`${namespace}\`, not \`${otherNamespace}\`: drop \`-n ${otherNamespace}\`, or ${OWN_TERMINAL}`;
  }
  if (flagIsOn(scanned, 'all-namespaces')) {
    return `\`--all-namespaces\` would change every namespace, and kubedojo only changes \`${namespace}\`: ${OWN_TERMINAL}`;
  }
  return clusterScopedRefusal(scanned, namespace);
}

function isReadOnly(subcommand: string, second: string | undefined): boolean {
  if (READ_ONLY.has(subcommand)) return true;
  if (subcommand === 'rollout') return second !== undefined && READ_ONLY_ROLLOUT.has(second);
  if (subcommand === 'config') return second !== undefined && READ_ONLY_CONFIG.has(second);
  return false;
}

/**
 * `delete ns other`, `create namespace other`, `label node x ...`: the kind is the first word after
 * the verb, either alone (`ns foo`), as a list (`ns,pv`) or as `kind/name`. Creating or deleting
 * the tutorial namespace itself, or a course namespace (`kubedojo-…`), is allowed.
 */
function clusterScopedRefusal(scanned: KubectlArgs, namespace: string): string | undefined {
  const [verb, target, ...rest] = scanned.positionals;
  if (target === undefined) return undefined;
  const [kindPart = '', namePart] = target.toLowerCase().split('/', 2);
  // `deployments.apps` -> `deployments`
  const kinds = kindPart.split(',').map((kind) => kind.split('.')[0] ?? kind);
  const clusterKind = kinds.find((kind) => CLUSTER_SCOPED_KINDS.has(kind));
  if (clusterKind === undefined) return undefined;
  const names = namePart !== undefined ? [namePart] : rest;
  const onlyOwnNamespace =
    kinds.every((kind) => NAMESPACE_KINDS.has(kind)) && names.length > 0 && names.every((name) => name === namespace || isCourseNamespace(name));
  if (onlyOwnNamespace) return undefined;
  return `\`kubectl ${verb} ${target}\` changes the whole cluster, and kubedojo only changes its namespace \`${namespace}\`: ${OWN_TERMINAL}`;
}
