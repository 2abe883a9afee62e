/** `kubedojo doctor`: the learner's tools and cluster, each with a fix; exit 1 when any check fails. */
import { formatDoctorReport, runDoctor } from '../../engine/doctor/index.js';
import { contextFlagsSchema, NAMESPACE, validate } from '../cli-options.js';
import { styleFor } from '../terminal-style.js';

export interface DoctorCommandOptions {
  context?: string;
  allowRemote?: boolean;
}

export async function runDoctorCommand(options: DoctorCommandOptions, out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const flags = validate(contextFlagsSchema, options);
  const report = await runDoctor({ flags, namespace: NAMESPACE });
  const { color, ascii } = styleFor(out);
  out.write(formatDoctorReport(report, { color, ascii }));
  return report.passed ? 0 : 1;
}
