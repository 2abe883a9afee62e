/**
 * Which commands a lesson may contain. Built on the engine's own command parser and safety
 * policy (src/engine/commands), so lint accepts exactly what the app will run, plus rules for
 * lessons: solutions and start states run unattended on every cluster (the sandbox too).
 */
import { commandPolicy } from '../commands/command-policy.js';
import { kubectlMode } from '../commands/command-mode.js';
import { flagValue, scanKubectlArgs } from '../commands/kubectl-args.js';
import { parseCommandLine } from '../commands/parse-command-line.js';

/**
 * Where a command appears: a step's suggested `command`, a `solution`, a lesson's `start`, or
 * a `ran` check.
 */
export type CommandUse = 'command' | 'solution' | 'start' | 'check';

// minikube subcommands that only start, inspect or reach the local cluster; `delete`, `stop`,
// `addons enable` and friends change the learner's machine, which a lesson must not ask for.
const LESSON_MINIKUBE = new Set(['start', 'status', 'ip', 'service', 'kubectl', 'version']);

const UNATTENDED: Record<'solution' | 'start', string> = {
  solution: 'solutions run unattended (kubedojo rehearse)',
  start: 'start commands run unattended (catch-up)',
};

/** Why `text` may not appear in a lesson as `use`, or undefined when it may. */
export function commandProblem(text: string, use: CommandUse): string | undefined {
  const parsed = parseCommandLine(text);
  if (!parsed.ok) return parsed.message;
  const [program = '', ...args] = parsed.argv;
  if (program !== 'kubectl' && program !== 'minikube') return `lesson commands run kubectl or minikube, not ${program}`;

  // A lesson's own minikube rule first: it tells an author what a lesson may use.
  const minikubeSubcommand = args.find((word) => !word.startsWith('-')) ?? '';
  if (program === 'minikube' && !LESSON_MINIKUBE.has(minikubeSubcommand)) {
    return `minikube ${minikubeSubcommand} does not belong in a lesson (allowed: ${[...LESSON_MINIKUBE].join(', ')})`;
  }
  const decision = commandPolicy(parsed.argv);
  if (!decision.allowed) return decision.reason;

  const scanned = scanKubectlArgs(args);
  if (program === 'minikube') {
    if (use === 'solution' || use === 'start') return `${UNATTENDED[use]} on every cluster, the sandbox included: use kubectl, not minikube`;
    return undefined;
  }

  // Workshop mode gives each learner their own namespace: a lesson never names the tutorial one.
  if (flagValue(scanned, 'namespace') === 'kubedojo') {
    return 'drop -n kubedojo: commands already run in the tutorial namespace (another one per learner in workshop mode)';
  }
  if (use === 'solution' || use === 'start') {
    const mode = kubectlMode(args);
    const words = `kubectl ${scanned.positionals.slice(0, 1).join(' ')}`.trim();
    if (mode === 'interactive') {
      return `${words} needs a person at the keyboard, and ${UNATTENDED[use]}: use kubectl set, patch or apply instead`;
    }
    if (mode === 'streaming') return `this command never ends on its own, and ${UNATTENDED[use]}: drop -w / -f`;
  }
  return undefined;
}
