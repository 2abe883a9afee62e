/**
 * Services: ValidateService, validateServicePort, ValidateServiceClusterIPsRelatedFields and
 * ValidateServiceUpdate of pkg/apis/core/validation/validation.go.
 */
import type { KubeObject } from '../../api/status.js';
import { child, duplicate, forbidden, index, invalid, notSupported, required, type FieldError } from '../field-errors.js';
import { goQuote, goServicePortKey, goStringSlice, rendered } from '../go-format.js';
import { nameIsDNS1035Label, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from '../meta-validation.js';
import { isCIDR, isDNS1123Label, isDNS1123Subdomain, isIP, isQualifiedName, isValidPortNum } from '../name-rules.js';
import { validatePortNumOrName } from './probes.js';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

const isHeadless = (spec: KubeObject) => spec.clusterIPs?.length === 1 && spec.clusterIPs[0] === 'None';
const ipList = (ips: string[] | undefined) => rendered(goStringSlice(ips));
const isExternallyAccessible = (spec: KubeObject) =>
  spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);

function validateServicePort(port: KubeObject, requireName: boolean, names: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !port.name) errs.push(required(child(field, 'name')));
  else if (port.name) {
    errs.push(...isDNS1123Label(port.name).map((m) => invalid(child(field, 'name'), port.name, m)));
    if (names.has(port.name)) errs.push(duplicate(child(field, 'name'), port.name));
    else names.add(port.name);
  }
  errs.push(...isValidPortNum(port.port ?? 0).map((m) => invalid(child(field, 'port'), port.port ?? 0, m)));
  if (!port.protocol) errs.push(required(child(field, 'protocol')));
  else if (!PROTOCOLS.includes(port.protocol)) errs.push(notSupported(child(field, 'protocol'), port.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(port.targetPort ?? 0, child(field, 'targetPort')));
  if (port.appProtocol != null) errs.push(...isQualifiedName(port.appProtocol).map((m) => invalid(child(field, 'appProtocol'), port.appProtocol, m)));
  return errs;
}

/** ValidateServiceClusterIPsRelatedFields (single values; dual-stack pairs are rejected earlier). */
function validateClusterIPs(spec: KubeObject): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips: string[] = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== spec.clusterIP) errs.push(invalid('spec.clusterIPs', ipList(ips), 'first value must match `clusterIP`'));
  } else if (ips.length) {
    errs.push(invalid('spec.clusterIPs', ipList(ips), 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((family: string, i: number) => {
    if (family !== 'IPv4' && family !== 'IPv6') errs.push(notSupported(`spec.ipFamilies[${i}]`, family, ['IPv4', 'IPv6']));
    if (seen.has(family)) errs.push(duplicate(`spec.ipFamilies[${i}]`, family));
    seen.add(family);
  });
  if (spec.ipFamilyPolicy != null && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) errs.push(invalid('spec.clusterIPs', ipList(ips), "'None' must be the first and only value"));
      return;
    }
    if (!isIP(ip)) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (ips.length > 2) errs.push(invalid('spec.clusterIPs', ipList(ips), 'may only hold up to 2 values'));
  return errs;
}

/** ValidateNonSpecialIP, for IPv4 external IPs. */
function nonSpecialIP(ip: string, field: string): FieldError[] {
  if (ip === '0.0.0.0' || ip === '::') return [invalid(field, ip, `may not be unspecified (${ip})`)];
  if (ip.startsWith('127.') || ip === '::1') return [invalid(field, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
  if (ip.startsWith('169.254.')) return [invalid(field, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')];
  if (ip.startsWith('224.0.0.')) return [invalid(field, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')];
  return [];
}

/** ValidateService. */
export function validateService(svc: KubeObject): FieldError[] {
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label);
  const spec: KubeObject = svc.spec ?? {};
  const ports: KubeObject[] = spec.ports ?? [];
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  if (spec.type === 'LoadBalancer' && isHeadless(spec)) errs.push(invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
  if (spec.type === 'NodePort' && isHeadless(spec)) errs.push(invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"));
  if (spec.type === 'ExternalName') {
    if (spec.clusterIPs?.length) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (spec.ipFamilies?.length) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy != null) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = String(spec.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => invalid('spec.externalName', cname, m)));
    else errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, index('spec.ports', i))));
  if (spec.selector != null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  if (!spec.sessionAffinity) errs.push(required('spec.sessionAffinity'));
  else if (!['ClientIP', 'None'].includes(spec.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  if (spec.sessionAffinity === 'ClientIP') {
    const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (timeout != null && (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS)) {
      errs.push(invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`));
    }
  } else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig != null) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPs(spec));
  (spec.externalIPs ?? []).forEach((ip: string, i: number) => {
    const path = index('spec.externalIPs', i);
    errs.push(...(isIP(ip) ? nonSpecialIP(ip, path) : [invalid(path, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')]));
  });
  if (!spec.type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(notSupported('spec.type', spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const seenNodePorts = new Set<string>();
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    if (p.nodePort) {
      const k = `${p.protocol}/${p.nodePort}`;
      if (seenNodePorts.has(k)) errs.push(duplicate(child(index('spec.ports', i), 'nodePort'), p.nodePort));
      seenNodePorts.add(k);
    }
    const k = `${p.protocol}/${p.port}`;
    if (seenPorts.has(k)) errs.push(duplicate(index('spec.ports', i), rendered(goServicePortKey(p.protocol ?? '', p.port ?? 0))));
    seenPorts.add(k);
  });
  if (spec.loadBalancerSourceRanges?.length) {
    // Upstream names this path with a capital L.
    if (spec.type !== 'LoadBalancer') errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    spec.loadBalancerSourceRanges.forEach((r: string, i: number) => {
      const value = r.trim();
      if (!isCIDR(value)) errs.push(invalid(index('spec.LoadBalancerSourceRanges', i), value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
    });
  }
  if (spec.allocateLoadBalancerNodePorts != null && spec.type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  // Upstream reports this one without the `spec.` prefix.
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null) errs.push(required('allocateLoadBalancerNodePorts'));
  if (spec.loadBalancerClass != null && spec.type !== 'LoadBalancer') errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  if (!isExternallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) errs.push(invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!spec.externalTrafficPolicy) {
    errs.push(required('spec.externalTrafficPolicy'));
  } else if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy)) {
    errs.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, ['Cluster', 'Local']));
  }
  // healthCheckNodePort is allocated after validation in the sandbox, so only a stray one is checked.
  const needsHealthCheck = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  if (!needsHealthCheck && spec.healthCheckNodePort) {
    errs.push(invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  if (spec.internalTrafficPolicy == null && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) errs.push(required('spec.internalTrafficPolicy'));
  if (spec.internalTrafficPolicy != null && !['Cluster', 'Local'].includes(spec.internalTrafficPolicy)) {
    errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, ['Cluster', 'Local']));
  }
  if (spec.trafficDistribution != null && spec.trafficDistribution !== 'PreferClose') errs.push(notSupported('spec.trafficDistribution', spec.trafficDistribution, ['PreferClose']));
  return errs;
}

/** validateUpgradeDowngradeClusterIPs: the primary clusterIP never changes once set. */
function clusterIPsUpdate(spec: KubeObject, oldSpec: KubeObject): FieldError[] {
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName' || (isHeadless(spec) && isHeadless(oldSpec))) return [];
  const ips: string[] = spec.clusterIPs ?? [];
  const oldIPs: string[] = oldSpec.clusterIPs ?? [];
  const errs: FieldError[] = [];
  const changed = () => invalid('spec.clusterIPs[0]', ipList(spec.clusterIPs), 'may not change once set');
  if (oldIPs.length === ips.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== ips[i]) errs.push(changed());
    });
  } else if (oldIPs.length > ips.length) {
    if (ips.length === 0) errs.push(invalid('spec.clusterIPs[0]', ipList(spec.clusterIPs), 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && ips.length > 0 && ips[0] !== oldIPs[0]) errs.push(changed());
    if (ips.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
      errs.push(invalid('spec.clusterIPs[0]', ipList(spec.clusterIPs), "`ipFamilyPolicy` must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
    errs.push(changed());
  }
  return errs;
}

/** ValidateServiceUpdate. */
export function validateServiceUpdate(svc: KubeObject, old: KubeObject): FieldError[] {
  const spec: KubeObject = svc.spec ?? {};
  const oldSpec: KubeObject = old.spec ?? {};
  const errs = [...validateObjectMetaUpdate(svc.metadata, old.metadata), ...clusterIPsUpdate(spec, oldSpec)];
  const families: string[] = spec.ipFamilies ?? [];
  const oldFamilies: string[] = oldSpec.ipFamilies ?? [];
  if (spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName' && families.length && oldFamilies.length && families[0] !== oldFamilies[0]) {
    errs.push(invalid('spec.ipFamilies[0]', rendered(`[]core.IPFamily{${families.map((f) => goQuote(f)).join(', ')}}`), 'may not change once set'));
  }
  if (spec.type === 'LoadBalancer' && oldSpec.type === 'LoadBalancer' && (spec.loadBalancerClass ?? null) !== (oldSpec.loadBalancerClass ?? null)) {
    errs.push(invalid('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  const oldNeedsHC = oldSpec.type === 'LoadBalancer' && oldSpec.externalTrafficPolicy === 'Local';
  const newNeedsHC = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  if (oldNeedsHC && newNeedsHC && spec.healthCheckNodePort && spec.healthCheckNodePort !== oldSpec.healthCheckNodePort) {
    errs.push(forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return [...errs, ...validateService(svc)];
}
