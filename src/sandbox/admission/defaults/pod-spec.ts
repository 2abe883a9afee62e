/**
 * Defaults of everything inside a PodSpec, shared by Pods and every pod template:
 * pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec, _Container, _Probe, _HTTPGetAction, volume
 * sources) plus the declarative `+default` tags of k8s.io/api core/v1 that zz_generated.defaults.go
 * applies (container and Service ports TCP, gRPC probe service "").
 */
import type { KubeObject } from '../../api/status.js';

/** SetDefaults_PodSpec. */
export function defaultPodSpec(spec: KubeObject): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  // Convert_v1_PodSpec_To_core_PodSpec: the deprecated serviceAccount is an alias the
  // encoder writes back as a copy of serviceAccountName.
  spec.serviceAccountName ||= spec.serviceAccount ?? '';
  spec.serviceAccount = spec.serviceAccountName;
  for (const volume of (spec.volumes ?? []) as KubeObject[]) defaultVolume(volume);
  for (const c of containersOf(spec)) defaultContainer(c);
}

/** Regular, init and ephemeral containers: the generated defaulters visit all three. */
export function containersOf(spec: KubeObject): KubeObject[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].filter(
    (c): c is KubeObject => c != null && typeof c === 'object',
  );
}

/** SetDefaults_Container plus its ports, env field refs and probes. */
function defaultContainer(c: KubeObject): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  for (const port of (c.ports ?? []) as KubeObject[]) port.protocol ||= 'TCP';
  for (const env of (c.env ?? []) as KubeObject[]) {
    if (env?.valueFrom?.fieldRef) env.valueFrom.fieldRef.apiVersion ||= 'v1';
  }
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (probe) defaultProbe(probe);
  for (const handler of [c.lifecycle?.postStart, c.lifecycle?.preStop]) if (handler?.httpGet) defaultHTTPGet(handler.httpGet);
}

/**
 * The tag parsers.ParseImageName finds: `latest` when neither tag nor digest is given, empty for
 * a digest or for a reference docker's parser rejects (which then gets IfNotPresent).
 */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  const repository = colon >= 0 ? name.slice(0, colon) : name;
  const path = lastSlash >= 0 ? repository.slice(repository.indexOf('/') + 1) : repository;
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(path)) return '';
  if (colon >= 0) return name.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

/** SetDefaults_Probe and its handler's. */
function defaultProbe(probe: KubeObject): void {
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
  if (!probe.periodSeconds) probe.periodSeconds = 10;
  if (!probe.successThreshold) probe.successThreshold = 1;
  if (!probe.failureThreshold) probe.failureThreshold = 3;
  if (probe.httpGet) defaultHTTPGet(probe.httpGet);
  if (probe.grpc) probe.grpc.service ??= '';
}

/** SetDefaults_HTTPGetAction. */
function defaultHTTPGet(action: KubeObject): void {
  action.path ||= '/';
  action.scheme ||= 'HTTP';
}

const DEFAULT_MODE = 0o644;

/** SetDefaults_Volume and the volume sources' defaulters. */
function defaultVolume(volume: KubeObject): void {
  const sources = Object.keys(volume).filter((k) => k !== 'name' && volume[k] != null);
  // A volume that names no source is an emptyDir.
  if (sources.length === 0) volume.emptyDir = {};
  if (volume.secret) volume.secret.defaultMode ??= DEFAULT_MODE;
  if (volume.configMap) volume.configMap.defaultMode ??= DEFAULT_MODE;
  if (volume.downwardAPI) {
    volume.downwardAPI.defaultMode ??= DEFAULT_MODE;
    for (const item of (volume.downwardAPI.items ?? []) as KubeObject[]) if (item?.fieldRef) item.fieldRef.apiVersion ||= 'v1';
  }
  if (volume.projected) {
    volume.projected.defaultMode ??= DEFAULT_MODE;
    for (const source of (volume.projected.sources ?? []) as KubeObject[]) {
      if (source?.serviceAccountToken) source.serviceAccountToken.expirationSeconds ??= 3600;
      for (const item of (source?.downwardAPI?.items ?? []) as KubeObject[]) if (item?.fieldRef) item.fieldRef.apiVersion ||= 'v1';
    }
  }
  if (volume.hostPath) volume.hostPath.type ??= '';
  if (volume.iscsi) volume.iscsi.iscsiInterface ||= 'default';
  if (volume.rbd) {
    volume.rbd.pool ||= 'rbd';
    volume.rbd.user ||= 'admin';
    volume.rbd.keyring ||= '/etc/ceph/keyring';
  }
  if (volume.azureDisk) {
    volume.azureDisk.cachingMode ??= 'ReadWrite';
    volume.azureDisk.fsType ??= 'ext4';
    volume.azureDisk.readOnly ??= false;
    volume.azureDisk.kind ??= 'Shared';
  }
  if (volume.scaleIO) {
    volume.scaleIO.storageMode ||= 'ThinProvisioned';
    volume.scaleIO.fsType ||= 'xfs';
  }
  if (volume.ephemeral?.volumeClaimTemplate?.spec) volume.ephemeral.volumeClaimTemplate.spec.volumeMode ??= 'Filesystem';
}

/**
 * SetDefaults_Pod (Pods only, never templates): requests default to limits, service links on,
 * host-network ports mirrored to hostPort.
 */
export function defaultPodOnly(spec: KubeObject): void {
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])] as KubeObject[]) {
    const limits = c?.resources?.limits;
    if (!limits || typeof limits !== 'object') continue;
    const requests = (c.resources.requests ??= {});
    for (const [name, value] of Object.entries(limits)) if (!(name in requests)) requests[name] = value;
  }
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])] as KubeObject[]) {
      for (const port of (c?.ports ?? []) as KubeObject[]) if (!port.hostPort) port.hostPort = port.containerPort;
    }
  }
}
