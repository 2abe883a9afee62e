/**
 * Containers: pkg/apis/core/validation/validation.go validateContainers, validateInitContainers,
 * validateContainerCommon and what they call (ports, env, mounts, probes, lifecycle, resources,
 * security context), with Kubernetes 1.32's feature gates.
 */
import type { KubeObject } from '../../api/status.js';
import { child, duplicate, forbidden, index, invalid, notFound, notSupported, required, type FieldError } from '../field-errors.js';
import { isConfigMapKey, isDNS1123Label, isEnvVarName, isQualifiedName, isValidPortName, isValidPortNum } from '../name-rules.js';
import { nameIsDNSSubdomain } from '../meta-validation.js';
import { validateProbe, validateLifecycle } from './probes.js';
import { validateResourceRequirements } from './resources.js';
import { validateContainerSecurityContext } from './security-context.js';

export interface ContainerContext {
  /** Names of the pod's valid volumes. */
  volumes: ReadonlySet<string>;
  gracePeriod: number | undefined;
  podRestartPolicy: string | undefined;
}

export const dns1123Label = (value: string, field: string): FieldError[] => isDNS1123Label(value).map((msg) => invalid(field, value, msg));

const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: KubeObject[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const path = index(field, i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) errs.push(...msgs.map((m) => invalid(child(path, 'name'), port.name, m)));
      else if (names.has(port.name)) errs.push(duplicate(child(path, 'name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(child(path, 'containerPort')));
    else errs.push(...isValidPortNum(port.containerPort).map((m) => invalid(child(path, 'containerPort'), port.containerPort, m)));
    if (port.hostPort) errs.push(...isValidPortNum(port.hostPort).map((m) => invalid(child(path, 'hostPort'), port.hostPort, m)));
    if (!port.protocol) errs.push(required(child(path, 'protocol')));
    else if (!PORT_PROTOCOLS.includes(port.protocol)) errs.push(notSupported(child(path, 'protocol'), port.protocol, PORT_PROTOCOLS));
  });
  return errs;
}

const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
/** Labels podshelper.ConvertDownwardAPIFieldLabel accepts for v1. */
const CONVERTIBLE_FIELD_LABELS = new Set(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs']);

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['app']`. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const parts = fieldPath.slice(0, -2).split("['");
  if (parts.length < 2 || !parts[0]) return undefined;
  return [parts[0], parts.slice(1).join("['")];
}

/** validateObjectFieldSelector: a downward API field reference, against the paths allowed here. */
export function validateObjectFieldSelector(ref: KubeObject, allowed: readonly string[], field: string): FieldError[] {
  if (!ref.apiVersion) return [required(child(field, 'apiVersion'))];
  if (!ref.fieldPath) return [required(child(field, 'fieldPath'))];
  const fieldPath = String(ref.fieldPath);
  const subscripted = splitSubscript(fieldPath);
  let conversionError: string | undefined;
  if (ref.apiVersion !== 'v1') conversionError = `unsupported pod version: ${ref.apiVersion}`;
  else if (subscripted && subscripted[0] !== 'metadata.annotations' && subscripted[0] !== 'metadata.labels') conversionError = `field label does not support subscript: ${fieldPath}`;
  else if (!subscripted && !CONVERTIBLE_FIELD_LABELS.has(fieldPath) && fieldPath !== 'spec.host') conversionError = `field label not supported: ${fieldPath}`;
  if (conversionError) return [invalid(child(field, 'fieldPath'), fieldPath, `error converting fieldPath: ${conversionError}`)];
  if (subscripted) {
    const [path, key] = subscripted;
    // Annotation keys are case-insensitive, so they are checked (and shown) lowercased.
    const name = path === 'metadata.annotations' ? key.toLowerCase() : key;
    return isQualifiedName(name).map((m) => invalid(field, name, m));
  }
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  return allowed.includes(internal) ? [] : [notSupported(child(field, 'fieldPath'), internal, allowed)];
}

function validateKeySelector(ref: KubeObject, field: string): FieldError[] {
  const errs = nameIsDNSSubdomain(ref.name ?? '', false).map((m) => invalid(child(field, 'name'), ref.name ?? '', m));
  if (!ref.key) errs.push(required(child(field, 'key')));
  else errs.push(...isConfigMapKey(ref.key).map((m) => invalid(child(field, 'key'), ref.key, m)));
  return errs;
}

/** validateEnvVarValueFrom. */
function validateValueFrom(env: KubeObject, field: string): FieldError[] {
  const from = env.valueFrom;
  if (!from) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  if (from.fieldRef) {
    sources++;
    errs.push(...validateObjectFieldSelector(from.fieldRef, ENV_FIELD_PATHS, child(field, 'fieldRef')));
  }
  if (from.resourceFieldRef) {
    sources++;
    const ref = from.resourceFieldRef;
    const path = child(field, 'resourceFieldRef');
    if (!ref.resource) errs.push(required(child(path, 'resource')));
    else if (!RESOURCE_FIELD_PATHS.includes(ref.resource) && !/^(requests|limits)\.hugepages-/.test(ref.resource)) {
      errs.push(notSupported(child(path, 'resource'), ref.resource, RESOURCE_FIELD_PATHS));
    }
  }
  if (from.configMapKeyRef) {
    sources++;
    errs.push(...validateKeySelector(from.configMapKeyRef, child(field, 'configMapKeyRef')));
  }
  if (from.secretKeyRef) {
    sources++;
    errs.push(...validateKeySelector(from.secretKeyRef, child(field, 'secretKeyRef')));
  }
  if (sources === 0) errs.push(invalid(field, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (env.value) errs.push(invalid(field, '', 'may not be specified when `value` is not empty'));
  else if (sources > 1) errs.push(invalid(field, '', 'may not have more than one field specified at a time'));
  return errs;
}

function validateEnv(env: KubeObject[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const path = index(field, i);
    if (!ev.name) errs.push(required(child(path, 'name')));
    else errs.push(...isEnvVarName(ev.name).map((m) => invalid(child(path, 'name'), ev.name, m)));
    errs.push(...validateValueFrom(ev, child(path, 'valueFrom')));
  });
  return errs;
}

function validateEnvFrom(sources: KubeObject[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (sources ?? []).forEach((src, i) => {
    const path = index(field, i);
    if (src.prefix) errs.push(...isEnvVarName(src.prefix).map((m) => invalid(child(path, 'prefix'), src.prefix, m)));
    let count = 0;
    for (const key of ['configMapRef', 'secretRef'] as const) {
      if (!src[key]) continue;
      count++;
      const name = src[key].name;
      if (!name) errs.push(required(child(path, key, 'name')));
      else errs.push(...nameIsDNSSubdomain(name, true).map((m) => invalid(child(path, key, 'name'), name, m)));
    }
    if (count === 0) errs.push(invalid(field, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (count > 1) errs.push(invalid(field, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

/** ValidateVolumeMounts (no volumeDevices in the sandbox). */
function validateVolumeMounts(mounts: KubeObject[] | undefined, ctx: ContainerContext, container: KubeObject, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const path = index(field, i);
    if (!m.name) errs.push(required(child(path, 'name')));
    if (!ctx.volumes.has(m.name)) errs.push(notFound(child(path, 'name'), m.name ?? ''));
    if (!m.mountPath) errs.push(required(child(path, 'mountPath')));
    if (mountPoints.has(m.mountPath)) errs.push(invalid(child(path, 'mountPath'), m.mountPath, 'must be unique'));
    mountPoints.add(m.mountPath);
    // Upstream reports subPath problems against the list's path, not the item's.
    if (m.subPath) errs.push(...localDescendingPath(m.subPath, child(field, 'subPath')));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(invalid(child(path, 'subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...localDescendingPath(m.subPathExpr, child(field, 'subPathExpr')));
    }
    if (m.mountPropagation) {
      const supported = ['Bidirectional', 'HostToContainer', 'None'];
      const propagation = child(field, 'mountPropagation');
      if (!supported.includes(m.mountPropagation)) errs.push(notSupported(propagation, m.mountPropagation, supported));
      if (m.mountPropagation === 'Bidirectional' && container.securityContext?.privileged !== true) {
        errs.push(forbidden(propagation, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
  });
  return errs;
}

/** validateLocalDescendingPath: relative, without `..` elements. */
export function localDescendingPath(target: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(invalid(field, target, 'must be a relative path'));
  if (target.replaceAll('\\', '/').split('/').includes('..')) errs.push(invalid(field, target, "must not contain '..'"));
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/** validateContainerCommon. */
function validateContainerCommon(c: KubeObject, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(child(path, 'name')));
  else errs.push(...dns1123Label(c.name, child(path, 'name')));
  if (!c.image) errs.push(required(child(path, 'image')));
  const policy = c.terminationMessagePolicy;
  if (!policy) errs.push(required(child(path, 'terminationMessagePolicy')));
  else if (policy !== 'File' && policy !== 'FallbackToLogsOnError') errs.push(notSupported(child(path, 'terminationMessagePolicy'), policy, ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(c.ports, child(path, 'ports')));
  errs.push(...validateEnv(c.env, child(path, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, ctx, c, child(path, 'volumeMounts')));
  if (!c.imagePullPolicy) errs.push(required(child(path, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(notSupported(child(path, 'imagePullPolicy'), c.imagePullPolicy, PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources, child(path, 'resources')));
  errs.push(...validateResizePolicy(c.resizePolicy, child(path, 'resizePolicy'), ctx.podRestartPolicy));
  errs.push(...validateContainerSecurityContext(c.securityContext, child(path, 'securityContext')));
  return errs;
}

function validateResizePolicy(policies: KubeObject[] | undefined, field: string, podRestartPolicy: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (policies ?? []).forEach((p, i) => {
    if (seen.has(p.resourceName)) errs.push(duplicate(index(field, i), p.resourceName));
    seen.add(p.resourceName);
    if (!p.resourceName) errs.push(required(field));
    else if (p.resourceName !== 'cpu' && p.resourceName !== 'memory') errs.push(notSupported(field, p.resourceName, ['cpu', 'memory']));
    if (!p.restartPolicy) errs.push(required(field));
    else if (p.restartPolicy !== 'NotRequired' && p.restartPolicy !== 'RestartContainer') errs.push(notSupported(field, p.restartPolicy, ['NotRequired', 'RestartContainer']));
    if (podRestartPolicy === 'Never' && p.restartPolicy !== 'NotRequired') errs.push(invalid(field, p.restartPolicy ?? '', "must be 'NotRequired' when `restartPolicy` is 'Never'"));
  });
  return errs;
}

/** checkHostPortConflicts: one `protocol/hostIP/port` per pod. */
function hostPortConflicts(containers: KubeObject[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((p: KubeObject, pi: number) => {
      if (!p.hostPort) return;
      const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(child(index(child(index(field, ci), 'ports'), pi), 'hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

/** validateContainers (regular containers). */
export function validateContainers(containers: KubeObject[] | undefined, ctx: ContainerContext, field: string): FieldError[] {
  if (!containers || containers.length === 0) return [required(field)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const path = index(field, i);
    errs.push(...validateContainerCommon(c, ctx, path));
    if (names.has(c.name)) errs.push(duplicate(child(path, 'name'), c.name ?? ''));
    else names.add(c.name);
    if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, child(path, 'lifecycle')));
    errs.push(...validateProbe('liveness', c.livenessProbe, ctx.gracePeriod, child(path, 'livenessProbe')));
    errs.push(...validateProbe('readiness', c.readinessProbe, ctx.gracePeriod, child(path, 'readinessProbe')));
    errs.push(...validateProbe('startup', c.startupProbe, ctx.gracePeriod, child(path, 'startupProbe')));
    if (c.restartPolicy != null) errs.push(forbidden(child(path, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  return [...errs, ...hostPortConflicts(containers, field)];
}

/** validateInitContainers: names unique across both lists; probes only for sidecars. */
export function validateInitContainers(inits: KubeObject[] | undefined, regular: KubeObject[] | undefined, ctx: ContainerContext, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>((regular ?? []).map((c) => c.name));
  (inits ?? []).forEach((c, i) => {
    const path = index(field, i);
    errs.push(...validateContainerCommon(c, ctx, path));
    let sidecar = false;
    if (c.restartPolicy != null) {
      if (c.restartPolicy !== 'Always') errs.push(notSupported(child(path, 'restartPolicy'), c.restartPolicy, ['Always']));
      sidecar = c.restartPolicy === 'Always';
    }
    if (names.has(c.name)) errs.push(duplicate(child(path, 'name'), c.name ?? ''));
    else if (c.name) names.add(c.name);
    errs.push(...hostPortConflicts([c], field));
    if (sidecar) {
      if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, child(path, 'lifecycle')));
      errs.push(...validateProbe('liveness', c.livenessProbe, ctx.gracePeriod, child(path, 'livenessProbe')));
      errs.push(...validateProbe('readiness', c.readinessProbe, ctx.gracePeriod, child(path, 'readinessProbe')));
      errs.push(...validateProbe('startup', c.startupProbe, ctx.gracePeriod, child(path, 'startupProbe')));
    } else {
      for (const k of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[k] != null) errs.push(forbidden(child(path, k), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}
