/**
 * A container's environment as the kubelet assembles it (kubelet_pods.go makeEnvironmentVariables,
 * pkg/kubelet/envvars): the image's ENV, HOSTNAME, the service links — `<NAME>_SERVICE_HOST`,
 * `<NAME>_PORT_80_TCP`… for every Service of the namespace with a ClusterIP, and the `kubernetes`
 * Service's always — then envFrom and env with fieldRef, configMapKeyRef and secretKeyRef, and
 * `$(VAR)` references expanded as the kubelet expands them (also in command and args). A missing
 * ConfigMap or Secret is the kubelet's CreateContainerConfigError.
 */
import { findType } from '../api/resources.js';
import type { KubeObject } from '../api/status.js';
import type { ObjectStore } from '../store/object-store.js';
import { SERVICES } from '../controllers/kinds.js';
import type { CatalogImage } from './image-catalog.js';

const CONFIGMAPS = findType('', 'configmaps')!;
const SECRETS = findType('', 'secrets')!;

export type EnvResult = { ok: true; env: Record<string, string> } | { ok: false; message: string };

/** envvars.FromServices for one Service. */
function serviceLinks(service: KubeObject, out: Record<string, string>): void {
  const ip = service.spec?.clusterIP;
  if (!ip || ip === 'None') return;
  const name = String(service.metadata.name).toUpperCase().replace(/-/g, '_');
  const ports: KubeObject[] = service.spec?.ports ?? [];
  if (!ports.length) return;
  out[`${name}_SERVICE_HOST`] = ip;
  out[`${name}_SERVICE_PORT`] = String(ports[0]!.port);
  for (const p of ports) if (p.name) out[`${name}_SERVICE_PORT_${String(p.name).toUpperCase().replace(/-/g, '_')}`] = String(p.port);
  const protocol = String(ports[0]!.protocol ?? 'TCP').toLowerCase();
  out[`${name}_PORT`] = `${protocol}://${ip}:${ports[0]!.port}`;
  for (const p of ports) {
    const proto = String(p.protocol ?? 'TCP');
    const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
    out[prefix] = `${proto.toLowerCase()}://${ip}:${p.port}`;
    out[`${prefix}_PROTO`] = proto.toLowerCase();
    out[`${prefix}_PORT`] = String(p.port);
    out[`${prefix}_ADDR`] = ip;
  }
}

/** `$(VAR)` expansion (third_party/forked/golang/expansion): `$$` escapes, unknown names stay. */
export function expand(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => (match === '$$' ? '$' : name !== undefined && name in env ? env[name]! : match));
}

function fieldValue(pod: KubeObject, path: string): string {
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label) return pod.metadata[label[1]!]?.[label[2]!] ?? '';
  const values: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP,
    'status.podIP': pod.status?.podIP,
  };
  return values[path] ?? '';
}

export function containerEnv(store: ObjectStore, pod: KubeObject, container: KubeObject, image: CatalogImage, podIP: string): EnvResult {
  const namespace: string = pod.metadata.namespace;
  const env: Record<string, string> = { PATH: image.env.PATH ?? '', HOSTNAME: pod.spec?.hostname ?? pod.metadata.name };
  for (const [k, v] of Object.entries(image.env)) if (k !== 'PATH') env[k] = v;
  const links: Record<string, string> = {};
  const kubernetes = store.peek(SERVICES, 'default', 'kubernetes');
  if (pod.spec?.enableServiceLinks !== false) for (const s of store.list(SERVICES, { namespace }).items) if (s.metadata.name !== 'kubernetes' || namespace !== 'default') serviceLinks(s, links);
  if (kubernetes) serviceLinks(kubernetes, links);
  const own: Record<string, string> = {};
  const resolved = { ...pod, status: { ...pod.status, podIP } };
  for (const from of (container.envFrom ?? []) as KubeObject[]) {
    const ref = from.configMapRef ?? from.secretRef;
    const object = ref && store.peek(from.configMapRef ? CONFIGMAPS : SECRETS, namespace, ref.name);
    if (!object) {
      if (ref?.optional) continue;
      return { ok: false, message: `${from.configMapRef ? 'configmap' : 'secret'} "${ref?.name}" not found` };
    }
    for (const [k, v] of Object.entries(object.data ?? {})) own[`${from.prefix ?? ''}${k}`] = from.secretRef ? Buffer.from(String(v), 'base64').toString() : String(v);
  }
  for (const e of (container.env ?? []) as KubeObject[]) {
    const source = e.valueFrom;
    if (!source) {
      own[e.name] = expand(e.value ?? '', { ...links, ...own });
      continue;
    }
    if (source.fieldRef) own[e.name] = fieldValue(resolved, source.fieldRef.fieldPath);
    const keyRef = source.configMapKeyRef ?? source.secretKeyRef;
    if (keyRef) {
      const kind = source.configMapKeyRef ? 'configmap' : 'secret';
      const object = store.peek(source.configMapKeyRef ? CONFIGMAPS : SECRETS, namespace, keyRef.name);
      const raw = object?.data?.[keyRef.key];
      if (raw === undefined) {
        if (keyRef.optional) continue;
        return { ok: false, message: object ? `couldn't find key ${keyRef.key} in ${kind === 'configmap' ? 'ConfigMap' : 'Secret'} ${namespace}/${keyRef.name}` : `${kind} "${keyRef.name}" not found` };
      }
      own[e.name] = source.secretKeyRef ? Buffer.from(String(raw), 'base64').toString() : String(raw);
    }
  }
  return { ok: true, env: { ...env, ...own, ...Object.fromEntries(Object.entries(links).filter(([k]) => !(k in own))), HOME: env.HOME ?? '/root' } };
}
