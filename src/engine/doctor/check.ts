import type { CheckStatus, DoctorCheck, DoctorCheckId } from './types.js';

/** Each check's title, in report order. */
export const CHECK_TITLES: Readonly<Record<DoctorCheckId, string>> = {
  kubectl: 'kubectl',
  'version-skew': 'kubectl/server versions',
  minikube: 'minikube',
  kubeconfig: 'Kubeconfig context',
  cluster: 'Cluster reachable',
  permissions: 'Permissions',
};

export function check(id: DoctorCheckId, status: CheckStatus, detail: string, fix?: string): DoctorCheck {
  return fix === undefined ? { id, title: CHECK_TITLES[id], status, detail } : { id, title: CHECK_TITLES[id], status, detail, fix };
}
