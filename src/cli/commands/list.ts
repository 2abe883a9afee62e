/** `kubedojo list`: the lessons, each done or open with its steps, and where the learner is. */
import { createProgressStore } from '../../engine/progress/index.js';
import { loadCourseOrFail, validate } from '../cli-options.js';
import { styleFor } from '../terminal-style.js';
import * as z from 'zod';
import { courseStatus } from './course-status.js';

export interface ListOptions {
  lessons?: string;
  output?: string;
}

const outputSchema = z.enum(['table', 'json'], { error: (issue) => `--output must be table or json, not "${String(issue.input)}"` });

export async function runListCommand(options: ListOptions, out: NodeJS.WriteStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const output = validate(outputSchema, options.output ?? 'table');
  const course = await loadCourseOrFail(options.lessons);
  const store = createProgressStore();
  const { progress, notice } = await store.load();
  if (notice !== undefined) err.write(`kubedojo: ${notice}\n`);
  const rows = courseStatus(course, progress);
  if (output === 'json') {
    out.write(`${JSON.stringify({ progressFile: store.path, lessons: rows }, null, 2)}\n`);
    return 0;
  }

  const style = styleFor(out);
  const table = [['', '#', 'LESSON', 'TITLE', 'STATUS', 'STEPS'], ...rows.map((row) => [row.current ? '>' : '', String(row.number), row.id, row.title, row.status, `${row.stepsDone}/${row.stepsTotal}`])];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((cells) => [...cells[column]!].length)));
  table.forEach((cells, index) => {
    const line = cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
    const row = rows[index - 1];
    out.write(`${index === 0 ? style.bold(line) : row?.status === 'done' ? style.green(line) : line}\n`);
  });
  const done = rows.reduce((sum, row) => sum + row.stepsDone, 0);
  const total = rows.reduce((sum, row) => sum + row.stepsTotal, 0);
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  out.write(`\n${done}/${total} steps done (${percent}%). Progress is saved in ${store.path}\n`);
  return 0;
}
