/**
 * The resource types the sandbox serves: one table drives discovery, routing, the store's keys and
 * the OpenAPI document, so adding a type is one entry here.
 */

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  /** URL segment: `deployments`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Subresource name → the kind it speaks (`scale` → autoscaling/v1 Scale). */
  subresources?: Record<string, { group: string; version: string; kind: string; verbs: string[] }>;
  /** Read-only types (discovery shows fewer verbs). */
  verbs?: string[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

const status = (group: string, version: string, kind: string) => ({
  status: { group, version, kind, verbs: ['get', 'patch', 'update'] },
});
const scale = { scale: { group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] } };

export const RESOURCE_TYPES: ResourceType[] = [
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', singular: 'namespace', namespaced: false, shortNames: ['ns'], subresources: { ...status('', 'v1', 'Namespace'), finalize: { group: '', version: 'v1', kind: 'Namespace', verbs: ['update'] } }, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
  { group: '', version: 'v1', kind: 'Node', plural: 'nodes', singular: 'node', namespaced: false, shortNames: ['no'], subresources: status('', 'v1', 'Node') },
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', singular: 'pod', namespaced: true, shortNames: ['po'], categories: ['all'], subresources: { ...status('', 'v1', 'Pod'), log: { group: '', version: 'v1', kind: 'Pod', verbs: ['get'] }, exec: { group: '', version: 'v1', kind: 'PodExecOptions', verbs: ['create', 'get'] }, portforward: { group: '', version: 'v1', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] }, binding: { group: '', version: 'v1', kind: 'Binding', verbs: ['create'] }, eviction: { group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] } } },
  { group: '', version: 'v1', kind: 'Service', plural: 'services', singular: 'service', namespaced: true, shortNames: ['svc'], categories: ['all'], subresources: status('', 'v1', 'Service'), verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] },
  { group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', namespaced: true, shortNames: ['ep'] },
  { group: '', version: 'v1', kind: 'Event', plural: 'events', singular: 'event', namespaced: true, shortNames: ['ev'] },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', namespaced: true, shortNames: ['cm'] },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', singular: 'secret', namespaced: true },
  { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', singular: 'serviceaccount', namespaced: true, shortNames: ['sa'], subresources: { token: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] } } },
  { group: '', version: 'v1', kind: 'ResourceQuota', plural: 'resourcequotas', singular: 'resourcequota', namespaced: true, shortNames: ['quota'], subresources: status('', 'v1', 'ResourceQuota') },
  { group: '', version: 'v1', kind: 'LimitRange', plural: 'limitranges', singular: 'limitrange', namespaced: true, shortNames: ['limits'] },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', namespaced: true, shortNames: ['ds'], categories: ['all'], subresources: status('apps', 'v1', 'DaemonSet') },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', singular: 'deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'], subresources: { ...status('apps', 'v1', 'Deployment'), ...scale } },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', namespaced: true, shortNames: ['rs'], categories: ['all'], subresources: { ...status('apps', 'v1', 'ReplicaSet'), ...scale } },
  { group: 'apps', version: 'v1', kind: 'ControllerRevision', plural: 'controllerrevisions', singular: 'controllerrevision', namespaced: true },
  { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', plural: 'endpointslices', singular: 'endpointslice', namespaced: true },
  { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', singular: 'lease', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', singular: 'clusterrolebinding', namespaced: false },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', plural: 'clusterroles', singular: 'clusterrole', namespaced: false },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', singular: 'rolebinding', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', plural: 'roles', singular: 'role', namespaced: true },
  // Answered from RBAC, never stored (server/auth-handler.ts).
  { group: 'authentication.k8s.io', version: 'v1', kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', singular: 'selfsubjectreview', namespaced: false, verbs: ['create'] },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectAccessReview', plural: 'selfsubjectaccessreviews', singular: 'selfsubjectaccessreview', namespaced: false, verbs: ['create'] },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectRulesReview', plural: 'selfsubjectrulesreviews', singular: 'selfsubjectrulesreview', namespaced: false, verbs: ['create'] },
];

for (const type of RESOURCE_TYPES) type.verbs ??= ALL_VERBS;

/** `apps/v1` or `v1`. */
export function groupVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The store and routing key of a type: `apps/deployments`, `/pods`. */
export function typeKey(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return `${type.group}/${type.plural}`;
}

const byKey = new Map(RESOURCE_TYPES.map((t) => [typeKey(t), t]));
const byKind = new Map<string, ResourceType>();
for (const t of RESOURCE_TYPES) {
  byKind.set(`${t.group}/${t.kind}`, t);
}

export function findType(group: string, plural: string): ResourceType | undefined {
  return byKey.get(`${group}/${plural}`);
}

export function typeOfKind(group: string, kind: string): ResourceType {
  const type = byKind.get(`${group}/${kind}`);
  if (!type) throw new Error(`unknown kind ${group}/${kind}`);
  return type;
}

/** Parses an object's apiVersion into group and version. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export const GROUP_VERSIONS: { group: string; version: string }[] = [
  ...new Map(RESOURCE_TYPES.map((t) => [groupVersion(t.group, t.version), { group: t.group, version: t.version }])).values(),
];
