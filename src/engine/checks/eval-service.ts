/**
 * `serviceEndpoints`: the Service routes to exactly its ready Pods, on a port they declare.
 * This is the check behind "zero downtime": traffic goes only where a Pod is Ready.
 */
import type { ClusterView } from './cluster-view.js';
import { asArray, asString, containersOf, dig, isServingPod, podIP, type KubeObject } from './k8s.js';
import { formatSelector } from './label-selector.js';
import { count, fail, pass, type CheckResult } from './result.js';
import type { ServiceEndpointsCheck } from './schema.js';

export function evaluateServiceEndpoints({ serviceEndpoints }: ServiceEndpointsCheck, view: ClusterView): CheckResult {
  const what = `service ${serviceEndpoints.service}`;
  const service = view.get('Service', serviceEndpoints.service);
  if (service === undefined) return fail(`${what}: not found`);
  const selector = dig(service, 'spec', 'selector');
  if (typeof selector !== 'object' || selector === null || Object.keys(selector).length === 0) {
    return fail(`${what}: has no selector, want one that picks its Pods`);
  }
  // A Service selector is a plain label map (matchLabels only).
  const matchLabels = selector as Record<string, string>;
  const ready = view.list('Pod', { matchLabels }).filter((pod) => isServingPod(pod) && podIP(pod) !== undefined);
  if (ready.length === 0) return fail(`${what}: no ready Pods match selector ${formatSelector({ matchLabels })}`);

  const portProblem = targetPortProblem(service, ready);
  if (portProblem !== undefined) return fail(`${what}: ${portProblem}`);

  const want = sortIPs(ready.map((pod) => podIP(pod)!));
  const have = sortIPs(endpointIPs(view.get('Endpoints', serviceEndpoints.service)));
  const haveText = have.length === 0 ? 'none' : have.join(', ');
  if (have.join() !== want.join()) return fail(`${what}: endpoints ${haveText}, want ${want.join(', ')} (its ready Pods)`);
  return pass(`${what}: endpoints ${haveText} = its ${count(want.length, 'ready Pod')}`);
}

function endpointIPs(endpoints: KubeObject | undefined): string[] {
  const ips = new Set<string>();
  // Only `addresses`: `notReadyAddresses` are exactly the Pods a Service must not send traffic to.
  for (const subset of asArray(dig(endpoints, 'subsets'))) {
    for (const address of asArray(dig(subset, 'addresses'))) {
      const ip = asString(dig(address, 'ip'));
      if (ip !== undefined) ips.add(ip);
    }
  }
  return [...ips];
}

/**
 * Every Service port must reach a port the Pods declare: a number matches a `containerPort`,
 * a name matches a named container port. (The seed's classic bug: targetPort 8080 on nginx, which
 * listens on 80.) Returns undefined when every port lines up.
 */
function targetPortProblem(service: KubeObject, pods: readonly KubeObject[]): string | undefined {
  const declared = pods.flatMap((pod) => containersOf(pod).flatMap((container) => container.ports ?? []));
  for (const port of asArray(dig(service, 'spec', 'ports'))) {
    const target = dig(port, 'targetPort') ?? dig(port, 'port');
    if (typeof target === 'number') {
      if (declared.some((item) => item.containerPort === target)) continue;
      const have = unique(declared.map((item) => item.containerPort).filter((item) => item !== undefined));
      return `targetPort ${target} matches no containerPort of its Pods (${have.length === 0 ? 'they declare none' : have.join(', ')})`;
    }
    if (typeof target === 'string') {
      if (declared.some((item) => item.name === target)) continue;
      const have = unique(declared.map((item) => item.name).filter((item) => item !== undefined));
      return `targetPort ${target} matches no named port of its Pods (${have.length === 0 ? 'they name none' : have.join(', ')})`;
    }
  }
  return undefined;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

// 10.244.0.9 before 10.244.0.10: compare the numbers, not the text.
function sortIPs(ips: readonly string[]): string[] {
  const key = (ip: string): number[] => ip.split(/[.:]/).map((part) => Number.parseInt(part, ip.includes(':') ? 16 : 10) || 0);
  return [...ips].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < Math.max(ka.length, kb.length); i += 1) {
      const diff = (ka[i] ?? 0) - (kb[i] ?? 0);
      if (diff !== 0) return diff;
    }
    return 0;
  });
}
