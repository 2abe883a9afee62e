/**
 * The smaller core kinds: Namespace, ConfigMap, Secret, Endpoints, Node, Event, plus discovery/v1
 * EndpointSlice — their ValidateX and ValidateXUpdate functions in pkg/apis/core/validation and
 * pkg/apis/discovery/validation.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../api/status.js';
import { FIELD_IMMUTABLE, child, duplicate, forbidden, index, invalid, key, notSupported, required, tooLong, type FieldError } from '../field-errors.js';
import { goQuote, rendered } from '../go-format.js';
import { nameIsDNSLabel, nameIsDNSSubdomain, validateLabelName, validateObjectMeta, validateObjectMetaUpdate } from '../meta-validation.js';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isIP, isQualifiedName, isValidLabelValue, isValidPortNum } from '../name-rules.js';

const MAX_SECRET_SIZE = 1024 * 1024;
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateNamespace(ns: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
  for (const f of (ns.spec?.finalizers ?? []) as string[]) {
    errs.push(...isQualifiedName(f).map((m) => invalid('spec.finalizers', f, m)));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) errs.push(invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

const dataKeys = (data: Record<string, unknown> | undefined, field: string) =>
  Object.keys(data ?? {}).flatMap((k) => isConfigMapKey(k).map((m) => invalid(key(field, k), k, m)));

/** Decoded length of a base64 []byte value. */
const byteLength = (b64: unknown) => Buffer.from(String(b64 ?? ''), 'base64').length;

export function validateConfigMap(cm: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain), ...dataKeys(cm.data, 'data')];
  for (const k of Object.keys(cm.data ?? {})) if (cm.binaryData && k in cm.binaryData) errs.push(invalid(key('data', k), k, 'duplicate of key present in binaryData'));
  errs.push(...dataKeys(cm.binaryData, 'binaryData'));
  const size =
    Object.values(cm.data ?? {}).reduce<number>((n, v) => n + Buffer.byteLength(String(v)), 0) +
    Object.values(cm.binaryData ?? {}).reduce<number>((n, v) => n + byteLength(v), 0);
  if (size > MAX_SECRET_SIZE) errs.push(tooLong('', MAX_SECRET_SIZE));
  return errs;
}

/** Shared by ConfigMaps and Secrets: once `immutable: true`, data and the flag itself are frozen. */
function immutableData(next: KubeObject, old: KubeObject, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (next.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) if (!isDeepStrictEqual(next[f] ?? null, old[f] ?? null)) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  return errs;
}

export const validateConfigMapUpdate = (cm: KubeObject, old: KubeObject): FieldError[] => [
  ...validateObjectMetaUpdate(cm.metadata, old.metadata),
  ...immutableData(cm, old, ['data', 'binaryData']),
  ...validateConfigMap(cm),
];

/** Keys each well-known Secret type must carry (ValidateSecret's switch). */
function secretTypeRules(secret: KubeObject): FieldError[] {
  const data: Record<string, unknown> = secret.data ?? {};
  const has = (k: string) => Object.hasOwn(data, k);
  switch (secret.type) {
    case 'kubernetes.io/service-account-token':
      return secret.metadata?.annotations?.['kubernetes.io/service-account.name'] ? [] : [required(key('metadata.annotations', 'kubernetes.io/service-account.name'))];
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const k = secret.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(k)) return [required(key('data', k))];
      try {
        JSON.parse(Buffer.from(String(data[k]), 'base64').toString());
        return [];
      } catch (e) {
        return [invalid(key('data', k), '<secret contents redacted>', (e as Error).message)];
      }
    }
    case 'kubernetes.io/basic-auth':
      return has('username') || has('password') ? [] : [required(key('data', 'username')), required(key('data', 'password'))];
    case 'kubernetes.io/ssh-auth':
      return byteLength(data['ssh-privatekey']) > 0 ? [] : [required(key('data', 'ssh-privatekey'))];
    case 'kubernetes.io/tls':
      return [...(has('tls.crt') ? [] : [required(key('data', 'tls.crt'))]), ...(has('tls.key') ? [] : [required(key('data', 'tls.key'))])];
    default:
      return [];
  }
}

export function validateSecret(secret: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain), ...dataKeys(secret.data, 'data')];
  if (Object.values(secret.data ?? {}).reduce<number>((n, v) => n + byteLength(v), 0) > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE));
  return [...errs, ...secretTypeRules(secret)];
}

export function validateSecretUpdate(secret: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata);
  if ((secret.type ?? '') !== (old.type ?? '')) errs.push(invalid('type', secret.type ?? '', FIELD_IMMUTABLE));
  return [...errs, ...immutableData(secret, old, ['data']), ...validateSecret(secret)];
}

/** ValidateEndpointIP's special ranges (after IsValidIP). */
function endpointIP(ip: string, field: string): FieldError[] {
  if (!isIP(ip)) return [invalid(field, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'), invalid(field, ip, 'must be a valid IP address')];
  if (ip === '0.0.0.0' || ip === '::') return [invalid(field, ip, `may not be unspecified (${ip})`)];
  if (ip.startsWith('127.') || ip === '::1') return [invalid(field, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
  if (ip.startsWith('169.254.')) return [invalid(field, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')];
  if (ip.startsWith('224.0.0.')) return [invalid(field, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')];
  return [];
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validateEndpoints(ep: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain);
  (ep.subsets ?? []).forEach((ss: KubeObject, i: number) => {
    const path = index('subsets', i);
    if (!ss.addresses?.length && !ss.notReadyAddresses?.length) errs.push(required(path, 'must specify `addresses` or `notReadyAddresses`'));
    for (const list of ['addresses', 'notReadyAddresses']) {
      (ss[list] ?? []).forEach((a: KubeObject, j: number) => {
        const aPath = index(child(path, list), j);
        if (a.hostname) errs.push(...isDNS1123Label(a.hostname).map((m) => invalid(child(aPath, 'hostname'), a.hostname, m)));
        if (a.nodeName != null) errs.push(...isDNS1123Subdomain(a.nodeName).map((m) => invalid(child(aPath, 'nodeName'), a.nodeName, m)));
        errs.push(...endpointIP(a.ip ?? '', child(aPath, 'ip')));
      });
    }
    const ports: KubeObject[] = ss.ports ?? [];
    ports.forEach((p, j) => {
      const pPath = index(child(path, 'ports'), j);
      if (ports.length > 1 && !p.name) errs.push(required(child(pPath, 'name')));
      else if (p.name) errs.push(...isDNS1123Label(p.name).map((m) => invalid(child(pPath, 'name'), p.name, m)));
      errs.push(...isValidPortNum(p.port ?? 0).map((m) => invalid(child(pPath, 'port'), p.port ?? 0, m)));
      if (!p.protocol) errs.push(required(child(pPath, 'protocol')));
      else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(child(pPath, 'protocol'), p.protocol, PROTOCOLS));
    });
  });
  return errs;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateNodeTaints (reported under metadata.taints, as upstream does). */
function validateTaints(taints: KubeObject[] | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (taints ?? []).forEach((t, i) => {
    const path = index('metadata.taints', i);
    errs.push(...validateLabelName(t.key ?? '', child(path, 'key')));
    const msgs = isValidLabelValue(t.value ?? '');
    if (msgs.length) errs.push(invalid(child(path, 'value'), t.value ?? '', msgs.join(';')));
    if (!t.effect) errs.push(required(child(path, 'effect')));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(child(path, 'effect'), t.effect, TAINT_EFFECTS));
    const id = `${t.effect}/${t.key}`;
    if (seen.has(id)) {
      const body = `core.Taint{Key:${goQuote(t.key ?? '')}, Value:${goQuote(t.value ?? '')}, Effect:${goQuote(t.effect ?? '')}, TimeAdded:(*v1.Time)(nil)}`;
      errs.push({ ...duplicate(path, rendered(body)), detail: `Duplicate value: ${body}: taints must be unique by key and effect pair` });
    }
    seen.add(id);
  });
  return errs;
}

export const validateNode = (node: KubeObject): FieldError[] => [...validateObjectMeta(node.metadata, false, nameIsDNSSubdomain), ...validateTaints(node.spec?.taints)];

export function validateNodeUpdate(node: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(node.metadata, old.metadata);
  const oldCIDRs: string[] = old.spec?.podCIDRs ?? [];
  if (oldCIDRs.length && !isDeepStrictEqual(oldCIDRs, node.spec?.podCIDRs ?? [])) errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  return [...errs, ...validateTaints(node.spec?.taints)];
}

/** legacyValidateEvent for core/v1 Events: the involved object's namespace must match. */
export function validateEvent(event: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const ns = event.metadata?.namespace ?? '';
  const involved = event.involvedObject?.namespace ?? '';
  const mismatch = involved ? ns !== involved : ns !== '' && ns !== 'default';
  if (!event.eventTime && mismatch) errs.push(invalid('involvedObject.namespace', involved, 'does not match event.namespace'));
  errs.push(...isDNS1123Subdomain(ns).map((m) => invalid('namespace', ns, m)));
  return errs;
}

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

/** discovery ValidateEndpointSlice: address type, 1-100 addresses per endpoint, named ports. */
export function validateEndpointSlice(slice: KubeObject): FieldError[] {
  const errs = validateObjectMeta(slice.metadata, true, nameIsDNSSubdomain);
  if (!ADDRESS_TYPES.includes(slice.addressType)) errs.push(notSupported('addressType', slice.addressType ?? '', ADDRESS_TYPES));
  (slice.endpoints ?? []).forEach((ep: KubeObject, i: number) => {
    const path = index('endpoints', i);
    const addrs: string[] = ep.addresses ?? [];
    if (addrs.length === 0) errs.push(required(child(path, 'addresses'), 'must contain at least 1 address'));
    else if (addrs.length > 100) errs.push(invalid(child(path, 'addresses'), rendered(`[]string{...}`), 'must contain at most 100 addresses'));
    addrs.forEach((a, j) => {
      const aPath = index(child(path, 'addresses'), j);
      if (slice.addressType === 'FQDN') errs.push(...isDNS1123Subdomain(a).map((m) => invalid(aPath, a, m)));
      else if (!isIP(a) || (slice.addressType === 'IPv4') === a.includes(':')) errs.push(invalid(aPath, a, `must be a valid ${slice.addressType} address`));
    });
  });
  const names = new Set<string>();
  (slice.ports ?? []).forEach((p: KubeObject, i: number) => {
    const path = index('ports', i);
    if (p.name) errs.push(...isDNS1123Label(p.name).map((m) => invalid(child(path, 'name'), p.name, m)));
    if (names.has(p.name ?? '')) errs.push(duplicate(child(path, 'name'), p.name ?? ''));
    names.add(p.name ?? '');
    if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(child(path, 'protocol'), p.protocol ?? '', PROTOCOLS));
    if (p.port != null) errs.push(...isValidPortNum(p.port).map((m) => invalid(child(path, 'port'), p.port, m)));
  });
  return errs;
}
