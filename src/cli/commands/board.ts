/** `kubedojo board`: validate the flags, pick the instructor's cluster, show the room. */
import * as z from 'zod';
import { validate } from '../cli-options.js';
import { UsageError } from '../usage-error.js';
import { instructorCluster } from '../../workshop/instructor-cluster.js';
import { FILTERS, SORTS } from '../../workshop/board/board-state.js';

export interface BoardCommandOptions {
  context?: string;
  allowRemote?: boolean;
  kubeconfig?: string;
  once?: boolean;
  json?: boolean;
  sort?: string;
  filter?: string;
  stuckAfter?: number;
  stuckFailures?: number;
}

const schema = z
  .object({
    once: z.boolean().default(false),
    json: z.boolean().default(false),
    sort: z.enum(SORTS as [string, ...string[]], { message: `--sort is one of ${SORTS.join(', ')}` }).default('name'),
    filter: z.enum(FILTERS as [string, ...string[]], { message: `--filter is one of ${FILTERS.join(', ')}` }).default('all'),
    stuckAfter: z.number().positive().default(5 * 60_000),
    stuckFailures: z.number().int('--stuck-failures is a whole number').min(1).default(3),
  })
  .refine((flags) => !flags.json || flags.once, '--json prints one look at the room: use it with --once');

export async function runBoardCommand(options: BoardCommandOptions, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const flags = validate(schema, { once: options.once, json: options.json, sort: options.sort, filter: options.filter, stuckAfter: options.stuckAfter, stuckFailures: options.stuckFailures });
  const cluster = instructorCluster(options, 'the board');
  const { boardOnce, runLiveBoard } = await import('../../workshop/board/run-board.js');
  const run = { kubeconfig: cluster.kubeconfig, once: flags.once, json: flags.json, sort: flags.sort as never, filter: flags.filter as never, stuck: { idleMs: flags.stuckAfter, failedCommands: flags.stuckFailures } };
  try {
    if (flags.once) {
      try {
        out.write(await boardOnce(run));
      } catch (error) {
        throw new UsageError(`could not read the room on \`${cluster.context}\` (${cluster.server}): ${error instanceof Error ? error.message : String(error)}`);
      }
      return;
    }
    if (!process.stdout.isTTY || !process.stdin.isTTY) throw new UsageError('the live board needs an interactive terminal; `kubedojo board --once` (or --once --json) prints the room once');
    await runLiveBoard(run);
  } finally {
    await cluster.kubeconfig.close();
  }
}
