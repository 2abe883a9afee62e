/**
 * What the apiserver's decoder says when a request's body names another type than the endpoint's:
 * an apiVersion with no such kind is not registered in the scheme; another registered kind decodes,
 * then fails the conversion into the endpoint's internal type.
 */
import { RESOURCE_TYPES, type ResourceType } from '../api/resources.js';

/** The Go package of each group's internal types (k8s.io/kubernetes/pkg/apis/...). */
const INTERNAL_PACKAGES: Record<string, string> = {
  '': 'core',
  'events.k8s.io': 'core',
  apps: 'apps',
  batch: 'batch',
  autoscaling: 'autoscaling',
  policy: 'policy',
  'networking.k8s.io': 'networking',
  'coordination.k8s.io': 'coordination',
  'discovery.k8s.io': 'discovery',
  'rbac.authorization.k8s.io': 'rbac',
  'authorization.k8s.io': 'authorization',
  'scheduling.k8s.io': 'scheduling',
  'storage.k8s.io': 'storage',
};

/** `apps/v1` → [group, version]; `v1` → ['', 'v1']. */
function splitGroupVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

/** The decoder's error for a body of `apiVersion`/`kind` sent to `type`'s endpoint. */
export function decodedTypeError(type: ResourceType, apiVersion: unknown, kind: unknown): string {
  const [group, version] = splitGroupVersion(typeof apiVersion === 'string' ? apiVersion : '');
  const kindText = typeof kind === 'string' ? kind : '';
  const registered = RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.kind === kindText);
  if (!registered) {
    return `no kind "${kindText}" is registered for version "${typeof apiVersion === 'string' ? apiVersion : ''}" in scheme "pkg/api/legacyscheme/scheme.go:30"`;
  }
  const from = `${version}.${kindText}`;
  const into = `${INTERNAL_PACKAGES[type.group] ?? type.group.split('.')[0]}.${type.kind}`;
  return `converting (${from}) to (${into}): unknown conversion`;
}
