/**
 * `kubedojo rehearse`: every lesson's solutions and checks, end to end, on the sandbox (or on
 * `--context NAME`): an instructor's pre-flight before a workshop. Prints each step as it
 * passes or fails and a summary; exit 1 when anything failed.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
import { createExecaRunner, type OutputLine } from '../../engine/commands/index.js';
import { createExitRegistry } from '../../engine/lifecycle/index.js';
import type { RehearseEvent, RehearseFailure, RehearseSummary } from '../../engine/rehearse/index.js';
import { contextFlagsSchema, NAMESPACE, validate } from '../cli-options.js';
import { LESSONS_DIR } from '../paths.js';
import { styleFor, type Style } from '../terminal-style.js';
import { UsageError } from '../usage-error.js';

export interface RehearseCommandOptions {
  lessons?: string;
  context?: string;
  allowRemote?: boolean;
  speed?: number;
  timeout?: string;
  /** Comma-separated lesson ids: rehearse only these. */
  only?: string;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A kubectl-style duration (`90s`, `3m`, `1h`, `500ms`; a bare number is seconds) in ms. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const ms = match === null ? NaN : Number(match[1]) * UNITS[match[2] ?? 's']!;
  if (!(ms > 0)) throw new UsageError(`--timeout must be a duration such as 90s or 3m, not "${text}"`);
  return ms;
}

const speedSchema = z.number().positive('--speed must be a positive number').finite().optional();

export async function runRehearseCommand(options: RehearseCommandOptions, out: NodeJS.WriteStream = process.stdout, err: NodeJS.WriteStream = process.stderr): Promise<number> {
  const flags = validate(contextFlagsSchema, { context: options.context, allowRemote: options.allowRemote });
  const speed = validate(speedSchema, options.speed);
  if (flags.context !== undefined && speed !== undefined) throw new UsageError('--speed paces the sandbox; it does nothing with --context');
  const stepTimeoutMs = parseDuration(options.timeout ?? '180s');
  const lessonsDir = options.lessons === undefined ? LESSONS_DIR : resolve(options.lessons);
  if (!existsSync(lessonsDir)) throw new UsageError(`--lessons ${options.lessons}: no such folder`);

  const [{ connectCluster }, { rehearse }] = await Promise.all([import('../../engine/session/index.js'), import('../../engine/rehearse/index.js')]);
  const registry = createExitRegistry();
  const uninstall = registry.install();
  const runner = createExecaRunner();
  registry.register('stop commands', () => runner.stopAll());
  const style = styleFor(out);
  let connection: Awaited<ReturnType<typeof connectCluster>> | undefined;
  try {
    connection = await connectCluster({
      flags: flags.context === undefined ? { sandbox: true, speed: speed ?? 1 } : { context: flags.context, allowRemote: flags.allowRemote === true },
      namespace: NAMESPACE,
    });
    const closing = connection;
    registry.register('stop the cluster', () => closing.close());
    const where = connection.sandbox === undefined ? `\`${connection.context}\`` : `the sandbox (speed ×${speed ?? 1})`;
    out.write(`Rehearsing ${options.lessons ?? 'the course'} on ${where}, namespace ${NAMESPACE}.\n`);
    const began = Date.now();
    const printer = createPrinter(out, style);
    const summary = await rehearse({
      lessonsDir,
      kubeconfigPath: connection.kubeconfigPath,
      namespace: NAMESPACE,
      allowRemote: connection.remote,
      stepTimeoutMs,
      runner,
      onEvent: printer,
      ...(options.only === undefined ? {} : { only: options.only.split(',').map((id) => id.trim()).filter(Boolean) }),
    });
    out.write(`\n${summaryLine(summary, Date.now() - began, style)}\n`);
    return summary.ok ? 0 : 1;
  } catch (error) {
    err.write(`kubedojo rehearse: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await runner.stopAll();
    await connection?.close();
    uninstall();
  }
}

/** Prints events as they come; a failing command's output is shown, other output is not. */
function createPrinter(out: NodeJS.WritableStream, style: Style): (event: RehearseEvent) => void {
  let output: OutputLine[] = [];
  const titles = new Map<string, string>();
  return (event) => {
    switch (event.type) {
      case 'lesson':
        out.write(`\n${style.bold(event.title)} ${style.dim(`(${event.lessonId})`)}\n`);
        return;
      case 'step':
        titles.set(event.stepId, event.title);
        return;
      case 'output':
        output = [...output.slice(-19), event.line];
        return;
      case 'command':
        if (event.exitCode !== 0) {
          out.write(style.red(`    $ ${event.command}  (exit ${event.exitCode})`) + '\n');
          for (const line of output) out.write(style.dim(`      ${line.text}`) + '\n');
        }
        output = [];
        return;
      case 'pass':
        out.write(`  ${style.green(style.ok)} ${event.stepId}  ${titles.get(event.stepId) ?? ''}  ${style.dim(`${(event.ms / 1000).toFixed(1)} s`)}\n`);
        return;
      case 'skip':
        out.write(style.dim(`  ${style.skip} ${event.stepId}  skipped: ${event.reason}`) + '\n');
        return;
      case 'fail':
        out.write(failureLines(event.failure, style));
    }
  };
}

function failureLines(failure: RehearseFailure, style: Style): string {
  const where = failure.stepId ?? failure.lessonId ?? 'course';
  const lines = [`  ${style.red(style.fail)} ${where}  ${style.red(`${failure.phase}: ${failure.message}`)}`];
  for (const check of failure.checks.filter((c) => !c.ok)) lines.push(`      ${style.red(style.fail)} ${check.label}${style.dim(` — ${check.message}`)}`);
  return `${lines.join('\n')}\n`;
}

function summaryLine(summary: RehearseSummary, ms: number, style: Style): string {
  const failed = summary.failures.length;
  const counts = `${summary.lessons} lessons, ${summary.steps} steps: ${summary.passed} passed, ${failed} failed, ${summary.skipped} skipped in ${(ms / 1000).toFixed(1)} s`;
  return summary.ok ? style.green(`Rehearsal passed — ${counts}.`) : style.red(`Rehearsal FAILED — ${counts}.`);
}
