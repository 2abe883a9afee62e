/**
 * Rules about one step as a whole, beyond each field's schema: a solution unless the step is a
 * pure quiz, one quiz at most, and `ran` checks that name allowed commands and that the step's
 * own solution satisfies (else `kubedojo rehearse` would fail on it).
 */
import { ranMatchesAny } from '../checks/ran-match.js';
import type { Check } from '../checks/schema.js';
import { parseCommandLine } from '../commands/parse-command-line.js';
import { commandProblem } from './command-rules.js';

export interface StepIssue {
  path: PropertyKey[];
  message: string;
}

interface StepShape {
  solution: string[];
  checks: Check[];
}

export function stepRules(step: StepShape): StepIssue[] {
  const issues: StepIssue[] = [];
  const quizzes = step.checks.filter((check) => 'quiz' in check).length;
  if (quizzes > 1) issues.push({ path: ['checks'], message: 'a step holds at most one quiz: split it into steps' });
  if (step.solution.length === 0 && quizzes < step.checks.length) {
    issues.push({ path: ['solution'], message: 'required, unless every check of the step is a quiz' });
  }
  step.checks.forEach((check, c) => {
    if ('ran' in check) issues.push(...ranRules(check.ran, step.solution, ['checks', c, 'ran']));
  });
  return issues;
}

function ranRules(wanted: readonly string[], solution: readonly string[], path: PropertyKey[]): StepIssue[] {
  const issues: StepIssue[] = [];
  wanted.forEach((text, k) => {
    const problem = commandProblem(text, 'check');
    if (problem !== undefined) issues.push({ path: wanted.length === 1 ? path : [...path, k], message: problem });
  });
  const last = solution.at(-1);
  if (issues.length > 0 || last === undefined) return issues;
  // The check reads the last command run, and rehearse runs the solution in order.
  const parsed = parseCommandLine(last);
  if (parsed.ok && !ranMatchesAny(wanted, parsed.argv)) {
    issues.push({ path, message: `the solution's last command (${last}) does not satisfy this check` });
  }
  return issues;
}
