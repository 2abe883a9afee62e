import { BlockList, isIP } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * When is a context "local" (safe to practise on without asking)? BOTH must hold:
 *
 * 1. Its name or its cluster's name is one the local tools write:
 *    `minikube`, `docker-desktop`, `docker-for-desktop`, `rancher-desktop`, `orbstack`,
 *    `kubedojo-sandbox` (each alone or followed by `-suffix`), or `kind-*`, `k3d-*`.
 * 2. Its server is on this machine or on a VM/container network of this machine:
 *    - loopback: 127.0.0.0/8, ::1, `localhost`, `*.localhost`, and 0.0.0.0 (old k3d files);
 *    - the desktop tools' host names: `host.docker.internal`, `kubernetes.docker.internal`
 *      (Docker Desktop), `host.k3d.internal`, `*.orb.local` (OrbStack);
 *    - private ranges 192.168.0.0/16 (minikube VM drivers: 192.168.49.2, .59.x, .64.x, .39.x,
 *      .105.x) and 172.16.0.0/12 (Docker bridge networks, kind/minikube containers), but ONLY
 *      when the tool that owns the cluster confirms it (issue #7): `minikube profile list`,
 *      `kind get clusters`, `k3d cluster list` (local-tool-confirmation.ts). A private address
 *      is just as often a company VPN or a cloud VPC (`kind-prod` at 172.31.x.x).
 *      10.0.0.0/8 is never accepted: it is where company and cloud VPC clusters live.
 *
 * Why both: a name is just a label (anyone can call prod "minikube"), and a loopback address
 * can be an SSH tunnel to a remote cluster; together they describe what local tools produce.
 * Anything else is remote and needs `--context NAME --allow-remote`.
 */

const LOCAL_NAMES = ['minikube', 'docker-desktop', 'docker-for-desktop', 'rancher-desktop', 'orbstack', 'kubedojo-sandbox'];
const LOCAL_PREFIXES = ['kind-', 'k3d-'];
const LOCAL_HOSTS = new Set(['localhost', 'host.docker.internal', 'kubernetes.docker.internal', 'host.k3d.internal']);
const LOCAL_HOST_SUFFIXES = ['.localhost', '.orb.local'];

const loopbackAddresses = new BlockList();
loopbackAddresses.addSubnet('127.0.0.0', 8, 'ipv4');
loopbackAddresses.addAddress('0.0.0.0', 'ipv4');
loopbackAddresses.addAddress('::1', 'ipv6');
const privateAddresses = new BlockList();
privateAddresses.addSubnet('192.168.0.0', 16, 'ipv4');
privateAddresses.addSubnet('172.16.0.0', 12, 'ipv4');

/**
 * Where a server is: `loopback` (this machine, or a desktop tool's host name), `private` (a
 * VM/container network of this machine, or any other private network: the owning tool must
 * confirm), or `remote`.
 */
export type ServerLocality = 'loopback' | 'private' | 'remote';

/** What the tool that owns a private-address cluster said about it (local-tool-confirmation.ts). */
export interface ToolConfirmation {
  confirmed: boolean;
  /** E.g. "confirmed by `minikube profile list`", or why not and what to do. */
  reason: string;
}

/** Confirmations by context name. */
export type Confirmations = ReadonlyMap<string, ToolConfirmation>;

export interface ClassifiedContext {
  name: string;
  cluster: string;
  user: string | undefined;
  /** The API server URL, undefined when the context names a cluster that is not in the file. */
  server: string | undefined;
  namespace: string | undefined;
  isCurrent: boolean;
  local: boolean;
  /** Why it is (not) local, for `kubedojo doctor` and refusal messages. */
  reason: string;
  /** A local name at a private address: local only if its tool confirms it. */
  needsConfirmation: boolean;
}

export function isLocalClusterName(name: string): boolean {
  const lower = name.toLowerCase();
  if (LOCAL_NAMES.some((local) => lower === local || lower.startsWith(`${local}-`))) return true;
  return LOCAL_PREFIXES.some((prefix) => lower.startsWith(prefix) && lower.length > prefix.length);
}

/**
 * True when the server URL points at this machine or at a private network it may have (a VM or
 * container network; see {@link serverLocality}: a private one still needs its tool's word).
 */
export function isLocalServer(server: string): boolean {
  return serverLocality(server) !== 'remote';
}

export function serverLocality(server: string): ServerLocality {
  try {
    new URL(server);
  } catch {
    return 'remote';
  }
  // Only literal spellings (issue #7): Node's URL parser turns `127.1`, `2130706433` or `0x7f.1`
  // into 127.0.0.1, but kubectl (Go) hands such a host to DNS, which may answer anything.
  // So the host is read as written, and must be a literal address or a known name.
  const host = serverHost(server);
  if (host === undefined) return 'remote';
  if (LOCAL_HOSTS.has(host) || LOCAL_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix))) return 'loopback';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
  const address = mapped ?? host;
  const family = isIP(address);
  if (family === 0) return 'remote';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (loopbackAddresses.check(address, type)) return 'loopback';
  return privateAddresses.check(address, type) ? 'private' : 'remote';
}

/** The host exactly as written in a server URL (`https://127.1:6443` → `127.1`), lower-cased, no brackets. */
export function serverHost(server: string): string | undefined {
  return writtenHost(server);
}

/** The host exactly as written in a server URL (`https://127.1:6443` → `127.1`), lower-cased. */
function writtenHost(server: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(server.trim());
  return match?.[1]?.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/**
 * Every context in the kubeconfig, classified. `confirmations` (by context name) say which
 * private-address contexts their tool confirmed; without one such a context is not local.
 */
export function listContexts(kubeconfig: KubeConfig, confirmations?: Confirmations): ClassifiedContext[] {
  return kubeconfig.getContexts().map((context) => classifyContext(kubeconfig, context.name, confirmations)!);
}

/** Classifies one context by name; undefined when there is no such context. */
export function classifyContext(kubeconfig: KubeConfig, contextName: string, confirmations?: Confirmations): ClassifiedContext | undefined {
  const context = kubeconfig.getContextObject(contextName);
  if (context === null) return undefined;
  const server = kubeconfig.getCluster(context.cluster)?.server;
  const localName = isLocalClusterName(context.name) || isLocalClusterName(context.cluster);
  const locality = server === undefined ? 'remote' : serverLocality(server);
  const needsConfirmation = localName && locality === 'private';
  const confirmation = needsConfirmation ? confirmations?.get(context.name) : undefined;
  const local = localName && (locality === 'loopback' || confirmation?.confirmed === true);
  return {
    name: context.name,
    cluster: context.cluster,
    user: context.user,
    server,
    namespace: context.namespace,
    isCurrent: kubeconfig.getCurrentContext() === context.name,
    local,
    reason: explain(context.name, server, localName, locality, confirmation),
    needsConfirmation,
  };
}

function explain(name: string, server: string | undefined, localName: boolean, locality: ServerLocality, confirmation: ToolConfirmation | undefined): string {
  if (server === undefined) return `context \`${name}\` names a cluster that is not in your kubeconfig`;
  if (locality === 'remote') return `its server ${server} is not on this machine`;
  if (!localName) return `\`${name}\` is not the name of a local cluster tool (minikube, kind, k3d, Docker Desktop, Rancher Desktop, OrbStack)`;
  if (locality === 'private') {
    if (confirmation === undefined) return `its server ${server} is a private address that no local cluster tool has confirmed`;
    return confirmation.confirmed ? `a local cluster at ${server}, ${confirmation.reason}` : confirmation.reason;
  }
  return `a local cluster at ${server}`;
}
