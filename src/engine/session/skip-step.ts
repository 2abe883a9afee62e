/**
 * Skipping a step the way Instruqt's "skip" runs a challenge's solve script: the step's solution
 * runs unattended, as `kubedojo rehearse` runs it, so the cluster is in the state the next steps
 * expect. Each command is echoed to the output first, so the learner sees what was done for them.
 */
import { formatArgv } from '../checks/command-match.js';
import { interpretCommandLine } from '../commands/command-policy.js';
import type { CommandEnv, CommandRunner, OutputLine } from '../commands/command-runner.js';
import type { Step } from '../lessons/schema.js';

export interface SolutionRun {
  runner: CommandRunner;
  env: CommandEnv;
  namespace: string;
  onLine(line: OutputLine): void;
}

export type SolutionResult = { ok: true } | { ok: false; message: string };

export async function runSolution(step: Step, run: SolutionRun): Promise<SolutionResult> {
  if (step.solution.length === 0) return { ok: true };
  run.onLine({ stream: 'stdout', text: `kubedojo: skipping “${step.title}”, running its solution:` });
  for (const text of step.solution) {
    const decision = interpretCommandLine(text, { namespace: run.namespace });
    if (!decision.allowed) return { ok: false, message: `\`${text}\` is refused: ${decision.reason}` };
    if (decision.mode !== 'ordinary') return { ok: false, message: `\`${text}\` needs a terminal of its own` };
    run.onLine({ stream: 'stdout', text: `$ ${formatArgv(decision.argv)}` });
    let lastError: string | undefined;
    const result = await run.runner.run(decision.argv, {
      env: run.env,
      onLine: (line) => {
        if (line.stream === 'stderr') lastError = line.text;
        run.onLine(line);
      },
    });
    if (result.exitCode !== 0) {
      return { ok: false, message: `\`${text}\` exited with ${result.exitCode}${lastError === undefined ? '' : ` (${lastError})`}` };
    }
  }
  return { ok: true };
}
