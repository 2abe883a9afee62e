import { flagIsOn, scanKubectlArgs, type KubectlArgs } from './kubectl-args.js';

/**
 * How the app has to run a command:
 * - `interactive`: needs the real terminal (an editor, a shell in a container); the app suspends
 *   Ink and hands the terminal over.
 * - `streaming`: prints until the learner stops it (`get -w`, `logs -f`, `port-forward`); the app
 *   shows "press Ctrl+C to stop" and keeps the step usable meanwhile.
 * - `ordinary`: finishes on its own (this includes `rollout status`, which waits but ends).
 */
export type CommandMode = 'interactive' | 'streaming' | 'ordinary';

// Subcommands that attach stdin/a TTY when asked with -i / -t.
const ATTACHING = new Set(['exec', 'attach', 'run', 'debug']);
// Subcommands that run until stopped whatever their flags.
const ALWAYS_STREAMING = new Set(['port-forward', 'proxy']);
// Subcommands where -w / --watch means "keep printing changes".
const WATCHABLE = new Set(['get', 'events']);

export function kubectlMode(args: readonly string[]): CommandMode {
  const scanned = scanKubectlArgs(args);
  const [subcommand, second] = scanned.positionals;
  if (subcommand === undefined) return 'ordinary';

  if (subcommand === 'edit' || (subcommand === 'apply' && second === 'edit-last-applied')) return 'interactive';
  // `create --edit`, `set ... --edit` and friends open $EDITOR too.
  if (flagIsOn(scanned, 'edit')) return 'interactive';
  if (ATTACHING.has(subcommand) && attachesTerminal(scanned)) return 'interactive';

  if (ALWAYS_STREAMING.has(subcommand)) return 'streaming';
  if (WATCHABLE.has(subcommand) && (flagIsOn(scanned, 'watch') || flagIsOn(scanned, 'watch-only'))) return 'streaming';
  if (subcommand === 'logs' && flagIsOn(scanned, 'follow')) return 'streaming';
  // `attach` without -i still mirrors the container's output until the container exits.
  if (subcommand === 'attach') return 'streaming';
  return 'ordinary';
}

function attachesTerminal(scanned: KubectlArgs): boolean {
  // -i alone reads stdin until EOF, -t alone asks for a TTY: either way it needs the terminal.
  return flagIsOn(scanned, 'stdin') || flagIsOn(scanned, 'tty');
}

// minikube subcommands that keep running (tunnels, dashboards, mounts) until stopped.
const MINIKUBE_STREAMING = new Set(['tunnel', 'dashboard', 'mount', 'service']);

export function minikubeMode(args: readonly string[]): CommandMode {
  // minikube is not kubectl: its words are read plainly (the minikube guard already made sure the
  // subcommand comes first).
  const dashDash = args.indexOf('--');
  const before = dashDash === -1 ? args : args.slice(0, dashDash);
  const afterDashDash = dashDash === -1 ? [] : args.slice(dashDash + 1);
  const positionals = before.filter((word) => !word.startsWith('-'));
  const [subcommand] = positionals;
  // `minikube ssh` with no command opens a shell; with a command it just runs it.
  if (subcommand === 'ssh') return afterDashDash.length === 0 && positionals.length === 1 ? 'interactive' : 'ordinary';
  if (subcommand === 'kubectl') return kubectlMode(dashDash === -1 ? before.slice(before.indexOf('kubectl') + 1) : afterDashDash);
  if (subcommand === 'logs' && (before.includes('-f') || before.includes('--follow'))) return 'streaming';
  if (subcommand !== undefined && MINIKUBE_STREAMING.has(subcommand)) return 'streaming';
  return 'ordinary';
}
