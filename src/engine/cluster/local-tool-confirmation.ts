/**
 * A private address (minikube's 192.168.49.2, a VM's 192.168.59.x, a Docker network's 172.18.x.x)
 * is this machine's only when the tool that made the cluster says so (issue #7): the same ranges
 * hold company VPNs and cloud VPCs, and a context's name is just a label (`kind-prod` can point at
 * 172.31.4.5 in AWS). So for each context with a local tool's name at a private address, kubedojo
 * asks that tool:
 *
 * - `minikube profile list -o json`: a valid profile named like the cluster, one of whose nodes
 *   has exactly that IP;
 * - `kind get clusters`: a kind cluster of that name (kind-NAME);
 * - `k3d cluster list -o json`: a k3d cluster of that name (k3d-NAME), one of whose nodes has that IP.
 *
 * Anything else (the tool missing, failing, printing something else, another name or address)
 * leaves the context remote, with a reason that says how to proceed.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { listContexts, serverHost, type ClassifiedContext, type Confirmations, type ToolConfirmation } from './context-classifier.js';

/** What running a tool gave: its exit code and stdout; `startError` when it could not start. */
export interface ToolResult {
  exitCode: number;
  stdout: string;
  /** E.g. "`kind` was not found on your PATH." */
  startError: string | undefined;
  /** True when it could not start because it is not installed (ENOENT). */
  missing: boolean;
}

/** Runs a local cluster tool (no shell, stdin closed, a timeout): the side effect behind this module. */
export interface ToolRunner {
  run(argv: readonly string[]): Promise<ToolResult>;
}

export type LocalTool = 'minikube' | 'kind' | 'k3d';

/** Which tool owns a context, and the cluster name that tool knows it by. */
export function owningTool(context: Pick<ClassifiedContext, 'name' | 'cluster'>): { tool: LocalTool; cluster: string } | undefined {
  for (const name of [context.cluster, context.name]) {
    const lower = name.toLowerCase();
    if (lower.startsWith('kind-') && lower.length > 5) return { tool: 'kind', cluster: name.slice(5) };
    if (lower.startsWith('k3d-') && lower.length > 4) return { tool: 'k3d', cluster: name.slice(4) };
  }
  // minikube names the context, the cluster and the profile alike: `minikube`, or `-p NAME`.
  for (const name of [context.cluster, context.name]) {
    const lower = name.toLowerCase();
    if (lower === 'minikube' || lower.startsWith('minikube-')) return { tool: 'minikube', cluster: name };
  }
  return undefined;
}

const COMMANDS: Record<LocalTool, readonly string[]> = {
  minikube: ['minikube', 'profile', 'list', '-o', 'json'],
  kind: ['kind', 'get', 'clusters'],
  k3d: ['k3d', 'cluster', 'list', '-o', 'json'],
};

/** Asks the owning tool about one context with a local name at a private address. */
export async function confirmLocalCluster(context: Pick<ClassifiedContext, 'name' | 'cluster' | 'server'>, tools: ToolRunner): Promise<ToolConfirmation> {
  const server = context.server ?? '';
  const host = serverHost(server) ?? '';
  const owner = owningTool(context);
  if (owner === undefined) {
    return {
      confirmed: false,
      reason: `its server ${server} is a private address, and no local cluster tool (minikube, kind, k3d) owns \`${context.name}\` to confirm it is on this machine`,
    };
  }
  const argv = COMMANDS[owner.tool];
  const command = `\`${argv.join(' ')}\``;
  const result = await tools.run(argv);
  if (result.missing) {
    return {
      confirmed: false,
      reason:
        `its server ${server} is a private address, and \`${owner.tool}\` is not installed (not on your PATH) to confirm that it is ` +
        `its cluster \`${owner.cluster}\` on this machine. install ${owner.tool} (or fix your PATH) if it is one`,
    };
  }
  if (result.startError !== undefined || result.exitCode !== 0) {
    return {
      confirmed: false,
      reason: `its server ${server} is a private address, and ${command} failed (${result.startError ?? `exit ${result.exitCode}`}), so nothing confirms it is on this machine`,
    };
  }
  const found = FINDERS[owner.tool](result.stdout, owner.cluster, host);
  if (found === 'yes') return { confirmed: true, reason: `confirmed by ${command}` };
  const what = found === 'unreadable' ? `${command} printed something kubedojo cannot read` : found;
  return { confirmed: false, reason: `its server ${server} is a private address, and ${what}` };
}

type Found = 'yes' | 'unreadable' | string;

const FINDERS: Record<LocalTool, (stdout: string, cluster: string, host: string) => Found> = {
  minikube(stdout, cluster, host) {
    const parsed = parseJson(stdout) as { valid?: unknown } | undefined;
    if (parsed === undefined || typeof parsed !== 'object' || parsed === null) return 'unreadable';
    const valid = Array.isArray(parsed.valid) ? (parsed.valid as MinikubeProfile[]) : [];
    const profile = valid.find((p) => p?.Name === cluster);
    if (profile === undefined) return `minikube has no profile \`${cluster}\` (\`minikube profile list\`)`;
    const ips = (profile.Config?.Nodes ?? []).map((node) => node?.IP).filter((ip): ip is string => typeof ip === 'string' && ip !== '');
    if (ips.includes(host)) return 'yes';
    return `minikube's profile \`${cluster}\` is at ${ips.join(', ') || 'no address'}, not ${host}`;
  },
  kind(stdout, cluster) {
    const names = stdout.split('\n').map((line) => line.trim()).filter(Boolean);
    return names.includes(cluster) ? 'yes' : `kind has no cluster \`${cluster}\` (\`kind get clusters\`: ${names.length === 0 ? 'none' : names.join(', ')})`;
  },
  k3d(stdout, cluster, host) {
    const parsed = parseJson(stdout);
    if (!Array.isArray(parsed)) return 'unreadable';
    const found = (parsed as K3dCluster[]).find((c) => c?.name === cluster);
    if (found === undefined) return `k3d has no cluster \`${cluster}\` (\`k3d cluster list\`)`;
    const ips = (found.nodes ?? []).map((node) => node?.IP?.IP).filter((ip): ip is string => typeof ip === 'string' && ip !== '');
    if (ips.includes(host)) return 'yes';
    return `k3d's cluster \`${cluster}\` is at ${ips.join(', ') || 'no address'}, not ${host}`;
  },
};

/** The fields kubedojo reads of `minikube profile list -o json` (Go field names, no JSON tags). */
interface MinikubeProfile {
  Name?: unknown;
  Config?: { Nodes?: { IP?: unknown }[] } | null;
}

/** The fields kubedojo reads of `k3d cluster list -o json`. */
interface K3dCluster {
  name?: unknown;
  nodes?: { IP?: { IP?: unknown } }[];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Asks the owning tools about every context that needs it (each tool once), in parallel; only
 * about `only` when given (`--context NAME`). Contexts that need nothing are not in the map.
 */
export async function confirmContexts(kubeconfig: KubeConfig, tools: ToolRunner, only?: string): Promise<Confirmations> {
  const pending = listContexts(kubeconfig).filter((context) => context.needsConfirmation && (only === undefined || context.name === only));
  const cached = new Map<string, Promise<ToolResult>>();
  const onceEach: ToolRunner = {
    run: (argv) => {
      const key = argv.join('\0');
      let result = cached.get(key);
      if (result === undefined) cached.set(key, (result = tools.run(argv)));
      return result;
    },
  };
  const entries = await Promise.all(pending.map(async (context) => [context.name, await confirmLocalCluster(context, onceEach)] as const));
  return new Map(entries);
}
