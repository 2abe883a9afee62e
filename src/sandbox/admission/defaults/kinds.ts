/**
 * Per-kind defaulters: pkg/apis/apps/v1/defaults.go, pkg/apis/core/v1/defaults.go and
 * pkg/apis/discovery/v1/defaults.go, plus the v1 conversions whose effect shows in what is stored
 * (Secret stringData). Each mutates the object it is given.
 */
import type { KubeObject } from '../../api/status.js';
import { defaultPodOnly, defaultPodSpec } from './pod-spec.js';

type Defaulter = (obj: KubeObject) => void;

const templateSpec = (obj: KubeObject): KubeObject | undefined => {
  const template = obj.spec?.template;
  if (template == null || typeof template !== 'object') return undefined;
  return (template.spec ??= {});
};

const withTemplate = (own: Defaulter): Defaulter => (obj) => {
  obj.spec ??= {};
  own(obj);
  const spec = templateSpec(obj);
  if (spec) defaultPodSpec(spec);
};

/** SetDefaults_Deployment: 1 replica, RollingUpdate 25%/25%, 10 revisions, 600s deadline. */
const deployment: Defaulter = ({ spec }) => {
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling.maxUnavailable ??= '25%';
    rolling.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
};

const replicaSet: Defaulter = ({ spec }) => {
  spec.replicas ??= 1;
};

/** SetDefaults_StatefulSet (StatefulSetAutoDeletePVC is on in 1.32). */
const statefulSet: Defaulter = ({ spec }) => {
  spec.podManagementPolicy ||= 'OrderedReady';
  const update = (spec.updateStrategy ??= {});
  if (!update.type) {
    update.type = 'RollingUpdate';
    update.rollingUpdate ??= {};
  }
  if (update.type === 'RollingUpdate' && update.rollingUpdate) update.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  for (const claim of (spec.volumeClaimTemplates ?? []) as KubeObject[]) persistentVolumeClaim(claim);
};

const daemonSet: Defaulter = ({ spec }) => {
  const update = (spec.updateStrategy ??= {});
  update.type ||= 'RollingUpdate';
  if (update.type === 'RollingUpdate') {
    const rolling = (update.rollingUpdate ??= {});
    rolling.maxUnavailable ??= 1;
    rolling.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
};

/** SetDefaults_ReplicationController: selector and labels follow the template's labels. */
const replicationController: Defaulter = (obj) => {
  const labels = obj.spec.template?.metadata?.labels;
  if (labels) {
    if (!obj.spec.selector || Object.keys(obj.spec.selector).length === 0) obj.spec.selector = { ...labels };
    obj.metadata ??= {};
    if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) obj.metadata.labels = { ...labels };
  }
  obj.spec.replicas ??= 1;
};

const pod: Defaulter = (obj) => {
  const spec = (obj.spec ??= {});
  defaultPodOnly(spec);
  defaultPodSpec(spec);
};

/** SetDefaults_Service; IP families are the allocator's (see service-addresses.ts). */
const service: Defaulter = (obj) => {
  const spec = (obj.spec ??= {});
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  spec.type ||= 'ClusterIP';
  for (const port of (spec.ports ?? []) as KubeObject[]) {
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  const externallyAccessible = spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);
  if (externallyAccessible) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.internalTrafficPolicy == null && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts ??= true;
    for (const ingress of (obj.status?.loadBalancer?.ingress ?? []) as KubeObject[]) if (ingress?.ip) ingress.ipMode ??= 'VIP';
  }
};

/** SetDefaults_Namespace (the name label always wins) and SetDefaults_NamespaceStatus. */
const namespace: Defaulter = (obj) => {
  const name = obj.metadata?.name;
  if (name) obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': name };
  obj.status ??= {};
  obj.status.phase ||= 'Active';
};

/** SetDefaults_Secret, and Convert_v1_Secret_To_core_Secret folding stringData into data. */
const secret: Defaulter = (obj) => {
  obj.type ||= 'Opaque';
  if (obj.stringData && typeof obj.stringData === 'object') {
    obj.data = { ...obj.data };
    for (const [k, v] of Object.entries(obj.stringData)) obj.data[k] = Buffer.from(String(v)).toString('base64');
  }
  delete obj.stringData;
};

const endpoints: Defaulter = (obj) => {
  for (const subset of (obj.subsets ?? []) as KubeObject[]) for (const port of (subset?.ports ?? []) as KubeObject[]) port.protocol ||= 'TCP';
};

/** discovery/v1 SetDefaults_EndpointPort: an unnamed TCP port unless told otherwise. */
const endpointSlice: Defaulter = (obj) => {
  for (const port of (obj.ports ?? []) as KubeObject[]) {
    port.name ??= '';
    port.protocol ??= 'TCP';
  }
};

/** SetDefaults_NodeStatus: allocatable starts as capacity. */
const node: Defaulter = (obj) => {
  if (obj.status?.capacity && !obj.status.allocatable) obj.status.allocatable = { ...obj.status.capacity };
};

function persistentVolumeClaim(obj: KubeObject): void {
  obj.spec ??= {};
  obj.spec.volumeMode ??= 'Filesystem';
  obj.status ??= {};
  obj.status.phase ||= 'Pending';
}

const persistentVolume: Defaulter = (obj) => {
  obj.spec ??= {};
  obj.spec.persistentVolumeReclaimPolicy ||= 'Retain';
  obj.spec.volumeMode ??= 'Filesystem';
  obj.status ??= {};
  obj.status.phase ||= 'Pending';
};

/** SetDefaults_LimitRangeItem: container defaults fall back to max, default requests to defaults then min. */
const limitRange: Defaulter = (obj) => {
  for (const item of (obj.spec?.limits ?? []) as KubeObject[]) {
    if (item?.type !== 'Container') continue;
    item.default = { ...item.max, ...item.default };
    item.defaultRequest = { ...item.min, ...item.default, ...item.defaultRequest };
  }
};

export const DEFAULTERS: Readonly<Record<string, Defaulter>> = {
  Deployment: withTemplate(deployment),
  ReplicaSet: withTemplate(replicaSet),
  StatefulSet: withTemplate(statefulSet),
  DaemonSet: withTemplate(daemonSet),
  ReplicationController: withTemplate(replicationController),
  PodTemplate: (obj) => {
    if (obj.template) defaultPodSpec((obj.template.spec ??= {}));
  },
  Pod: pod,
  Service: service,
  Namespace: namespace,
  Secret: secret,
  Endpoints: endpoints,
  EndpointSlice: endpointSlice,
  Node: node,
  PersistentVolumeClaim: persistentVolumeClaim,
  PersistentVolume: persistentVolume,
  LimitRange: limitRange,
};
