/**
 * The QoS class the apiserver stamps on a Pod at creation: pkg/apis/core/helper/qos ComputePodQOS.
 */
import type { KubeObject } from '../api/status.js';
import { compareQuantities, parseQuantity, type ParsedQuantity } from './quantity.js';

const QOS_RESOURCES = ['cpu', 'memory'];

/** Adds quantities exactly, at the finer of the two scales. */
function add(a: ParsedQuantity | undefined, b: ParsedQuantity): ParsedQuantity {
  if (!a) return b;
  const scale = Math.min(a.scale, b.scale);
  const at = (q: ParsedQuantity) => q.digits * 10n ** BigInt(q.scale - scale);
  return { digits: at(a) + at(b), scale, format: a.format };
}

export function podQOSClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, ParsedQuantity>();
  const limits = new Map<string, ParsedQuantity>();
  let guaranteed = true;
  // Ephemeral containers cannot have resources, so they do not count.
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])] as KubeObject[]) {
    const sum = (list: Record<string, unknown> | undefined, into: Map<string, ParsedQuantity>): Set<string> => {
      const found = new Set<string>();
      for (const [name, raw] of Object.entries(list ?? {})) {
        const q = parseQuantity(String(raw));
        if (!QOS_RESOURCES.includes(name) || !q || q.digits <= 0n) continue;
        found.add(name);
        into.set(name, add(into.get(name), q));
      }
      return found;
    };
    sum(c?.resources?.requests, requests);
    const limited = sum(c?.resources?.limits, limits);
    if (!QOS_RESOURCES.every((r) => limited.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantities(lim, req) !== 0) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
