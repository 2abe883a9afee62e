/**
 * What kubectl asks before anything else: /version, the legacy discovery documents, and a minimal
 * OpenAPI v3 that tells kubectl the server validates fields itself (so `--validate=strict`, the
 * default, sends `fieldValidation=Strict` instead of validating client-side against a schema).
 */
import { createHash } from 'node:crypto';
import { GROUP_VERSIONS, RESOURCE_TYPES, groupVersion, type ResourceType } from '../api/resources.js';
import type { KubeObject } from '../api/status.js';

/** minikube 1.35's default Kubernetes; /usr/bin/kubectl's dispatcher picks kubectl 1.32 from it. */
export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T17:59:15Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** The address minikube's apiserver advertises (kubectl ignores it for a direct connection). */
const ADVERTISED = [{ clientCIDR: '0.0.0.0/0', serverAddress: '192.168.49.2:8443' }];

export function apiVersions(): KubeObject {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: ADVERTISED };
}

export function apiGroupList(): KubeObject {
  const groups = GROUP_VERSIONS.filter((gv) => gv.group !== '').map(({ group, version }) => ({
    name: group,
    versions: [{ groupVersion: groupVersion(group, version), version }],
    preferredVersion: { groupVersion: groupVersion(group, version), version },
  }));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

export function apiGroup(group: string): KubeObject | undefined {
  const gv = GROUP_VERSIONS.find((g) => g.group === group);
  if (!gv) return undefined;
  const entry = { groupVersion: groupVersion(gv.group, gv.version), version: gv.version };
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: [entry], preferredVersion: entry };
}

function storageVersionHash(type: ResourceType): string {
  return createHash('sha256').update(`${type.group}/${type.version}/${type.kind}`).digest('base64').slice(0, 11);
}

export function apiResourceList(group: string, version: string): KubeObject | undefined {
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  const resources: KubeObject[] = [];
  for (const type of types) {
    const resource: KubeObject = {
      name: type.plural,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: type.verbs,
    };
    if (type.shortNames) resource.shortNames = type.shortNames;
    if (type.categories) resource.categories = type.categories;
    resource.storageVersionHash = storageVersionHash(type);
    resources.push(resource);
    for (const [name, sub] of Object.entries(type.subresources ?? {})) {
      const entry: KubeObject = { name: `${type.plural}/${name}`, singularName: '', namespaced: type.namespaced, kind: sub.kind, verbs: sub.verbs };
      if (sub.group !== type.group) entry.group = sub.group;
      if (sub.version !== type.version || sub.group !== type.group) entry.version = sub.version;
      resources.push(entry);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion(group, version), resources };
}

/** `/openapi/v3`: one document per group-version, addressed with a content hash like the real one. */
export function openApiV3Root(): KubeObject {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of GROUP_VERSIONS) {
    const key = group ? `apis/${group}/${version}` : `api/${version}`;
    const hash = createHash('sha512').update(JSON.stringify(openApiV3Document(group, version))).digest('hex').slice(0, 128);
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash.toUpperCase()}` };
  }
  return { paths };
}

/**
 * A group-version's OpenAPI v3 document, reduced to what kubectl reads from it: the PATCH operation
 * of each kind with its `x-kubernetes-group-version-kind` and the `fieldValidation` parameter
 * (k8s.io/cli-runtime resource/query_param_verifier_v3.go). `components.schemas` is present but
 * empty: kubectl apply then builds strategic merge patches from its compiled-in types.
 */
export function openApiV3Document(group: string, version: string): KubeObject | undefined {
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const paths: Record<string, KubeObject> = {};
  const fieldValidation = {
    name: 'fieldValidation',
    in: 'query',
    description: 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.',
    schema: { type: 'string', uniqueItems: true },
  };
  for (const type of types) {
    const path = `${prefix}${type.namespaced ? '/namespaces/{namespace}' : ''}/${type.plural}/{name}`;
    const gvk = { group, version, kind: type.kind };
    const operation = (verb: string, action: string) => ({
      description: `${verb} the specified ${type.kind}`,
      operationId: `${verb}${type.kind}`,
      parameters: action === 'get' ? [] : [fieldValidation],
      responses: { '200': { description: 'OK' } },
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
    });
    paths[path] = { get: operation('read', 'get'), put: operation('replace', 'put'), patch: operation('patch', 'patch') };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion },
    paths,
    components: { schemas: {} },
  };
}
