/** `kubedojo doctor`: the learner's tools and cluster, each with a fix; exit 1 when any check fails. */
import { formatDoctorReport, runDoctor } from '../../engine/doctor/index.js';
import { contextFlagsSchema, NAMESPACE, validate } from '../cli-options.js';
import { findRunningApp } from '../../app/running-app.js';
import { styleFor } from '../terminal-style.js';

export interface DoctorCommandOptions {
  context?: string;
  allowRemote?: boolean;
}

export async function runDoctorCommand(options: DoctorCommandOptions, out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const flags = validate(contextFlagsSchema, options);
  // While the app runs (and no --context says otherwise), its cluster is the one to examine:
  // its sandbox lives in the app's process and is reached through the app's pinned kubeconfig.
  const app = flags.context === undefined ? await findRunningApp() : undefined;
  const env = app === undefined || app.remote ? undefined : { ...process.env, KUBECONFIG: app.kubeconfig };
  const report = await runDoctor({ flags, namespace: NAMESPACE, ...(env === undefined ? {} : { env }) });
  const { color, ascii, dim } = styleFor(out);
  if (env !== undefined && app !== undefined) out.write(dim(`Looking at the running app's cluster (${app.context}).`) + '\n');
  out.write(formatDoctorReport(report, { color, ascii }));
  return report.passed ? 0 : 1;
}
