/**
 * What the Service REST storage does to a Service's address fields before it validates it
 * (pkg/registry/core/service/storage: beginCreate/beginUpdate, alloc.go initIPFamilyFields) and
 * what its strategy drops on a type change (strategy.go dropTypeDependentFields), for the sandbox's
 * single-stack IPv4 cluster. Assigning actual IPs and NodePorts is left to the allocator hook.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../api/status.js';
import { invalid, type FieldError } from './field-errors.js';
import { goStringSlice, rendered } from './go-format.js';

const needsClusterIP = (svc: KubeObject) => svc.spec?.type !== 'ExternalName';
const needsNodePort = (svc: KubeObject) => svc.spec?.type === 'NodePort' || (svc.spec?.type === 'LoadBalancer' && svc.spec?.allocateLoadBalancerNodePorts !== false);
const needsHCNodePort = (svc: KubeObject) => svc.spec?.type === 'LoadBalancer' && svc.spec?.externalTrafficPolicy === 'Local';
const externallyAccessible = (svc: KubeObject) =>
  svc.spec?.type === 'LoadBalancer' || svc.spec?.type === 'NodePort' || (svc.spec?.type === 'ClusterIP' && (svc.spec?.externalIPs?.length ?? 0) > 0);
const same = (a: unknown, b: unknown) => isDeepStrictEqual(a ?? null, b ?? null);
const nodePorts = (svc: KubeObject): number[] => (svc.spec?.ports ?? []).map((p: KubeObject) => p.nodePort ?? 0);

/** svcutil.NormalizeClusterIPs: keeps clusterIP and clusterIPs in step. */
export function normalizeClusterIPs(svc: KubeObject, old?: KubeObject): void {
  const spec = (svc.spec ??= {});
  const ips: string[] = spec.clusterIPs ?? [];
  if (!old) {
    if (spec.clusterIP && ips.length === 0) spec.clusterIPs = [spec.clusterIP];
    return;
  }
  const oldSpec = old.spec ?? {};
  if ((oldSpec.clusterIPs?.length ?? 0) > 0 && ips.length === 0 && (oldSpec.clusterIP ?? '') === (spec.clusterIP ?? '')) {
    spec.clusterIPs = oldSpec.clusterIPs;
  }
  if ((oldSpec.clusterIP ?? '') !== (spec.clusterIP ?? '')) {
    if (oldSpec.clusterIP && !spec.clusterIP) {
      if (same(oldSpec.clusterIPs, spec.clusterIPs)) delete spec.clusterIPs;
    } else if (same(oldSpec.clusterIPs, spec.clusterIPs)) {
      spec.clusterIPs = [spec.clusterIP];
    }
  }
}

/** patchAllocatedValues: an update that omits allocated values keeps the old ones. */
export function patchAllocatedValues(svc: KubeObject, old: KubeObject): void {
  const spec = (svc.spec ??= {});
  const oldSpec = old.spec ?? {};
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if (!spec.clusterIPs?.length && oldSpec.clusterIPs?.length) spec.clusterIPs = [...oldSpec.clusterIPs];
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const used = new Set(nodePorts(svc).filter((p) => nodePorts(old).includes(p)));
    const byName = new Map<string, number>((oldSpec.ports ?? []).map((p: KubeObject) => [p.name ?? '', p.nodePort ?? 0]));
    for (const port of (spec.ports ?? []) as KubeObject[]) {
      const previous = byName.get(port.name ?? '') ?? 0;
      if (!port.nodePort && previous && !used.has(previous)) port.nodePort = previous;
    }
  }
  if (needsHCNodePort(old) && needsHCNodePort(svc) && !spec.healthCheckNodePort && oldSpec.healthCheckNodePort) {
    spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
  }
}

/** dropTypeDependentFields: a type change wipes what the old type had allocated, if untouched. */
export function dropTypeDependentFields(svc: KubeObject, old: KubeObject): void {
  const spec = (svc.spec ??= {});
  const oldSpec = old.spec ?? {};
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if (same(oldSpec.clusterIP, spec.clusterIP) && same(oldSpec.clusterIPs, spec.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (same(oldSpec.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if (same(oldSpec.ipFamilyPolicy, spec.ipFamilyPolicy)) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(svc) && same(nodePorts(old), nodePorts(svc))) {
    for (const port of (spec.ports ?? []) as KubeObject[]) delete port.nodePort;
  }
  if (needsHCNodePort(old) && !needsHCNodePort(svc) && same(oldSpec.healthCheckNodePort, spec.healthCheckNodePort)) delete spec.healthCheckNodePort;
  if (oldSpec.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts != null && spec.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
    if (same(oldSpec.loadBalancerClass, spec.loadBalancerClass)) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(old) && !externallyAccessible(svc) && same(oldSpec.externalTrafficPolicy, spec.externalTrafficPolicy)) {
    delete spec.externalTrafficPolicy;
  }
  if (spec.type !== 'LoadBalancer' && svc.status) svc.status.loadBalancer = {};
}

/**
 * Allocators.initIPFamilyFields on a single-stack IPv4 cluster: SingleStack/[IPv4] unless told
 * otherwise; headless selectorless Services default to RequireDualStack with both families.
 */
export function initIPFamilyFields(svc: KubeObject, old?: KubeObject): FieldError[] {
  const spec = (svc.spec ??= {});
  if (spec.type === 'ExternalName') return [];
  const headlessSelectorless = spec.clusterIP === 'None' && Object.keys(spec.selector ?? {}).length === 0;
  spec.ipFamilyPolicy ??= old?.spec?.ipFamilyPolicy ?? (headlessSelectorless ? 'RequireDualStack' : 'SingleStack');
  const errs: FieldError[] = [];
  const policy = spec.ipFamilyPolicy;
  if (policy === 'SingleStack') {
    if (spec.clusterIPs?.length === 2) errs.push(invalid('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    if (spec.ipFamilies?.length === 2) errs.push(invalid('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
  }
  const families: string[] = (spec.ipFamilies ??= []);
  (spec.clusterIPs ?? []).forEach((ip: string, i: number) => {
    if (ip === 'None' || i < families.length) return;
    if (ip.includes(':')) errs.push(invalid(`spec.clusterIPs[${i}]`, rendered(goStringSlice(spec.clusterIPs)), 'IPv6 is not configured on this cluster'));
    else families.push('IPv4');
  });
  if (errs.length) return errs;
  if (headlessSelectorless) {
    if (families.length === 0) families.push('IPv4');
    if (families.length < 2 && policy !== 'SingleStack') families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
    return [];
  }
  if (policy === 'RequireDualStack') errs.push(invalid('spec.ipFamilyPolicy', policy, 'this cluster is not configured for dual-stack services'));
  families.forEach((family, i) => {
    if (family !== 'IPv4') errs.push(invalid(`spec.ipFamilies[${i}]`, family, 'not configured on this cluster'));
  });
  if (families.length === 0) families.push('IPv4');
  return errs;
}
