/**
 * The mutating admission plugins every default cluster runs on Pod creation, in kube-apiserver's
 * order: ServiceAccount (plugin/pkg/admission/serviceaccount), Priority (plugin/pkg/admission/priority)
 * and DefaultTolerationSeconds. They only apply to creates; a pod's spec is fixed afterwards.
 */
import { ApiError, type KubeObject } from '../api/status.js';

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The built-in PriorityClasses; any other name would have to exist as an object. */
const SYSTEM_PRIORITIES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

export interface PodAdmissionOptions {
  /** The 5-character suffix of the token volume (`kube-api-access-xxxxx`), random upstream. */
  tokenVolumeSuffix: string;
  /** automountServiceAccountToken of the pod's ServiceAccount, when it sets one. */
  serviceAccountAutomount?: boolean;
}

/** The projected volume the ServiceAccount plugin mounts into every container. */
function tokenVolume(name: string): KubeObject {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 0o644,
    },
  };
}

/** Mutates a defaulted Pod as the three plugins do; throws 403 for an unknown PriorityClass. */
export function admitPodCreate(pod: KubeObject, opts: PodAdmissionOptions): void {
  const spec = (pod.spec ??= {});
  spec.serviceAccountName ||= 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const automount = spec.automountServiceAccountToken ?? opts.serviceAccountAutomount ?? true;
  const containers: KubeObject[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const alreadyMounted = containers.some((c) => (c.volumeMounts ?? []).some((m: KubeObject) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH));
  if (automount && !alreadyMounted) {
    const name = `kube-api-access-${opts.tokenVolumeSuffix}`;
    spec.volumes = [...(spec.volumes ?? []), tokenVolume(name)];
    for (const c of containers) c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH }];
  }

  const className: string | undefined = spec.priorityClassName || undefined;
  if (className && !(className in SYSTEM_PRIORITIES)) {
    throw new ApiError(403, 'Forbidden', `pods "${pod.metadata?.name ?? ''}" is forbidden: no PriorityClass with name ${className} was found`, {
      name: pod.metadata?.name,
      kind: 'pods',
    });
  }
  const priority = className ? SYSTEM_PRIORITIES[className]! : 0;
  if (spec.priority != null && spec.priority !== priority) {
    throw new ApiError(403, 'Forbidden', `pods "${pod.metadata?.name ?? ''}" is forbidden: the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`, {
      name: pod.metadata?.name,
      kind: 'pods',
    });
  }
  spec.priority = priority;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';

  const tolerations: KubeObject[] = (spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const tolerated = tolerations.some((t) => (t.operator === 'Exists' && !t.key) || (t.key === key && (!t.effect || t.effect === 'NoExecute')));
    if (!tolerated) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
}
