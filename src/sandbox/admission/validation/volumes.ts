/**
 * Pod volumes: ValidateVolumes and validateVolumeSource of pkg/apis/core/validation/validation.go,
 * with full checks for the sources a course uses and the one-source-per-volume rule for all.
 */
import type { KubeObject } from '../../api/status.js';
import { child, duplicate, forbidden, index, invalid, notSupported, required, type FieldError } from '../field-errors.js';
import { localDescendingPath, dns1123Label, validateObjectFieldSelector } from './container.js';

/** Upstream's check order and the path segment it blames (typos included: `downwarAPI`). */
const SOURCES: readonly [json: string, blamed: string][] = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'], ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'], ['cinder', 'cinder'], ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'], ['flexVolume', 'flexVolume'], ['configMap', 'configMap'],
  ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'], ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'], ['storageos', 'storageos'], ['projected', 'projected'],
  ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
];

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

const fileMode = (mode: unknown, field: string): FieldError[] =>
  mode != null && (Number(mode) > 0o777 || Number(mode) < 0) ? [invalid(field, Number(mode), FILE_MODE_ERROR)] : [];

/** ValidateLocalNonReservedPath. */
function localNonReservedPath(target: string, field: string): FieldError[] {
  const errs = localDescendingPath(target, field);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(field, target, "must not start with '..'"));
  return errs;
}

function keyToPaths(items: KubeObject[] | undefined, field: string): FieldError[] {
  return (items ?? []).flatMap((kp, i) => {
    const path = index(field, i);
    const errs: FieldError[] = [];
    if (!kp.key) errs.push(required(child(path, 'key')));
    if (!kp.path) errs.push(required(child(path, 'path')));
    errs.push(...localNonReservedPath(kp.path ?? '', child(path, 'path')));
    errs.push(...fileMode(kp.mode, child(path, 'mode')));
    return errs;
  });
}

function downwardAPIFiles(items: KubeObject[] | undefined, field: string): FieldError[] {
  return (items ?? []).flatMap((file) => {
    const errs: FieldError[] = [];
    if (!file.path) errs.push(required(child(field, 'path')));
    errs.push(...localNonReservedPath(file.path ?? '', child(field, 'path')));
    if (file.fieldRef) {
      errs.push(...validateObjectFieldSelector(file.fieldRef, VOLUME_FIELD_PATHS, child(field, 'fieldRef')));
      if (file.resourceFieldRef) errs.push(invalid(field, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
    } else if (file.resourceFieldRef) {
      if (!file.resourceFieldRef.containerName) errs.push(required(child(field, 'resourceFieldRef', 'containerName')));
    } else {
      errs.push(required(field, 'one of fieldRef and resourceFieldRef is required'));
    }
    errs.push(...fileMode(file.mode, child(field, 'mode')));
    return errs;
  });
}

function projectedSources(projected: KubeObject, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (projected.sources ?? []).forEach((source: KubeObject, i: number) => {
    const srcPath = index(child(field, 'sources'), i);
    let count = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      if (!source[kind]) continue;
      count++;
      if (!source[kind].name) errs.push(required(child(srcPath, kind, 'name')));
      errs.push(...keyToPaths(source[kind].items, child(srcPath, kind, 'items')));
    }
    if (source.downwardAPI) {
      count++;
      errs.push(...downwardAPIFiles(source.downwardAPI.items, child(srcPath, 'downwardAPI')));
    }
    if (source.serviceAccountToken) {
      count++;
      const token = source.serviceAccountToken;
      const seconds = token.expirationSeconds ?? 0;
      if (seconds < 600) errs.push(invalid(child(srcPath, 'serviceAccountToken', 'expirationSeconds'), seconds, 'may not specify a duration less than 10 minutes'));
      if (seconds > 2 ** 32) errs.push(invalid(child(srcPath, 'serviceAccountToken', 'expirationSeconds'), seconds, 'may not specify a duration larger than 2^32 seconds'));
      if (!token.path) errs.push(required(child(field, 'path')));
      else errs.push(...localNonReservedPath(token.path, child(field, 'path')));
    }
    if (source.clusterTrustBundle) count++;
    if (count > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

/** The per-source checks of validateVolumeSource for the sources it details. */
function validateSource(json: string, src: KubeObject, field: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (json) {
    case 'emptyDir':
      if (typeof src.sizeLimit === 'string' && src.sizeLimit.trim().startsWith('-')) errs.push(forbidden(child(field, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      break;
    case 'hostPath':
      if (!src.path) return [required(child(field, 'path'))];
      if (String(src.path).split('/').includes('..')) errs.push(invalid(child(field, 'path'), src.path, "must not contain '..'"));
      if (src.type != null && !HOST_PATH_TYPES.includes(src.type)) errs.push(notSupported(child(field, 'type'), src.type, HOST_PATH_TYPES));
      break;
    case 'secret':
      if (!src.secretName) errs.push(required(child(field, 'secretName')));
      errs.push(...fileMode(src.defaultMode, child(field, 'defaultMode')), ...keyToPaths(src.items, child(field, 'items')));
      break;
    case 'configMap':
      if (!src.name) errs.push(required(child(field, 'name')));
      errs.push(...fileMode(src.defaultMode, child(field, 'defaultMode')), ...keyToPaths(src.items, child(field, 'items')));
      break;
    case 'persistentVolumeClaim':
      if (!src.claimName) errs.push(required(child(field, 'claimName')));
      break;
    case 'downwardAPI':
      errs.push(...fileMode(src.defaultMode, child(field, 'defaultMode')), ...downwardAPIFiles(src.items, field));
      break;
    case 'projected':
      errs.push(...fileMode(src.defaultMode, child(field, 'defaultMode')), ...projectedSources(src, field));
      break;
    case 'nfs':
      if (!src.server) errs.push(required(child(field, 'server')));
      if (!src.path) errs.push(required(child(field, 'path')));
      if (!String(src.path ?? '').startsWith('/')) errs.push(invalid(child(field, 'path'), src.path ?? '', 'must be an absolute path'));
      break;
    case 'gitRepo':
      if (!src.repository) errs.push(required(child(field, 'repository')));
      errs.push(...localDescendingPath(src.directory ?? '', child(field, 'directory')));
      break;
    case 'csi':
      if (!src.driver) errs.push(required(child(field, 'driver')));
      break;
    case 'ephemeral':
      if (!src.volumeClaimTemplate) errs.push(required(child(field, 'volumeClaimTemplate')));
      break;
  }
  return errs;
}

/** ValidateVolumes: returns the names a container may mount (those of valid volumes). */
export function validateVolumes(volumes: KubeObject[] | undefined, field: string): { names: Set<string>; errors: FieldError[] } {
  const names = new Set<string>();
  const errors: FieldError[] = [];
  (volumes ?? []).forEach((vol, i) => {
    const path = index(field, i);
    const el: FieldError[] = [];
    let count = 0;
    for (const [json, blamed] of SOURCES) {
      if (vol[json] == null) continue;
      if (count > 0) {
        el.push(forbidden(child(path, blamed), 'may not specify more than 1 volume type'));
        continue;
      }
      count++;
      el.push(...validateSource(json, vol[json], child(path, json)));
    }
    if (count === 0) el.push(required(path, 'must specify a volume type'));
    if (!vol.name) el.push(required(child(path, 'name')));
    else el.push(...dns1123Label(vol.name, child(path, 'name')));
    if (names.has(vol.name)) el.push(duplicate(child(path, 'name'), vol.name));
    if (el.length === 0) names.add(vol.name);
    else errors.push(...el);
  });
  return { names, errors };
}
