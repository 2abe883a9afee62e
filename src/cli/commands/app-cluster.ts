/**
 * `check` and `reset` act on the cluster the learner practises on. Without cluster flags, and
 * while the app runs, that is the app's cluster — also its sandbox, which lives in the app's
 * process — reached through the app's pinned kubeconfig (see src/app/running-app.ts). Otherwise
 * the flags choose, exactly as the app would.
 */
import { findRunningApp, type RunningApp } from '../../app/running-app.js';
import type { ConnectFlags, TutorialSessionOptions } from '../../engine/session/index.js';
import type { ClusterFlags } from '../cli-options.js';
import { UsageError } from '../usage-error.js';

export interface CommandCluster {
  flags: ConnectFlags;
  kubeconfigSources?: TutorialSessionOptions['kubeconfigSources'];
  /** The app whose cluster this is, if it is. */
  app?: RunningApp;
}

export async function commandCluster(flags: ClusterFlags, command: string): Promise<CommandCluster> {
  if (flags.context !== undefined || flags.sandbox) return { flags };
  const app = await findRunningApp();
  if (app === undefined) return { flags };
  if (app.remote) {
    // The learner named that context for the app; for this command they name it again.
    throw new UsageError(`the app runs on \`${app.context}\`, which may not be local: run kubedojo ${command} --context ${app.context} --allow-remote`);
  }
  return { flags: { context: app.context }, kubeconfigSources: { kubeconfigEnv: app.kubeconfig }, app };
}
