/**
 * Decides which cluster a session practises on and prepares it: a local context the learner
 * has (through a pinned copy of it), or the built-in sandbox when none is reachable. Every
 * command then runs with `KUBECONFIG=<the pinned file>`, in a per-run temp folder; the learner's
 * own kubeconfig is only read (PRODUCT.md, safety rules).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { chooseContext, SANDBOX_CONTEXT } from '../cluster/choose-context.js';
import { clusterIdentity } from '../cluster/cluster-identity.js';
import { ensureNamespace, probeCluster } from '../cluster/cluster-probe.js';
import { listContexts } from '../cluster/context-classifier.js';
import { createExecaToolRunner } from '../cluster/execa-tool-runner.js';
import { KeptAliveKubeConfig } from '../cluster/kept-alive-kubeconfig.js';
import { confirmContexts, type ToolRunner } from '../cluster/local-tool-confirmation.js';
import { loadUserKubeconfig, type KubeconfigSources } from '../cluster/kubeconfig-loader.js';
import { writePinnedKubeconfig } from '../cluster/pinned-kubeconfig.js';
import { startSandboxThread, type SandboxThread } from '../../sandbox/worker/sandbox-thread.js';
import type { NoticeLevel } from './snapshot.js';

export interface ConnectFlags {
  /** `--context NAME` */
  context?: string;
  /** `--allow-remote`, only together with `--context`. */
  allowRemote?: boolean;
  /** `--sandbox`: skip the learner's kubeconfig and use the built-in sandbox. */
  sandbox?: boolean;
  /** The sandbox's time factor (tests use 50); default 1. */
  speed?: number;
  /**
   * Start the sandbox when no local cluster answers; default true. `kubedojo check` says false:
   * an empty sandbox started just for it has nothing to check.
   */
  sandboxFallback?: boolean;
  /** Where the sandbox saves and restores its state (the app's: defaultSandboxStateDir); none: memory only. */
  sandboxStateDir?: string;
  /** `--fresh`: the sandbox starts empty, discarding its saved state. */
  fresh?: boolean;
}

/** No local cluster answered and the sandbox was not wanted (`sandboxFallback: false`). */
export class NoClusterError extends Error {
  override readonly name = 'NoClusterError';
}

export interface ConnectOptions {
  flags?: ConnectFlags;
  /** The tutorial namespace; default `kubedojo`. */
  namespace?: string;
  /** Where the learner's kubeconfig is read from (tests point it at fixtures). */
  kubeconfigSources?: KubeconfigSources;
  /** Per context probed; default 3000 ms. */
  probeTimeoutMs?: number;
  /** Asks minikube/kind/k3d about contexts at a private address; default: runs them (execa). */
  tools?: ToolRunner;
}

export interface ConnectNotice {
  level: NoticeLevel;
  text: string;
}

export interface ClusterConnection {
  context: string;
  /** The sandbox this connection started (in its own thread), if it did; stopped by close(). */
  sandbox: SandboxThread | undefined;
  remote: boolean;
  namespace: string;
  /** The pinned kubeconfig: one context, namespace set to the tutorial namespace. */
  kubeconfigPath: string;
  /** The pinned kubeconfig, loaded, for client-node: its requests share kept-alive connections, closed by close(). */
  kubeconfig: KubeConfig;
  /** The tutorial namespace's uid: remembered values belong to it (cluster-identity.ts). */
  clusterId: string;
  notices: ConnectNotice[];
  /** Closes the kubeconfig's connections, stops the sandbox (if started) and deletes the run folder. Idempotent. */
  close(): Promise<void>;
}

/** The flags ask for something kubedojo will not do, or the named cluster is unusable. */
export class ConnectError extends Error {
  override readonly name = 'ConnectError';
}

export const NO_LOCAL_CLUSTER_NOTICE = 'No local cluster was reachable; using the built-in sandbox';

export async function connectCluster(options: ConnectOptions = {}): Promise<ClusterConnection> {
  const flags = options.flags ?? {};
  const namespace = options.namespace ?? 'kubedojo';
  const runDir = await mkdtemp(join(tmpdir(), 'kubedojo-run-'));
  try {
    if (flags.sandbox) return await withSandbox(runDir, namespace, flags, { level: 'info', text: 'Using the built-in sandbox cluster (--sandbox).' });

    const { kubeconfig } = loadUserKubeconfig(options.kubeconfigSources);
    // Private addresses count only when their tool confirms them (issue #7); --allow-remote needs no word.
    const confirmations = flags.allowRemote ? undefined : await confirmContexts(kubeconfig, options.tools ?? createExecaToolRunner(), flags.context);
    const decision = chooseContext({ kubeconfig, flags, namespace, ...(confirmations === undefined ? {} : { confirmations }) });
    if (decision.kind === 'refused') throw new ConnectError(decision.message);
    if (decision.kind === 'sandbox' && flags.sandboxFallback === false) throw new NoClusterError('no context in your kubeconfig looks local');
    if (decision.kind === 'sandbox') return await withSandbox(runDir, namespace, flags, { level: 'info', text: decision.message });

    const notices: ConnectNotice[] = [{ level: decision.remote ? 'warn' : 'info', text: decision.message }];
    // Without --context, any local context that answers will do, the chosen one first.
    const others = flags.context ? [] : listContexts(kubeconfig, confirmations).filter((c) => c.local && c.name !== decision.context.name);
    const failures: string[] = [];
    for (const candidate of [decision.context, ...others]) {
      const path = await writePinnedKubeconfig(kubeconfig, candidate.name, namespace, runDir);
      const probe = await probeCluster(path, options.probeTimeoutMs ?? 3000);
      if (probe.reachable) {
        if (failures.length > 0) notices.push({ level: 'warn', text: `${failures.join('; ')}. Using \`${candidate.name}\` instead.` });
        return await finish({ runDir, namespace, context: candidate.name, path, sandbox: undefined, remote: decision.remote, notices });
      }
      failures.push(`\`${candidate.name}\` is not reachable: ${probe.reason}`);
    }
    if (flags.context) throw new ConnectError(`${failures[0]}.`);
    if (flags.sandboxFallback === false) throw new NoClusterError(`${failures.join('; ')}.`);
    return await withSandbox(runDir, namespace, flags, { level: 'warn', text: `${NO_LOCAL_CLUSTER_NOTICE} (${failures.join('; ')}).` });
  } catch (error) {
    await rm(runDir, { recursive: true, force: true });
    throw error;
  }
}

async function withSandbox(runDir: string, namespace: string, flags: ConnectFlags, notice: ConnectNotice): Promise<ClusterConnection> {
  // In a worker thread: nothing the sandbox does can delay the app's frames or keys (issue 9).
  const sandbox = await startSandboxThread({
    speed: flags.speed ?? 1,
    kubeconfigPath: join(runDir, 'sandbox', 'kubeconfig'),
    ...(flags.sandboxStateDir === undefined ? {} : { stateDir: flags.sandboxStateDir, fresh: flags.fresh === true }),
  });
  try {
    const sandboxConfig = new KubeConfig();
    sandboxConfig.loadFromFile(sandbox.kubeconfigPath);
    const path = await writePinnedKubeconfig(sandboxConfig, SANDBOX_CONTEXT, namespace, runDir);
    return await finish({ runDir, namespace, context: SANDBOX_CONTEXT, path, sandbox, remote: false, notices: [notice, ...sandbox.notices] });
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

interface Prepared {
  runDir: string;
  namespace: string;
  context: string;
  path: string;
  sandbox: SandboxThread | undefined;
  remote: boolean;
  notices: ConnectNotice[];
}

async function finish(prepared: Prepared): Promise<ClusterConnection> {
  // One pool of kept-alive connections for everything the session asks the cluster (checks'
  // informers, the meter, a workshop's mirror): no TLS handshake per request.
  const kubeconfig = KeptAliveKubeConfig.fromFile(prepared.path);
  let clusterId: string;
  try {
    await ensureNamespace(kubeconfig, prepared.namespace);
    clusterId = await clusterIdentity(kubeconfig, prepared.namespace);
  } catch (error) {
    await kubeconfig.close();
    await prepared.sandbox?.stop();
    const why = error instanceof Error ? error.message : String(error);
    throw new ConnectError(`Could not prepare the namespace \`${prepared.namespace}\` on \`${prepared.context}\`: ${why}`);
  }
  let closing: Promise<void> | undefined;
  return {
    context: prepared.context,
    sandbox: prepared.sandbox,
    remote: prepared.remote,
    namespace: prepared.namespace,
    kubeconfigPath: prepared.path,
    kubeconfig,
    clusterId,
    notices: prepared.notices,
    close() {
      closing ??= (async () => {
        // Its connections first: the sandbox's server then has no client left to wait for.
        await kubeconfig.close();
        await prepared.sandbox?.stop();
        await rm(prepared.runDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
