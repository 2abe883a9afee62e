/**
 * `kubedojo summary`: what the learner did in the course, from the progress file alone (no
 * cluster): lessons done, steps and hints, the time from the first lesson opened to the last one
 * finished, and every rollout the downtime meter watched whole. The app shows the same summary
 * when the course is complete.
 */
import * as z from 'zod';
import { createProgressStore } from '../../engine/progress/index.js';
import { courseSummary, summaryParts } from '../../engine/summary/course-summary.js';
import { loadCourseOrFail, validate } from '../cli-options.js';
import { styleFor } from '../terminal-style.js';

export interface SummaryOptions {
  lessons?: string;
  output?: string;
}

const outputSchema = z.enum(['text', 'json'], { error: (issue) => `--output must be text or json, not "${String(issue.input)}"` });

export async function runSummaryCommand(options: SummaryOptions, out: NodeJS.WriteStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const output = validate(outputSchema, options.output ?? 'text');
  const course = await loadCourseOrFail(options.lessons);
  const store = createProgressStore();
  const { progress, notice } = await store.load();
  if (notice !== undefined) err.write(`kubedojo: ${notice}\n`);
  const summary = courseSummary(course, progress);
  if (output === 'json') {
    out.write(`${JSON.stringify({ progressFile: store.path, ...summary }, null, 2)}\n`);
    return 0;
  }
  const style = styleFor(out);
  const parts = summaryParts(summary);
  out.write(`${style.bold(parts.headline)}\n`);
  for (const fact of parts.facts) out.write(`${fact}\n`);
  const [ok, bad] = style.ascii ? ['+', 'x'] : ['✔', '✖'];
  for (const rollout of parts.rollouts) out.write(rollout.ok ? `${style.green(`  ${ok} ${rollout.text}`)}\n` : `  ${bad} ${rollout.text}\n`);
  if (!summary.complete) out.write(`\nThe course is not finished yet: \`kubedojo list\` shows what is open. Progress is saved in ${store.path}\n`);
  return 0;
}
