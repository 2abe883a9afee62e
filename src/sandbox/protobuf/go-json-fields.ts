/**
 * What Go's encoding/json does that the .proto schema cannot tell: kube-apiserver serves JSON by
 * marshalling the Go structs of k8s.io/api, so the JSON shape of a field depends on its Go
 * declaration (pointer or value, `omitempty` or not, `json:",inline"`), not on its protobuf one.
 *
 * Derived from the types.go files of k8s.io/api and k8s.io/apimachinery v0.32.13, the same tag as
 * proto/: when a message is added there, add its fields here by the rules in each comment.
 * Entries are fully qualified field names (`k8s.io.api.core.v1.Volume.volumeSource`);
 * test/sandbox/protobuf/go-json-fields.test.ts checks that each names a real field of the right shape.
 */

/**
 * Message fields declared `json:",inline"`: Go flattens their JSON members into the parent object
 * (a Volume's `configMap` sits beside its `name`, not under `volumeSource`).
 */
export const INLINE_FIELDS: ReadonlySet<string> = new Set([
  'k8s.io.api.core.v1.ConfigMapEnvSource.localObjectReference',
  'k8s.io.api.core.v1.ConfigMapKeySelector.localObjectReference',
  'k8s.io.api.core.v1.ConfigMapProjection.localObjectReference',
  'k8s.io.api.core.v1.ConfigMapVolumeSource.localObjectReference',
  'k8s.io.api.core.v1.EphemeralContainer.ephemeralContainerCommon',
  'k8s.io.api.core.v1.Probe.handler',
  'k8s.io.api.core.v1.SecretEnvSource.localObjectReference',
  'k8s.io.api.core.v1.SecretKeySelector.localObjectReference',
  'k8s.io.api.core.v1.SecretProjection.localObjectReference',
  'k8s.io.api.core.v1.Volume.volumeSource',
  'k8s.io.api.networking.v1.IngressRule.ingressRuleValue',
]);

/** The one field whose protobuf name (`uID`) is not its JSON name. */
export const RENAMED_FIELDS: ReadonlyMap<string, string> = new Map([
  ['k8s.io.api.authentication.v1.BoundObjectReference.uID', 'uid'],
]);

/**
 * Scalar fields whose zero value ("", 0, false) belongs in the JSON when it is on the wire.
 *
 * Go's protobuf marshaller writes every value field, zero or not, and a pointer field only when it
 * is set. For a value field tagged `omitempty` (most of them) a zero is therefore noise that
 * encoding/json would drop. These are the others:
 * - pointers (`*int32`, `*bool`, `*string`): present means set, so `replicas: 0` or
 *   `gracePeriodSeconds: 0` is a real value, never a default;
 * - value fields without `omitempty` (`containerPort`, `name`): encoding/json always writes them.
 */
export const ZERO_KEPT_FIELDS: ReadonlySet<string> = qualify({
  'k8s.io.apimachinery.pkg.apis.meta.v1': {
    Condition: ['type', 'status', 'reason', 'message'],
    DeleteOptions: [
      'gracePeriodSeconds', 'orphanDependents', 'propagationPolicy',
      'ignoreStoreReadErrorWithClusterBreakingPotential',
    ],
    FieldSelectorRequirement: ['key', 'operator'],
    LabelSelectorRequirement: ['key', 'operator'],
    ObjectMeta: ['deletionGracePeriodSeconds'],
    OwnerReference: ['apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion'],
    Preconditions: ['uid', 'resourceVersion'],
  },
  'k8s.io.api.core.v1': {
    AWSElasticBlockStoreVolumeSource: ['volumeID'],
    AppArmorProfile: ['type', 'localhostProfile'],
    AttachedVolume: ['name', 'devicePath'],
    AzureDiskVolumeSource: ['diskName', 'diskURI', 'cachingMode', 'fsType', 'readOnly', 'kind'],
    AzureFileVolumeSource: ['secretName', 'shareName'],
    CSIVolumeSource: ['driver', 'readOnly', 'fsType'],
    CinderVolumeSource: ['volumeID'],
    ClientIPConfig: ['timeoutSeconds'],
    ClusterTrustBundleProjection: ['name', 'signerName', 'optional', 'path'],
    ConfigMap: ['immutable'],
    ConfigMapEnvSource: ['optional'],
    ConfigMapKeySelector: ['key', 'optional'],
    ConfigMapNodeConfigSource: ['namespace', 'name', 'kubeletConfigKey'],
    ConfigMapProjection: ['optional'],
    ConfigMapVolumeSource: ['defaultMode', 'optional'],
    Container: ['name', 'restartPolicy'],
    ContainerPort: ['containerPort'],
    ContainerResizePolicy: ['resourceName', 'restartPolicy'],
    ContainerStateTerminated: ['exitCode'],
    ContainerStatus: ['name', 'ready', 'restartCount', 'image', 'imageID', 'started'],
    DaemonEndpoint: ['Port'],
    DownwardAPIVolumeFile: ['path', 'mode'],
    DownwardAPIVolumeSource: ['defaultMode'],
    EndpointAddress: ['ip', 'nodeName'],
    EndpointPort: ['port', 'appProtocol'],
    EnvVar: ['name'],
    EphemeralContainerCommon: ['name', 'restartPolicy'],
    Event: ['reportingComponent', 'reportingInstance'],
    FCVolumeSource: ['lun'],
    FlexVolumeSource: ['driver'],
    GCEPersistentDiskVolumeSource: ['pdName'],
    GRPCAction: ['port', 'service'],
    GitRepoVolumeSource: ['repository'],
    GlusterfsVolumeSource: ['endpoints', 'path'],
    HTTPHeader: ['name', 'value'],
    HostAlias: ['ip'],
    HostIP: ['ip'],
    HostPathVolumeSource: ['path', 'type'],
    ISCSIVolumeSource: ['targetPortal', 'iqn', 'lun', 'initiatorName'],
    KeyToPath: ['key', 'path', 'mode'],
    LinuxContainerUser: ['uid', 'gid'],
    LoadBalancerIngress: ['ipMode'],
    ModifyVolumeStatus: ['status'],
    NFSVolumeSource: ['server', 'path'],
    NamespaceCondition: ['type', 'status'],
    NodeAddress: ['type', 'address'],
    NodeCondition: ['type', 'status'],
    NodeFeatures: ['supplementalGroupsPolicy'],
    NodeRuntimeHandler: ['name'],
    NodeRuntimeHandlerFeatures: ['recursiveReadOnlyMounts', 'userNamespaces'],
    NodeSelectorRequirement: ['key', 'operator'],
    NodeSystemInfo: [
      'machineID', 'systemUUID', 'bootID', 'kernelVersion', 'osImage', 'containerRuntimeVersion', 'kubeletVersion',
      'kubeProxyVersion', 'operatingSystem', 'architecture',
    ],
    ObjectFieldSelector: ['fieldPath'],
    PersistentVolumeClaimCondition: ['type', 'status'],
    PersistentVolumeClaimSpec: ['storageClassName', 'volumeMode', 'volumeAttributesClassName'],
    PersistentVolumeClaimStatus: ['currentVolumeAttributesClassName'],
    PersistentVolumeClaimVolumeSource: ['claimName'],
    PhotonPersistentDiskVolumeSource: ['pdID'],
    PodAffinityTerm: ['topologyKey'],
    PodCondition: ['type', 'status'],
    PodDNSConfigOption: ['value'],
    PodIP: ['ip'],
    PodOS: ['name'],
    PodReadinessGate: ['conditionType'],
    PodResourceClaim: ['name', 'resourceClaimName', 'resourceClaimTemplateName'],
    PodResourceClaimStatus: ['name', 'resourceClaimName'],
    PodSchedulingGate: ['name'],
    PodSecurityContext: [
      'runAsUser', 'runAsGroup', 'runAsNonRoot', 'supplementalGroupsPolicy', 'fsGroup', 'fsGroupChangePolicy',
      'seLinuxChangePolicy',
    ],
    PodSpec: [
      'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'automountServiceAccountToken',
      'shareProcessNamespace', 'priority', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy',
      'setHostnameAsFQDN', 'hostUsers',
    ],
    PortStatus: ['port', 'protocol', 'error'],
    PortworxVolumeSource: ['volumeID'],
    PreferredSchedulingTerm: ['weight'],
    Probe: ['terminationGracePeriodSeconds'],
    ProjectedVolumeSource: ['defaultMode'],
    QuobyteVolumeSource: ['registry', 'volume'],
    RBDVolumeSource: ['image'],
    ResourceClaim: ['name'],
    ResourceFieldSelector: ['resource'],
    ResourceHealth: ['resourceID'],
    ResourceStatus: ['name'],
    ScaleIOVolumeSource: ['gateway', 'system'],
    ScopedResourceSelectorRequirement: ['scopeName', 'operator'],
    SeccompProfile: ['type', 'localhostProfile'],
    Secret: ['immutable'],
    SecretEnvSource: ['optional'],
    SecretKeySelector: ['key', 'optional'],
    SecretProjection: ['optional'],
    SecretVolumeSource: ['defaultMode', 'optional'],
    SecurityContext: [
      'privileged', 'runAsUser', 'runAsGroup', 'runAsNonRoot', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation',
      'procMount',
    ],
    ServiceAccount: ['automountServiceAccountToken'],
    ServiceAccountTokenProjection: ['expirationSeconds', 'path'],
    ServicePort: ['appProtocol', 'port'],
    ServiceSpec: [
      'ipFamilyPolicy', 'allocateLoadBalancerNodePorts', 'loadBalancerClass', 'internalTrafficPolicy',
      'trafficDistribution',
    ],
    SleepAction: ['seconds'],
    Sysctl: ['name', 'value'],
    Taint: ['key', 'effect'],
    Toleration: ['tolerationSeconds'],
    TopologySpreadConstraint: [
      'maxSkew', 'topologyKey', 'whenUnsatisfiable', 'minDomains', 'nodeAffinityPolicy', 'nodeTaintsPolicy',
    ],
    TypedLocalObjectReference: ['apiGroup', 'kind', 'name'],
    TypedObjectReference: ['apiGroup', 'kind', 'name', 'namespace'],
    Volume: ['name'],
    VolumeDevice: ['name', 'devicePath'],
    VolumeMount: ['name', 'recursiveReadOnly', 'mountPath', 'mountPropagation'],
    VolumeMountStatus: ['name', 'mountPath', 'recursiveReadOnly'],
    VsphereVirtualDiskVolumeSource: ['volumePath'],
    WeightedPodAffinityTerm: ['weight'],
    WindowsSecurityContextOptions: ['gmsaCredentialSpecName', 'gmsaCredentialSpec', 'runAsUserName', 'hostProcess'],
  },
  'k8s.io.api.apps.v1': {
    ControllerRevision: ['revision'],
    DaemonSetCondition: ['type', 'status'],
    DaemonSetSpec: ['revisionHistoryLimit'],
    DaemonSetStatus: [
      'currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'collisionCount',
    ],
    DeploymentCondition: ['type', 'status'],
    DeploymentSpec: ['replicas', 'revisionHistoryLimit', 'progressDeadlineSeconds'],
    DeploymentStatus: ['collisionCount'],
    ReplicaSetCondition: ['type', 'status'],
    ReplicaSetSpec: ['replicas'],
    ReplicaSetStatus: ['replicas'],
    RollingUpdateStatefulSetStrategy: ['partition'],
    StatefulSetCondition: ['type', 'status'],
    StatefulSetOrdinals: ['start'],
    StatefulSetSpec: ['replicas', 'serviceName', 'revisionHistoryLimit'],
    StatefulSetStatus: ['replicas', 'collisionCount', 'availableReplicas'],
  },
  'k8s.io.api.autoscaling.v1': {
    CrossVersionObjectReference: ['kind', 'name'],
    HorizontalPodAutoscalerSpec: ['minReplicas', 'maxReplicas', 'targetCPUUtilizationPercentage'],
    HorizontalPodAutoscalerStatus: [
      'observedGeneration', 'currentReplicas', 'desiredReplicas', 'currentCPUUtilizationPercentage',
    ],
    ScaleStatus: ['replicas'],
  },
  'k8s.io.api.batch.v1': {
    CronJobSpec: [
      'schedule', 'timeZone', 'startingDeadlineSeconds', 'suspend', 'successfulJobsHistoryLimit',
      'failedJobsHistoryLimit',
    ],
    JobCondition: ['type', 'status'],
    JobSpec: [
      'parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'backoffLimitPerIndex',
      'maxFailedIndexes', 'manualSelector', 'ttlSecondsAfterFinished', 'completionMode', 'suspend',
      'podReplacementPolicy', 'managedBy',
    ],
    JobStatus: ['terminating', 'failedIndexes', 'ready'],
    PodFailurePolicyOnExitCodesRequirement: ['containerName', 'operator'],
    PodFailurePolicyOnPodConditionsPattern: ['type', 'status'],
    PodFailurePolicyRule: ['action'],
    SuccessPolicyRule: ['succeededIndexes', 'succeededCount'],
  },
  'k8s.io.api.policy.v1': {
    PodDisruptionBudgetSpec: ['unhealthyPodEvictionPolicy'],
    PodDisruptionBudgetStatus: ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'],
  },
  'k8s.io.api.networking.v1': {
    HTTPIngressPath: ['pathType'],
    IngressPortStatus: ['port', 'protocol', 'error'],
    IngressServiceBackend: ['name'],
    IngressSpec: ['ingressClassName'],
  },
  'k8s.io.api.rbac.v1': {
    RoleRef: ['apiGroup', 'kind', 'name'],
    Subject: ['kind', 'name'],
  },
  'k8s.io.api.scheduling.v1': {
    PriorityClass: ['value', 'preemptionPolicy'],
  },
  'k8s.io.api.authentication.v1': {
    TokenRequestSpec: ['expirationSeconds'],
    TokenRequestStatus: ['token'],
  },
  'k8s.io.api.authorization.v1': {
    SubjectAccessReviewStatus: ['allowed'],
  },
});

function qualify(fieldsByMessageByPackage: Record<string, Record<string, string[]>>): Set<string> {
  const names = new Set<string>();
  for (const [pkg, fieldsByMessage] of Object.entries(fieldsByMessageByPackage)) {
    for (const [message, fields] of Object.entries(fieldsByMessage)) {
      for (const field of fields) names.add(`${pkg}.${message}.${field}`);
    }
  }
  return names;
}
