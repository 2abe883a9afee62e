import { kubectlMode, minikubeMode, type CommandMode } from './command-mode.js';
import { kubectlRefusal } from './kubectl-guard.js';
import { minikubeRefusal } from './minikube-guard.js';
import { parseCommandLine } from './parse-command-line.js';
import { typoDistance } from './typo-distance.js';

export type AllowedProgram = 'kubectl' | 'minikube';
const ALLOWED_PROGRAMS: readonly AllowedProgram[] = ['kubectl', 'minikube'];

// Shell aliases learners carry over from blog posts; their shell knows them, kubedojo does not.
const KNOWN_ALIASES: Record<string, AllowedProgram> = { k: 'kubectl', kc: 'kubectl', mk: 'minikube' };
// Two edits covers `kubeclt`, `kubectl.`, `kubctl`, `minkube`, but not `kube` or `ls`.
const MAX_TYPO_DISTANCE = 2;

export interface CommandPolicyOptions {
  /** The tutorial namespace kubectl is pinned to. Default `kubedojo`. */
  namespace?: string;
}

export type CommandDecision =
  | { allowed: true; program: AllowedProgram; mode: CommandMode; argv: string[] }
  | {
      allowed: false;
      /** One or two sentences for the learner. */
      reason: string;
      /** A corrected command the UI may offer ("did you mean"), when we have a good guess. */
      suggestion?: string[];
    };

/** Decides whether kubedojo may run `argv`, and how (see {@link CommandMode}). */
export function commandPolicy(argv: readonly string[], options: CommandPolicyOptions = {}): CommandDecision {
  const namespace = options.namespace ?? 'kubedojo';
  const [program, ...args] = argv;
  if (program === undefined || program === '') {
    return { allowed: false, reason: 'Type a command to run, for example `kubectl get pods`.' };
  }

  if (program === 'kubectl' || program === 'minikube') {
    const refusal = program === 'kubectl' ? kubectlRefusal(args, namespace) : minikubeRefusal(args, namespace);
    if (refusal !== undefined) {
      const { reason, suggestion } = refusal;
      return suggestion === undefined ? { allowed: false, reason } : { allowed: false, reason, suggestion: [program, ...suggestion] };
    }
    const mode = program === 'kubectl' ? kubectlMode(args) : minikubeMode(args);
    return { allowed: true, program, mode, argv: [...argv] };
  }

  if (program.includes('/')) {
    const base = program.slice(program.lastIndexOf('/') + 1);
    if ((ALLOWED_PROGRAMS as readonly string[]).includes(base)) {
      return {
        allowed: false,
        reason: `kubedojo runs the \`${base}\` on your PATH: type \`${base}\` without a path.`,
        suggestion: [base, ...args],
      };
    }
  }

  const guess = guessProgram(program);
  const refusal = `\`${program}\` is not a kubectl or minikube command: run it in your own terminal.`;
  if (guess === undefined) return { allowed: false, reason: refusal };
  return {
    allowed: false,
    reason: `${refusal} Did you mean \`${guess}\`?`,
    suggestion: [guess, ...args],
  };
}

/**
 * Parses and judges a typed line in one go: the prompt's single entry point. Parse errors
 * (pipes, unterminated quotes) come back as refusals with the parser's message.
 */
export function interpretCommandLine(text: string, options: CommandPolicyOptions = {}): CommandDecision {
  const parsed = parseCommandLine(text);
  if (!parsed.ok) return { allowed: false, reason: parsed.message };
  return commandPolicy(parsed.argv, options);
}

function guessProgram(typed: string): AllowedProgram | undefined {
  const lower = typed.toLowerCase();
  const alias = KNOWN_ALIASES[lower];
  if (alias !== undefined) return alias;
  let best: { program: AllowedProgram; distance: number } | undefined;
  for (const program of ALLOWED_PROGRAMS) {
    const distance = typoDistance(lower, program);
    if (distance <= MAX_TYPO_DISTANCE && (best === undefined || distance < best.distance)) {
      best = { program, distance };
    }
  }
  return best?.program;
}
