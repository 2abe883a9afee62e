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
 *      .105.x) and 172.16.0.0/12 (Docker bridge networks, kind/minikube containers).
 *      10.0.0.0/8 is NOT accepted: it is where company and cloud VPC clusters live.
 *
 * Why both: a name is just a label (anyone can call prod "minikube"), and a loopback address
 * can be an SSH tunnel to a remote cluster; together they describe what local tools produce.
 * Anything else is remote and needs `--context NAME --allow-remote`.
 */

const LOCAL_NAMES = ['minikube', 'docker-desktop', 'docker-for-desktop', 'rancher-desktop', 'orbstack', 'kubedojo-sandbox'];
const LOCAL_PREFIXES = ['kind-', 'k3d-'];
const LOCAL_HOSTS = new Set(['localhost', 'host.docker.internal', 'kubernetes.docker.internal', 'host.k3d.internal']);
const LOCAL_HOST_SUFFIXES = ['.localhost', '.orb.local'];

const localAddresses = new BlockList();
localAddresses.addSubnet('127.0.0.0', 8, 'ipv4');
localAddresses.addAddress('0.0.0.0', 'ipv4');
localAddresses.addSubnet('192.168.0.0', 16, 'ipv4');
localAddresses.addSubnet('172.16.0.0', 12, 'ipv4');
localAddresses.addAddress('::1', 'ipv6');

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
}

export function isLocalClusterName(name: string): boolean {
  const lower = name.toLowerCase();
  if (LOCAL_NAMES.some((local) => lower === local || lower.startsWith(`${local}-`))) return true;
  return LOCAL_PREFIXES.some((prefix) => lower.startsWith(prefix) && lower.length > prefix.length);
}

/** True when the server URL points at this machine or one of its VM/container networks. */
export function isLocalServer(server: string): boolean {
  let host: string;
  try {
    host = new URL(server).hostname.toLowerCase();
  } catch {
    return false;
  }
  host = host.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  // Only literal spellings (issue #7): Node's URL parser turns `127.1`, `2130706433` or `0x7f.1`
  // into 127.0.0.1, but kubectl (Go) hands such a host to DNS, which may answer anything.
  // So the host is read as written, and must be a literal address or a known name.
  const written = writtenHost(server);
  if (written === undefined) return false;
  host = written;
  if (LOCAL_HOSTS.has(host) || LOCAL_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix))) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
  const address = mapped ?? host;
  const family = isIP(address);
  if (family === 0) return false;
  return localAddresses.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The host exactly as written in a server URL (`https://127.1:6443` → `127.1`), lower-cased. */
function writtenHost(server: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(server.trim());
  return match?.[1]?.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/** Every context in the kubeconfig, classified. */
export function listContexts(kubeconfig: KubeConfig): ClassifiedContext[] {
  return kubeconfig.getContexts().map((context) => classifyContext(kubeconfig, context.name)!);
}

/** Classifies one context by name; undefined when there is no such context. */
export function classifyContext(kubeconfig: KubeConfig, contextName: string): ClassifiedContext | undefined {
  const context = kubeconfig.getContextObject(contextName);
  if (context === null) return undefined;
  const server = kubeconfig.getCluster(context.cluster)?.server;
  const localName = isLocalClusterName(context.name) || isLocalClusterName(context.cluster);
  const localServer = server !== undefined && isLocalServer(server);
  return {
    name: context.name,
    cluster: context.cluster,
    user: context.user,
    server,
    namespace: context.namespace,
    isCurrent: kubeconfig.getCurrentContext() === context.name,
    local: localName && localServer,
    reason: explain(context.name, server, localName, localServer),
  };
}

function explain(name: string, server: string | undefined, localName: boolean, localServer: boolean): string {
  if (server === undefined) return `context \`${name}\` names a cluster that is not in your kubeconfig`;
  if (!localServer) return `its server ${server} is not on this machine`;
  if (!localName) return `\`${name}\` is not the name of a local cluster tool (minikube, kind, k3d, Docker Desktop, Rancher Desktop, OrbStack)`;
  return `a local cluster at ${server}`;
}
