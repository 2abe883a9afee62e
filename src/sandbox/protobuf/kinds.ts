/** Which protobuf message a `runtime.Unknown` envelope's apiVersion and kind name. */

const DELETE_OPTIONS = 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions';
const META_GROUP_VERSION = 'meta.k8s.io/v1';

/** The kinds kubedojo decodes per API group version, and the proto package that defines them. */
const GROUP_VERSIONS: Readonly<Record<string, { package: string; kinds: readonly string[] }>> = {
  v1: {
    package: 'k8s.io.api.core.v1',
    kinds: [
      'ConfigMap', 'Endpoints', 'Event', 'Namespace', 'Node', 'Pod', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount',
    ],
  },
  'apps/v1': {
    package: 'k8s.io.api.apps.v1',
    kinds: ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  },
  'autoscaling/v1': { package: 'k8s.io.api.autoscaling.v1', kinds: ['HorizontalPodAutoscaler', 'Scale'] },
  'batch/v1': { package: 'k8s.io.api.batch.v1', kinds: ['CronJob', 'Job'] },
  'policy/v1': { package: 'k8s.io.api.policy.v1', kinds: ['Eviction', 'PodDisruptionBudget'] },
  'networking.k8s.io/v1': { package: 'k8s.io.api.networking.v1', kinds: ['Ingress'] },
  'rbac.authorization.k8s.io/v1': {
    package: 'k8s.io.api.rbac.v1',
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  },
  'scheduling.k8s.io/v1': { package: 'k8s.io.api.scheduling.v1', kinds: ['PriorityClass'] },
  'authentication.k8s.io/v1': { package: 'k8s.io.api.authentication.v1', kinds: ['TokenRequest'] },
  'authorization.k8s.io/v1': { package: 'k8s.io.api.authorization.v1', kinds: ['SelfSubjectAccessReview', 'SelfSubjectRulesReview'] },
};

/** The fully qualified message name for `apiVersion`/`kind`, or undefined when kubedojo has none. */
export function messageNameFor(apiVersion: string, kind: string): string | undefined {
  const groupVersion = Object.hasOwn(GROUP_VERSIONS, apiVersion) ? GROUP_VERSIONS[apiVersion] : undefined;
  // metav1.AddToGroupVersion registers DeleteOptions in meta.k8s.io/v1 and in every group version, so
  // a DELETE body says `v1` for a pod and may say `apps/v1` for a deployment.
  if (kind === 'DeleteOptions') return groupVersion || apiVersion === META_GROUP_VERSION ? DELETE_OPTIONS : undefined;
  return groupVersion?.kinds.includes(kind) ? `${groupVersion.package}.${kind}` : undefined;
}
