/** `ran` and `quiz`: checks on what the learner did in the app rather than on the cluster. */
import { formatArgv } from './command-match.js';
import type { ClusterView } from './cluster-view.js';
import { ranMatchesAny } from './ran-match.js';
import { fail, pass, type CheckContext, type CheckResult } from './result.js';
import type { QuizCheck, RanCheck } from './schema.js';

export function evaluateRan(check: RanCheck, context: CheckContext, view?: ClusterView): CheckResult {
  const want = check.ran.join(' or ');
  const last = context.lastCommand;
  if (last === undefined) return fail(`no command run yet, want ${want}`);
  const ran = formatArgv(last.argv);
  const options = { ...(context.namespace !== undefined && { namespace: context.namespace }), ...(view !== undefined && { view }) };
  if (!ranMatchesAny(check.ran, last.argv, options)) return fail(`last command was ${ran}, want ${want}`);
  if (last.exitCode !== check.exitCode) return fail(`${ran} exited with ${last.exitCode}, want ${check.exitCode}`);
  return pass(`ran ${ran} (exit ${last.exitCode})`);
}

export function evaluateQuiz({ quiz }: QuizCheck, context: CheckContext): CheckResult {
  const answer = context.quizAnswer;
  if (answer === undefined) return fail('quiz: not answered yet');
  // Never name the right answer: the learner should get there by thinking (or by the hints).
  if (answer !== quiz.answer) return fail(`quiz: "${answer}" is not it, try again`);
  return pass(`quiz: "${answer}" is right`);
}
