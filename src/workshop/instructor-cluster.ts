/**
 * The instructor's cluster for `board` and `workshop …`: the current context when it looks local
 * (the workshop sandbox's kubeconfig exported, minikube, kind …), a named `--context` that looks
 * local, or a remote one only with `--allow-remote` — the same rule as the app (PRODUCT.md).
 * Never the built-in sandbox started on the fly: a room needs the one that is already running.
 */
import { chooseContext } from '../engine/cluster/choose-context.js';
import { KeptAliveKubeConfig } from '../engine/cluster/kept-alive-kubeconfig.js';
import { loadUserKubeconfig } from '../engine/cluster/kubeconfig-loader.js';
import { UsageError } from '../cli/usage-error.js';

export interface InstructorFlags {
  context?: string;
  allowRemote?: boolean;
  /** `--kubeconfig FILE`: read this file instead of KUBECONFIG / ~/.kube/config. */
  kubeconfig?: string;
}

export interface InstructorCluster {
  /** Its requests share kept-alive connections (40 learners' objects, the board's watch); close it when done. */
  kubeconfig: KeptAliveKubeConfig;
  context: string;
  server: string;
  remote: boolean;
}

export function instructorCluster(flags: InstructorFlags, command: string): InstructorCluster {
  if (flags.allowRemote && flags.context === undefined) throw new UsageError('--allow-remote needs --context NAME, naming the one cluster you allow');
  const { kubeconfig } = loadUserKubeconfig(flags.kubeconfig === undefined ? {} : { kubeconfigEnv: flags.kubeconfig });
  const decision = chooseContext({ kubeconfig, flags: { context: flags.context, allowRemote: flags.allowRemote } });
  if (decision.kind === 'refused') throw new UsageError(decision.message);
  if (decision.kind === 'sandbox') {
    throw new UsageError(
      `no local cluster in your kubeconfig for ${command}: run \`kubedojo sandbox --workshop\` and export the KUBECONFIG it prints, or name a cluster with --context NAME (--allow-remote if it is not local)`,
    );
  }
  const pinned = new KeptAliveKubeConfig();
  pinned.loadFromString(kubeconfig.exportConfig());
  pinned.setCurrentContext(decision.context.name);
  return { kubeconfig: pinned, context: decision.context.name, server: pinned.getCurrentCluster()?.server ?? '', remote: decision.remote };
}
