/**
 * `kubedojo workshop create | status | extend | delete | pace | prepull` and `kubedojo images`:
 * flags validated (zod) before the cluster is touched; errors are one line and exit 1.
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import * as z from 'zod';
import { findLesson, loadCourseOrFail, validate } from '../cli-options.js';
import { UsageError } from '../usage-error.js';
import { selfInvocation } from '../self-invocation.js';
import { instructorCluster, type InstructorFlags } from '../../workshop/instructor-cluster.js';
import { DEFAULT_WORKSHOP, learnerNameProblem, numberedLearners, parseNames } from '../../workshop/plan/workshop-plan.js';

export interface WorkshopFlags extends InstructorFlags {
  workshop?: string;
  lessons?: string;
}

const workshopName = z
  .string()
  .default(DEFAULT_WORKSHOP)
  .refine((name) => /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/.test(name), '--workshop is lowercase letters, digits and dashes (at most 40)');

const expires = z
  .number()
  .min(600_000, '--expires is at least 10m (the TokenRequest API’s minimum)')
  .max(7 * 24 * 3600_000, '--expires is at most 168h')
  .default(12 * 3600_000);

async function withCluster<T>(flags: WorkshopFlags, command: string, act: (cluster: ReturnType<typeof instructorCluster>) => Promise<T>): Promise<T> {
  const cluster = instructorCluster(flags, command);
  const { WorkshopError } = await import('../../workshop/workshop-cluster.js');
  try {
    return await act(cluster);
  } catch (error) {
    if (error instanceof WorkshopError) throw new UsageError(error.message);
    if (error instanceof UsageError) throw error;
    throw new UsageError(`on \`${cluster.context}\` (${cluster.server}): ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await cluster.kubeconfig.close();
  }
}

export async function runWorkshopCreate(options: WorkshopFlags & { learners?: number; names?: string; expires?: number; out?: string; server?: string }, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const flags = validate(
    z
      .object({ workshop: workshopName, learners: z.number().int('--learners is a whole number').min(1).max(500, '--learners is at most 500').optional(), names: z.string().optional(), expires, out: z.string().default('kubedojo-workshop'), server: z.url('--server is a URL such as https://192.168.1.20:6443').optional() })
      .refine((f) => (f.learners === undefined) !== (f.names === undefined), 'pass --learners N or --names FILE (one of them)'),
    { workshop: options.workshop, learners: options.learners, names: options.names, expires: options.expires, out: options.out, server: options.server },
  );
  let learners: string[];
  if (flags.names !== undefined) {
    const text = await readFile(flags.names, 'utf8').catch(() => {
      throw new UsageError(`--names ${flags.names}: cannot read that file`);
    });
    const parsed = parseNames(text, flags.names);
    if (parsed.problems.length > 0) throw new UsageError(`bad names:\n${parsed.problems.join('\n')}`);
    if (parsed.names.length === 0) throw new UsageError(`--names ${flags.names}: no names in it`);
    learners = parsed.names;
  } else learners = numberedLearners(flags.learners!);
  for (const name of learners) {
    const problem = learnerNameProblem(name);
    if (problem) throw new UsageError(`learner “${name}” ${problem}`);
  }
  const course = await loadCourseOrFail(options.lessons);
  await withCluster(options, 'workshop create', async (cluster) => {
    const { createWorkshop } = await import('../../workshop/workshop-commands.js');
    const made = await createWorkshop({
      kubeconfig: cluster.kubeconfig,
      course,
      workshop: flags.workshop,
      learners,
      expirationSeconds: Math.round(flags.expires / 1000),
      outDir: resolve(flags.out),
      ...(flags.server === undefined ? {} : { server: flags.server }),
      invocation: 'npx kubedojo',
      log: (line) => out.write(`${line}\n`),
    });
    out.write(`\nWorkshop “${flags.workshop}” on \`${cluster.context}\`: ${made.files.length} kubeconfig files in ${resolve(flags.out)} (private: one per learner).\n`);
    out.write(`Print ${made.sheetPath} for the room. Tokens are valid until ${made.files[0]?.expires ?? '?'}; \`kubedojo workshop extend\` hands out new ones.\n`);
    const { stepsOutsideNamespace } = await import('../../workshop/plan/course-rules.js');
    const outside = stepsOutsideNamespace(course);
    if (outside.length > 0) {
      // The app tells each learner the same on entering these steps (workshop/learner/outside-steps.ts).
      out.write(`Note: these steps reach outside a learner's namespace, which workshop credentials cannot; show them to the room, and learners skip them with n:\n`);
      for (const step of outside) out.write(`  ${step.lessonId} / ${step.stepId}: ${step.what}\n`);
    }
    out.write(`Watch the room: ${selfInvocation()} board\n`);
  });
}

export async function runWorkshopStatus(options: WorkshopFlags & { output?: string }, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const flags = validate(z.object({ workshop: workshopName, output: z.enum(['table', 'json'], { message: '--output is table or json' }).default('table') }), { workshop: options.workshop, output: options.output });
  await withCluster(options, 'workshop status', async (cluster) => {
    const { workshopStatus } = await import('../../workshop/workshop-commands.js');
    const rows = await workshopStatus(cluster.kubeconfig, flags.workshop);
    if (flags.output === 'json') return void out.write(`${JSON.stringify(rows, null, 2)}\n`);
    if (rows.length === 0) return void out.write(`No workshop “${flags.workshop}” on \`${cluster.context}\`.\n`);
    const table = [['LEARNER', 'NAMESPACE', 'LESSON', 'STEP', 'TOKEN EXPIRES'], ...rows.map((r) => [r.learner, r.namespace, r.lesson ?? '-', r.step ?? '-', r.tokenExpires ?? '-'])];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    for (const row of table) out.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  });
}

export async function runWorkshopExtend(options: WorkshopFlags & { expires?: number; out?: string; server?: string }, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const flags = validate(z.object({ workshop: workshopName, expires, out: z.string().default('kubedojo-workshop'), server: z.url().optional() }), { workshop: options.workshop, expires: options.expires, out: options.out, server: options.server });
  await withCluster(options, 'workshop extend', async (cluster) => {
    const { extendWorkshop } = await import('../../workshop/workshop-commands.js');
    const files = await extendWorkshop({ kubeconfig: cluster.kubeconfig, workshop: flags.workshop, expirationSeconds: Math.round(flags.expires / 1000), outDir: resolve(flags.out), ...(flags.server ? { server: flags.server } : {}) });
    out.write(`New tokens for ${files.length} learners, valid until ${files[0]?.expires ?? '?'}, in ${resolve(flags.out)}. Hand out the new files; a running app needs a restart with its new file.\n`);
  });
}

export async function runWorkshopDelete(options: WorkshopFlags & { yes?: boolean }, io: { stdin: NodeJS.ReadableStream & { isTTY?: boolean }; stdout: NodeJS.WritableStream } = { stdin: process.stdin, stdout: process.stdout }): Promise<void> {
  const flags = validate(z.object({ workshop: workshopName }), { workshop: options.workshop });
  await withCluster(options, 'workshop delete', async (cluster) => {
    const { listLearners, deleteWorkshop } = await import('../../workshop/workshop-cluster.js');
    const learners = await listLearners(cluster.kubeconfig, flags.workshop);
    if (!options.yes) {
      if (!io.stdin.isTTY) throw new UsageError('deleting a workshop removes every learner’s namespace: pass --yes to confirm');
      const readline = createInterface({ input: io.stdin, output: io.stdout });
      const answer = await readline.question(`Delete workshop “${flags.workshop}” on \`${cluster.context}\`: ${learners.length} learner namespaces and everything in them? [y/N] `).finally(() => readline.close());
      if (!/^y(es)?$/i.test(answer.trim())) return void io.stdout.write('Nothing deleted.\n');
    }
    const { namespaces, clusterObjects } = await deleteWorkshop(cluster.kubeconfig, flags.workshop);
    io.stdout.write(`Deleted ${namespaces.length} namespaces (${namespaces.join(', ') || 'none'}) and ${clusterObjects.length} cluster-wide objects of workshop “${flags.workshop}”.\n`);
  });
}

export async function runWorkshopPace(options: WorkshopFlags & { upTo?: string; openAll?: boolean }, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const flags = validate(z.object({ workshop: workshopName, upTo: z.string().optional(), openAll: z.boolean().optional() }).refine((f) => (f.upTo === undefined) !== (f.openAll !== true), 'pass --up-to LESSON or --open-all (one of them)'), {
    workshop: options.workshop,
    upTo: options.upTo,
    openAll: options.openAll,
  });
  const course = await loadCourseOrFail(options.lessons);
  const lesson = flags.upTo === undefined ? undefined : findLesson(course, flags.upTo);
  await withCluster(options, 'workshop pace', async (cluster) => {
    const { setPace } = await import('../../workshop/pace/pace-cluster.js');
    const count = await setPace(cluster.kubeconfig, flags.workshop, lesson?.id ?? '');
    const number = lesson === undefined ? 0 : course.lessons.indexOf(lesson) + 1;
    out.write(lesson === undefined ? `Every lesson is open for ${count} learners.\n` : `Lessons after ${number} “${lesson.title}” are locked for ${count} learners until you open them.\n`);
  });
}

export async function runImagesCommand(options: { lessons?: string; output?: string }, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const flags = validate(z.object({ output: z.enum(['list', 'json'], { message: '--output is list or json' }).default('list') }), { output: options.output });
  const course = await loadCourseOrFail(options.lessons);
  const { courseImages } = await import('../../workshop/images/course-images.js');
  const images = await courseImages(course);
  if (flags.output === 'json') return void out.write(`${JSON.stringify(images, null, 2)}\n`);
  for (const image of images.pullable) out.write(`${image.image}\n`);
  if (images.notPullable.length > 0) process.stderr.write(`left out (they do not exist on purpose: ${images.notPullable.map((i) => `${i.image} in ${i.lessons.join(', ')}`).join('; ')})\n`);
}

export async function runWorkshopPrepull(options: WorkshopFlags & { timeout?: number }, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const flags = validate(z.object({ workshop: workshopName, timeout: z.number().positive().default(15 * 60_000) }), { workshop: options.workshop, timeout: options.timeout });
  const course = await loadCourseOrFail(options.lessons);
  await withCluster(options, 'workshop prepull', async (cluster) => {
    const { courseImages } = await import('../../workshop/images/course-images.js');
    const { prepull } = await import('../../workshop/images/prepull.js');
    const images = await courseImages(course);
    await prepull({ kubeconfig: cluster.kubeconfig, workshop: flags.workshop, images: images.pullable.map((i) => i.image), timeoutMs: flags.timeout, onProgress: (line) => out.write(`${line}\n`) });
  });
}
