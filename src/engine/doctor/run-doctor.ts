import { homedir } from 'node:os';
import {
  chooseContextConfirmed,
  createExecaToolRunner,
  kubeconfigFiles,
  loadUserKubeconfig,
  probeCluster,
  SANDBOX_CONTEXT,
  type ContextDecision,
  type ContextFlags,
  type LoadedKubeconfig,
  type ProbeResult,
  type ToolRunner,
} from '../cluster/index.js';
import { reviewAccess, type AccessReviewer } from './access-review.js';
import { check } from './check.js';
import { reachabilityCheck, unreachedCheck } from './cluster-check.js';
import { contextCheck } from './context-check.js';
import { createExecutableLookup } from './executable-lookup.js';
import { kubectlCheck } from './kubectl-check.js';
import { detectKubectl } from './kubectl-detect.js';
import { minikubeCheck } from './minikube-check.js';
import { permissionsCheck, tutorialAccessRequests } from './permissions-check.js';
import { withPinnedCopy } from './pinned-copy.js';
import { createProcessRunner, type ProcessEnv } from './process-runner.js';
import { skewCheck } from './skew-check.js';
import type { CheckStatus, DoctorCheck, DoctorReport, ExecutableLookup, Platform, ProcessRunner } from './types.js';

/** The cluster side of the doctor, injectable so tests can bend one answer of a real cluster. */
export interface DoctorCluster {
  /** Default: {@link loadUserKubeconfig} from `env.KUBECONFIG` or `~/.kube/config`. */
  loadKubeconfig: () => LoadedKubeconfig;
  /** Default: {@link probeCluster}. */
  probe: (kubeconfigPath: string, timeoutMs: number) => Promise<ProbeResult>;
  /** Default: {@link reviewAccess} (SelfSubjectAccessReview). */
  reviewAccess: AccessReviewer;
  /** Asks minikube/kind/k3d about contexts at a private address. Default: runs them with `env`. */
  tools: ToolRunner;
}

export interface DoctorOptions {
  /** Which OS to give install commands for; default `process.platform`. */
  platform?: Platform;
  /** For download URLs (amd64 / arm64); default `process.arch`. */
  arch?: string;
  /** PATH and KUBECONFIG come from here, and children run with it; default `process.env`. */
  env?: ProcessEnv;
  /** Where `~/.kube/config` lives when KUBECONFIG is unset; default `os.homedir()`. */
  homeDir?: string;
  /** The tutorial namespace; default `kubedojo`. */
  namespace?: string;
  /** `--context` / `--allow-remote`, judged exactly as the app will. */
  flags?: ContextFlags;
  /** How long the cluster gets to answer; default 3000 ms. */
  timeoutMs?: number;
  /** Default: execa without a shell, see {@link createProcessRunner}. */
  run?: ProcessRunner;
  /** Default: a PATH search in `env`. */
  which?: ExecutableLookup;
  cluster?: Partial<DoctorCluster>;
}

/**
 * Runs every check and never throws for what it finds: a missing tool, a stopped cluster or a
 * broken kubeconfig each become a check with a fix. Touches no cluster it would not practise on.
 */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const namespace = options.namespace ?? 'kubedojo';
  const timeoutMs = options.timeoutMs ?? 3000;
  const run = options.run ?? createProcessRunner(env);
  const which = options.which ?? createExecutableLookup(env, platform);
  const sources = { kubeconfigEnv: env.KUBECONFIG, homeDir: options.homeDir ?? homedir() };
  const cluster: DoctorCluster = {
    loadKubeconfig: () => loadUserKubeconfig(sources),
    probe: probeCluster,
    reviewAccess,
    tools: createExecaToolRunner({ env }),
    ...options.cluster,
  };

  // The tools and the cluster are independent: ask them at the same time.
  const [detection, minikube, clusterChecks] = await Promise.all([
    detectKubectl({ run, which }),
    minikubeCheck({ run, which, platform, arch }),
    checkCluster(cluster, { flags: options.flags ?? {}, namespace, timeoutMs, lookedAt: kubeconfigFiles(sources) }).catch((error: unknown) =>
      brokenSetup(error),
    ),
  ]);
  const client = detection.kind === 'missing' ? undefined : detection.version;
  const checks = [
    kubectlCheck(detection, platform, arch),
    skewCheck({ client, server: clusterChecks.serverVersion, platform, arch }),
    minikube,
    clusterChecks.context,
    clusterChecks.reachability,
    clusterChecks.permissions,
  ];
  return {
    checks,
    counts: countStatuses(checks),
    passed: checks.every((entry) => entry.status !== 'fail'),
    kubectl: detection.kind === 'missing' ? undefined : detection.prefix,
  };
}

interface ClusterChecks {
  context: DoctorCheck;
  reachability: DoctorCheck;
  permissions: DoctorCheck;
  serverVersion: string | undefined;
}

async function checkCluster(
  cluster: DoctorCluster,
  { flags, namespace, timeoutMs, lookedAt }: { flags: ContextFlags; namespace: string; timeoutMs: number; lookedAt: string[] },
): Promise<ClusterChecks> {
  const loaded = cluster.loadKubeconfig();
  const decision = await chooseContextConfirmed({ kubeconfig: loaded.kubeconfig, flags, namespace, tools: cluster.tools });
  const context = contextCheck({ loaded, decision, lookedAt, namespace });
  if (decision.kind !== 'use') {
    return { context, reachability: unreachedCheck(decision), permissions: check('permissions', 'skip', 'No cluster to ask.'), serverVersion: undefined };
  }

  const name = decision.context.name;
  return withPinnedCopy(loaded.kubeconfig, name, namespace, async (path) => {
    const probe = await cluster.probe(path, timeoutMs);
    const reachability = reachabilityCheck(name, probe);
    if (!probe.reachable) {
      return { context, reachability, permissions: check('permissions', 'skip', 'The cluster did not answer.'), serverVersion: undefined };
    }
    const outcome = await cluster.reviewAccess(path, namespace, tutorialAccessRequests(), timeoutMs);
    const permissions = permissionsCheck({ outcome, namespace, sandbox: isSandbox(decision) });
    return { context, reachability, permissions, serverVersion: probe.version };
  });
}

/** Something unexpected (an unwritable temp folder, a client-node bug): report, do not crash. */
function brokenSetup(error: unknown): ClusterChecks {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    context: check('kubeconfig', 'fail', `kubedojo could not check your cluster set-up: ${reason}`),
    reachability: check('cluster', 'skip', 'Not checked (see above).'),
    permissions: check('permissions', 'skip', 'Not checked (see above).'),
    serverVersion: undefined,
  };
}

function isSandbox(decision: Extract<ContextDecision, { kind: 'use' }>): boolean {
  return decision.context.name === SANDBOX_CONTEXT && decision.context.local;
}

function countStatuses(checks: DoctorCheck[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0, skip: 0 };
  for (const entry of checks) counts[entry.status] += 1;
  return counts;
}
