/**
 * `kubedojo env`: the line that points a second terminal's kubectl at the running app's cluster
 * and namespace, as `minikube docker-env` does for Docker: `eval "$(kubedojo env)"`.
 */
import * as z from 'zod';
import { findRunningApp, NOT_RUNNING_CONTEXT } from '../../app/running-app.js';
import { validate } from '../cli-options.js';
import { UsageError } from '../usage-error.js';

export interface EnvOptions {
  shell?: string;
}

const SHELLS = ['sh', 'bash', 'zsh', 'fish', 'powershell'] as const;
const shellSchema = z.enum(SHELLS, { error: (issue) => `--shell must be one of ${SHELLS.join(', ')}, not "${String(issue.input)}"` });

/** POSIX single quotes, only when needed. */
function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

export function envLines(shell: (typeof SHELLS)[number], kubeconfig: string): { set: string; usage: string } {
  switch (shell) {
    case 'fish':
      return { set: `set -gx KUBECONFIG ${quote(kubeconfig)}`, usage: 'kubedojo env --shell fish | source' };
    case 'powershell':
      return { set: `$Env:KUBECONFIG = "${kubeconfig.replaceAll('"', '`"')}"`, usage: '& kubedojo env --shell powershell | Invoke-Expression' };
    default:
      return { set: `export KUBECONFIG=${quote(kubeconfig)}`, usage: 'eval "$(kubedojo env)"' };
  }
}

export async function runEnvCommand(options: EnvOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const shell = validate(shellSchema, options.shell ?? (process.platform === 'win32' ? 'powershell' : 'sh'));
  const app = await findRunningApp();
  if (app === undefined) {
    throw new UsageError('kubedojo is not running; start it with `kubedojo` (or run the sandbox alone with `kubedojo sandbox`)');
  }
  const { set, usage } = envLines(shell, app.kubeconfig);
  const where = app.sandbox ? `the sandbox at ${app.server ?? '127.0.0.1'}, started ${app.startedAt}` : `\`${app.context}\``;
  out.write(
    `${set}\n# kubectl now works on ${where}, namespace ${app.namespace} (kubedojo pid ${app.pid}).\n` +
      // What kubectl says here once the app quits, and why (running-app.ts: NOT_RUNNING_CONTEXT).
      `# When kubedojo quits, kubectl here says context "${NOT_RUNNING_CONTEXT}" was not found:\n` +
      `# start kubedojo again and this same setting works again${app.sandbox ? ' (the sandbox comes back as you left it)' : ''}.\n` +
      `# Run this command to configure your shell:\n# ${usage}\n`,
  );
  return 0;
}
