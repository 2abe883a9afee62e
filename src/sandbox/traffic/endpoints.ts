/**
 * Which endpoints a Service port sends traffic to, from its EndpointSlices, as kube-proxy decides:
 * pkg/proxy/endpointslicecache.go merges the slices of a Service (deduplicating an address listed
 * twice), and pkg/proxy/topology.go CategorizeEndpoints keeps the ready ones — or, when none is
 * ready, the serving ones that are terminating (KEP-1669), so a Service whose every Pod is shutting
 * down gracefully still answers.
 */
import type { KubeObject } from '../api/status.js';

export interface Endpoint {
  ip: string;
  /** The resolved target port. */
  port: number;
  /** The Pod behind the address, from the slice's targetRef. */
  pod?: { namespace: string; name: string };
}

/** The usable endpoints of the Service port named `portName` (`''` for an unnamed port). */
export function usableEndpoints(slices: Iterable<KubeObject>, portName: string): Endpoint[] {
  const ready: Endpoint[] = [];
  const servingTerminating: Endpoint[] = [];
  const seen = new Set<string>();
  for (const slice of slices) {
    if (slice.addressType && slice.addressType !== 'IPv4') continue;
    const port = (slice.ports ?? []).find((p: KubeObject) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === 'TCP');
    if (!port?.port) continue;
    for (const endpoint of slice.endpoints ?? []) {
      const ip: string | undefined = endpoint.addresses?.[0];
      if (!ip || seen.has(`${ip}:${port.port}`)) continue;
      seen.add(`${ip}:${port.port}`);
      const conditions = endpoint.conditions ?? {};
      // The API's rules for unset conditions: ready nil means ready; serving nil means "as ready".
      const isReady = conditions.ready !== false;
      const isServing = conditions.serving ?? isReady;
      const isTerminating = conditions.terminating === true;
      const ref = endpoint.targetRef;
      const entry: Endpoint = { ip, port: port.port };
      if (ref?.kind === 'Pod' && ref.name) entry.pod = { namespace: ref.namespace ?? slice.metadata.namespace, name: ref.name };
      if (isReady) ready.push(entry);
      else if (isServing && isTerminating) servingTerminating.push(entry);
    }
  }
  return ready.length > 0 ? ready : servingTerminating;
}

/** iptables mode's `-m statistic --mode random` chain: every endpoint equally likely. */
export function pickRandom<T>(items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(Math.random() * items.length)];
}
