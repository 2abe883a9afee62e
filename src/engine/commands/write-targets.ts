/**
 * Which objects a changing kubectl command may touch (issue #7, docs/decisions.md "Command guard:
 * course namespaces"): namespaced kinds in the tutorial namespace or a `kubedojo-` namespace,
 * and Namespace objects named `kubedojo-…` (chapter 2 creates `kubedojo-staging`). Everything
 * cluster-wide (nodes, volumes, roles, CRDs, kinds kubedojo does not know) is refused.
 */

export const COURSE_NAMESPACE_PREFIX = 'kubedojo-';
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'default']);

// Built-in namespaced kinds by every name kubectl accepts; `all` is kubectl's namespaced category.
const NAMESPACED_KIND_NAMES = new Set(
  [
    'pod pods po', 'deployment deployments deploy', 'replicaset replicasets rs', 'service services svc',
    'endpoints ep', 'endpointslice endpointslices', 'configmap configmaps cm', 'secret secrets',
    'serviceaccount serviceaccounts sa', 'job jobs', 'cronjob cronjobs cj', 'statefulset statefulsets sts',
    'daemonset daemonsets ds', 'ingress ingresses ing', 'persistentvolumeclaim persistentvolumeclaims pvc',
    'horizontalpodautoscaler horizontalpodautoscalers hpa', 'poddisruptionbudget poddisruptionbudgets pdb',
    'networkpolicy networkpolicies netpol', 'role roles', 'rolebinding rolebindings', 'limitrange limitranges limits',
    'resourcequota resourcequotas quota', 'event events ev', 'lease leases', 'replicationcontroller replicationcontrollers rc',
    'podtemplate podtemplates', 'controllerrevision controllerrevisions', 'all',
  ].flatMap((names) => names.split(' ')),
);
const NAMESPACE_KIND_NAMES = new Set(['namespace', 'namespaces', 'ns']);

/** May a changing command name this namespace with `-n`? */
export function isWritableNamespace(namespace: string, tutorialNamespace: string): boolean {
  return namespace === tutorialNamespace || namespace.startsWith(COURSE_NAMESPACE_PREFIX);
}

/** Why these Namespace objects may not be created, changed or deleted; undefined when they may. */
export function namespaceObjectRefusal(names: readonly string[], tutorialNamespace: string): string | undefined {
  if (names.length === 0) {
    return 'kubedojo changes Namespace objects only by name (no `--all`, no selector)';
  }
  const bad = names.find(
    (name) => name === tutorialNamespace || SYSTEM_NAMESPACES.has(name) || !name.startsWith(COURSE_NAMESPACE_PREFIX),
  );
  if (bad === undefined) return undefined;
  if (bad === tutorialNamespace) return `the namespace \`${bad}\` is where the course itself runs: kubedojo never creates, changes or deletes it`;
  return `kubedojo only creates, changes or deletes namespaces named \`${COURSE_NAMESPACE_PREFIX}…\`, not \`${bad}\``;
}

/** `Deployments.apps` → `deployments`. */
function resourceWord(kind: string): string {
  return (kind.toLowerCase().split('.')[0] ?? '').trim();
}

/** One kind as typed (`ns`, `deploy`) and the object names given for it. */
export interface Target {
  kind: string;
  names: string[];
}

/**
 * `delete ns a b`, `delete deploy/web svc/web`, `label pods,svc x app=web`: the first argument is a
 * kind list unless it is `kind/name`, in which case every `kind/name` argument is one target.
 * Label arguments (`key=value`, `key-`) are not names.
 */
export function readTargets(args: readonly string[]): Target[] {
  const [first] = args;
  if (first === undefined) return [];
  if (first.includes('/')) {
    // `set image deploy/web app=registry.k8s.io/nginx:1`: a `key=value` argument is no target.
    return args
      .filter((word) => word.includes('/') && !word.includes('='))
      .map((word) => {
        const slash = word.indexOf('/');
        return { kind: word.slice(0, slash), names: [word.slice(slash + 1)] };
      });
  }
  const names = args.slice(1).filter((word) => !word.includes('=') && !word.endsWith('-'));
  return first.split(',').map((kind) => ({ kind, names }));
}

/**
 * Why a changing command may not touch `targets`; undefined when it may. `selectsMany` is true
 * when `--all`, `-l` or `--field-selector` widens the command beyond the names given.
 */
export function targetRefusal(targets: readonly Target[], selectsMany: boolean, tutorialNamespace: string): string | undefined {
  const clusterWide = targets.map(({ kind }) => resourceWord(kind)).find((word) => !NAMESPACED_KIND_NAMES.has(word) && !NAMESPACE_KIND_NAMES.has(word));
  if (clusterWide !== undefined) {
    return `\`${clusterWide}\` is not a namespaced kind kubedojo knows, and kubedojo changes nothing outside the course's namespaces`;
  }
  const namespaces = targets.filter(({ kind }) => NAMESPACE_KIND_NAMES.has(resourceWord(kind)));
  if (namespaces.length === 0) return undefined;
  return namespaceObjectRefusal(selectsMany ? [] : namespaces.flatMap(({ names }) => names), tutorialNamespace);
}
