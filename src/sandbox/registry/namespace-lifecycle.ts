/**
 * The NamespaceLifecycle admission plugin's rule on deletes
 * (k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go): the namespaces a cluster
 * cannot work without may not be deleted, so `kubectl delete ns --all` leaves them standing.
 */
import { ApiError } from '../api/status.js';

/** lifecycle.immortalNamespaces: metav1.NamespaceDefault, NamespaceSystem and NamespacePublic. */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

/** Throws the plugin's 403 when `name` is an immortal namespace. */
export function checkImmortalNamespace(name: string): void {
  if (!IMMORTAL_NAMESPACES.has(name)) return;
  // errors.NewForbidden(namespaces, name, errors.New("this namespace may not be deleted"))
  throw new ApiError(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
}
