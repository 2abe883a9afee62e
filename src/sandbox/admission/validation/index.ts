/**
 * validateCreate / validateUpdate / validateStatusUpdate: each kind's strategy Validate and
 * ValidateUpdate (pkg/registry/<group>/<kind>/strategy.go), on objects that have been defaulted.
 */
import type { KubeObject } from '../../api/status.js';
import { invalid, nonNegative, required, type FieldError } from '../field-errors.js';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../meta-validation.js';
import { dropTypeDependentFields, normalizeClusterIPs, patchAllocatedValues } from '../service-addresses.js';
import { immutableSelector, validateDeploymentSpec, validateReplicaSetSpec, validateWorkloadStatus } from './apps.js';
import {
  validateConfigMap,
  validateConfigMapUpdate,
  validateEndpointSlice,
  validateEndpoints,
  validateEvent,
  validateNamespace,
  validateNode,
  validateNodeUpdate,
  validateSecret,
  validateSecretUpdate,
} from './core-kinds.js';
import { validatePodCreate, validatePodUpdate } from './pod.js';
import { validateDaemonSetSpec, validateDaemonSetStatus } from './daemonset.js';
import { validateService, validateServiceUpdate } from './service.js';
import { RBAC_CREATE, RBAC_UPDATE } from './rbac.js';

type Create = (obj: KubeObject) => FieldError[];
type Update = (obj: KubeObject, old: KubeObject) => FieldError[];

const namespaced = (obj: KubeObject) => validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain);

/**
 * The Service REST storage syncs clusterIP/clusterIPs (and on update restores allocated values and
 * drops type-dependent ones) before its strategy validates; doing it on a copy here keeps the
 * result independent of whether the caller already did.
 */
function preparedService(svc: KubeObject, old?: KubeObject): KubeObject {
  const copy = structuredClone(svc);
  if (old) {
    patchAllocatedValues(copy, old);
    dropTypeDependentFields(copy, old);
  }
  normalizeClusterIPs(copy, old);
  return copy;
}

const CREATE: Readonly<Record<string, Create>> = {
  Deployment: (d) => [...namespaced(d), ...validateDeploymentSpec(d.spec)],
  ReplicaSet: (rs) => [...namespaced(rs), ...validateReplicaSetSpec(rs.spec)],
  DaemonSet: (ds) => [...namespaced(ds), ...validateDaemonSetSpec(ds.spec)],
  Pod: validatePodCreate,
  Service: (svc) => validateService(preparedService(svc)),
  Namespace: validateNamespace,
  ConfigMap: validateConfigMap,
  Secret: validateSecret,
  Endpoints: validateEndpoints,
  EndpointSlice: validateEndpointSlice,
  Node: validateNode,
  Event: validateEvent,
  ControllerRevision: (cr) => [...namespaced(cr), ...(cr.data == null ? [required('data', 'data is mandatory')] : []), ...nonNegative(cr.revision, 'revision')],
  ...RBAC_CREATE,
};

const UPDATE: Readonly<Record<string, Update>> = {
  Deployment: (d, old) => [...validateObjectMetaUpdate(d.metadata, old.metadata), ...validateDeploymentSpec(d.spec), ...immutableSelector(d.spec, old.spec)],
  // ValidateReplicaSet then ValidateReplicaSetUpdate; the spec errors they share are listed once, as in the 422.
  ReplicaSet: (rs, old) => [...CREATE.ReplicaSet!(rs), ...validateObjectMetaUpdate(rs.metadata, old.metadata), ...immutableSelector(rs.spec, old.spec)],
  // ValidateDaemonSet, ValidateDaemonSetUpdate (its spec errors again are listed once), then the apps/v1 selector rule.
  DaemonSet: (ds, old) => [...CREATE.DaemonSet!(ds), ...validateObjectMetaUpdate(ds.metadata, old.metadata), ...immutableSelector(ds.spec, old.spec)],
  Pod: validatePodUpdate,
  Service: (svc, old) => validateServiceUpdate(preparedService(svc, old), old),
  Namespace: (ns, old) => [...validateNamespace(ns), ...validateObjectMetaUpdate(ns.metadata, old.metadata)],
  ConfigMap: validateConfigMapUpdate,
  Secret: validateSecretUpdate,
  Endpoints: (ep, old) => [...validateObjectMetaUpdate(ep.metadata, old.metadata), ...validateEndpoints(ep)],
  EndpointSlice: (s, old) => [...validateObjectMetaUpdate(s.metadata, old.metadata), ...validateEndpointSlice(s), ...(s.addressType !== old.addressType ? [invalid('addressType', s.addressType ?? '', 'field is immutable')] : [])],
  Node: validateNodeUpdate,
  Event: (e, old) => [...validateObjectMetaUpdate(e.metadata, old.metadata), ...validateEvent(e)],
  ...RBAC_UPDATE,
};

/** Other kinds: object metadata only (a DNS-subdomain name, valid labels and annotations). */
const generic: Create = (obj) => validateObjectMeta(obj.metadata, obj.metadata?.namespace != null, nameIsDNSSubdomain);

export function validateCreate(kind: string, obj: KubeObject): FieldError[] {
  return (CREATE[kind] ?? generic)(obj);
}

export function validateUpdate(kind: string, obj: KubeObject, old: KubeObject): FieldError[] {
  const update = UPDATE[kind];
  if (update) return update(obj, old);
  return [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...(CREATE[kind] ?? generic)(obj)];
}

/** The status subresource's ValidateUpdate: metadata rules plus the status' own. */
export function validateStatusUpdate(kind: string, obj: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata);
  if (kind === 'Deployment' || kind === 'ReplicaSet') errs.push(...validateWorkloadStatus(kind, obj.status, old.status));
  if (kind === 'DaemonSet') errs.push(...validateDaemonSetStatus(obj.status, old.status));
  return errs;
}
