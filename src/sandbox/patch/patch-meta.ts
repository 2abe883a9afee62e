/**
 * Strategic-merge "patch meta" of the built-in kinds: which fields merge, and by which key.
 *
 * kube-apiserver reads it by reflection from the `patchStrategy` / `patchMergeKey` struct tags of
 * the versioned Go types (strategicpatch.NewPatchMetaFromStruct). This table copies those tags from
 * k8s.io/api v0.32 (core/v1, apps/v1, batch/v1, policy/v1, autoscaling/v2, storage/v1 types.go) and
 * k8s.io/apimachinery pkg/apis/meta/v1/types.go. A field absent from a struct here carries no tag:
 * maps merge key by key, lists are replaced whole (atomic) - e.g. tolerations, args, command,
 * resizePolicy, taints, volumeClaimTemplates.
 *
 * Only the paths that can reach a tagged field are spelled out: the elements of an atomic list are
 * never merged, so their own tags never matter.
 */

/** A `patchStrategy` tag. `retainKeys` only allows the `$retainKeys` directive, which works anywhere. */
export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

/** The tags of one Go struct field, and the meta of the struct it holds (itself or as list elements). */
export interface FieldMeta {
  readonly strategy?: PatchStrategy;
  readonly mergeKey?: string;
  readonly of?: StructMeta;
}

/** The tagged fields of one Go struct, by JSON name. */
export type StructMeta = { readonly [jsonField: string]: FieldMeta };

/** `patchStrategy:"merge" patchMergeKey:"<key>"` */
const mergeBy = (mergeKey: string, of?: StructMeta): FieldMeta => ({ strategy: 'merge', mergeKey, ...(of && { of }) });
/** An untagged struct field whose struct has tagged fields. */
const holds = (of: StructMeta): FieldMeta => ({ of });

// metav1.ObjectMeta
const objectMeta: StructMeta = {
  ownerReferences: mergeBy('uid'),
  finalizers: { strategy: 'merge' }, // a list of strings: merged as a set
};

/** Every kind's top level: `metadata` plus the given fields (spec, status, ...). */
const kind = (fields: StructMeta = {}): StructMeta => ({ metadata: holds(objectMeta), ...fields });

/** The many `Conditions []XCondition` of statuses, always merged by `type`. */
const conditionsByType: StructMeta = { conditions: mergeBy('type') };

// core/v1 Container, and EphemeralContainerCommon which repeats its tags
const container: StructMeta = {
  ports: mergeBy('containerPort'),
  env: mergeBy('name'),
  volumeMounts: mergeBy('mountPath'),
  volumeDevices: mergeBy('devicePath'),
};

// core/v1 PodSpec
const podSpec: StructMeta = {
  volumes: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  initContainers: mergeBy('name', container),
  containers: mergeBy('name', container),
  ephemeralContainers: mergeBy('name', container),
  imagePullSecrets: mergeBy('name'),
  hostAliases: mergeBy('ip'),
  topologySpreadConstraints: mergeBy('topologyKey'),
  schedulingGates: mergeBy('name'),
  resourceClaims: { strategy: 'merge,retainKeys', mergeKey: 'name' },
};

// core/v1 PodStatus (containerStatuses and friends are atomic lists)
const podStatus: StructMeta = {
  conditions: mergeBy('type'),
  hostIPs: mergeBy('ip'),
  podIPs: mergeBy('ip'),
  resourceClaimStatuses: { strategy: 'merge,retainKeys', mergeKey: 'name' },
};

// core/v1 PodTemplateSpec: what a Deployment, ReplicaSet, StatefulSet, DaemonSet, Job and
// ReplicationController hold as spec.template, so they patch their pods exactly like a Pod.
const podTemplateSpec: StructMeta = { metadata: holds(objectMeta), spec: holds(podSpec) };
const withPodTemplate: StructMeta = { template: holds(podTemplateSpec) };

// batch/v1 JobSpec, also reached through CronJob spec.jobTemplate.spec
const jobSpec: StructMeta = withPodTemplate;

const PATCH_META_BY_KIND: { readonly [kind: string]: StructMeta } = {
  // core/v1
  Pod: kind({ spec: holds(podSpec), status: holds(podStatus) }),
  PodTemplate: kind(withPodTemplate),
  ReplicationController: kind({ spec: holds(withPodTemplate), status: holds(conditionsByType) }),
  Service: kind({ spec: holds({ ports: mergeBy('port') }), status: holds(conditionsByType) }),
  Node: kind({
    spec: holds({ podCIDRs: { strategy: 'merge' } }),
    status: holds({ conditions: mergeBy('type'), addresses: mergeBy('type') }),
  }),
  Namespace: kind({ status: holds(conditionsByType) }),
  ServiceAccount: kind({ secrets: mergeBy('name') }),
  PersistentVolumeClaim: kind({ status: holds(conditionsByType) }),
  PersistentVolume: kind(),
  ConfigMap: kind(),
  Secret: kind(),
  Endpoints: kind(),
  Event: kind(),
  LimitRange: kind(),
  ResourceQuota: kind(),
  // apps/v1
  Deployment: kind({
    spec: holds({ strategy: { strategy: 'retainKeys' }, ...withPodTemplate }),
    status: holds(conditionsByType),
  }),
  ReplicaSet: kind({ spec: holds(withPodTemplate), status: holds(conditionsByType) }),
  StatefulSet: kind({ spec: holds(withPodTemplate), status: holds(conditionsByType) }),
  DaemonSet: kind({ spec: holds(withPodTemplate), status: holds(conditionsByType) }),
  ControllerRevision: kind(),
  // batch/v1
  Job: kind({ spec: holds(jobSpec), status: holds(conditionsByType) }),
  CronJob: kind({ spec: holds({ jobTemplate: holds({ metadata: holds(objectMeta), spec: holds(jobSpec) }) }) }),
  // autoscaling: v1 Scale is the body of every /scale subresource; v2 is the served HPA version
  Scale: kind(),
  HorizontalPodAutoscaler: kind({ status: holds(conditionsByType) }),
  // policy/v1: a selector is replaced whole, never merged label by label
  PodDisruptionBudget: kind({ spec: holds({ selector: { strategy: 'replace' } }), status: holds(conditionsByType) }),
  // networking/v1, rbac/v1, coordination/v1, discovery/v1, storage/v1, scheduling/v1
  Ingress: kind(),
  IngressClass: kind(),
  NetworkPolicy: kind(),
  Role: kind(),
  ClusterRole: kind(),
  RoleBinding: kind(),
  ClusterRoleBinding: kind(),
  Lease: kind(),
  EndpointSlice: kind(),
  StorageClass: kind(),
  CSINode: kind({ spec: holds({ drivers: mergeBy('name') }) }),
  PriorityClass: kind(),
};

/**
 * The patch meta of a built-in kind, or undefined for kinds the API server has no Go struct for:
 * custom resources are served as unstructured objects, for which it refuses strategic merge patch.
 */
export function patchMetaFor(kind: string): StructMeta | undefined {
  return Object.hasOwn(PATCH_META_BY_KIND, kind) ? PATCH_META_BY_KIND[kind] : undefined;
}

/** A field's strategy besides retainKeys (extractRetainKeysPatchStrategy): `merge`, `replace` or none. */
export function strategyOf(meta: FieldMeta): string {
  return (meta.strategy ?? '').split(',').find((strategy) => strategy !== 'retainKeys') ?? '';
}

/** The meta of one field of a struct; fields without tags (and unknown fields) have none. */
export function fieldMeta(struct: StructMeta | undefined, field: string): FieldMeta {
  return struct && Object.hasOwn(struct, field) ? (struct[field] as FieldMeta) : {};
}
