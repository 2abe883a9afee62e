/**
 * The instructor's workshop commands, over the cluster operations of workshop-cluster.ts:
 * create (objects, tokens, one kubeconfig per learner, the printable sheet), status, extend (new
 * tokens, new files) and delete. Files go to one private folder (0700, files 0600): each
 * kubeconfig holds a learner's token.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Course } from '../engine/lessons/load-course.js';
import { fromConfigMapData } from './mirror/learner-record.js';
import { courseRules } from './plan/course-rules.js';
import { learnerObjects, workshopClusterObjects } from './plan/workshop-plan.js';
import { learnerKubeconfig, readMarker } from './learner-kubeconfig.js';
import { applyObjects, clusterAccess, deleteWorkshop, listLearners, refuseForeignNamespaces, requestToken, WorkshopError } from './workshop-cluster.js';
import { learnerNamespace, PROGRESS_CONFIGMAP } from './workshop-labels.js';
import { CoreV1Api } from '@kubernetes/client-node';

export interface CreateOptions {
  kubeconfig: KubeConfig;
  course: Course;
  workshop: string;
  learners: readonly string[];
  /** Token lifetime in seconds (TokenRequest's expirationSeconds). */
  expirationSeconds: number;
  outDir: string;
  /** The address learners reach the API at, when not the instructor's context's. */
  server?: string;
  invocation?: string;
  now?: () => number;
  log?: (line: string) => void;
}

export interface CreatedWorkshop {
  files: { learner: string; path: string; expires: string }[];
  sheetPath: string;
  notGranted: { what: string; lessons: string[] }[];
}

export async function createWorkshop(options: CreateOptions): Promise<CreatedWorkshop> {
  const log = options.log ?? (() => undefined);
  const now = (options.now ?? Date.now)();
  const rules = courseRules(options.course);
  await prepareOutDir(options.outDir, options.learners);
  await refuseForeignNamespaces(options.kubeconfig, options.workshop, options.learners.map(learnerNamespace));
  // Cluster-wide read access first: a learner's first `kubectl get nodes` must already work.
  await applyObjects(options.kubeconfig, options.workshop, workshopClusterObjects(options.workshop, await allLearners(options), rules));
  for (const learner of options.learners) {
    const { created, kept } = await applyObjects(options.kubeconfig, options.workshop, learnerObjects(options.workshop, learner, rules, now));
    log(`${learner}: namespace ${learnerNamespace(learner)} ${created > 0 && kept === 0 ? 'created' : kept > 0 && created === 0 ? 'already there (kept its progress)' : 'completed'}`);
  }
  const files = await writeKubeconfigs(options, options.learners);
  const sheetPath = join(options.outDir, 'sheet.txt');
  await writePrivate(sheetPath, sheet(options, files));
  return { files, sheetPath, notGranted: rules.notGranted };
}

/** Learners of this workshop already on the cluster, plus the new ones: one binding names them all. */
async function allLearners(options: Pick<CreateOptions, 'kubeconfig' | 'workshop' | 'learners'>): Promise<string[]> {
  const existing = await listLearners(options.kubeconfig, options.workshop);
  return [...new Set([...existing.map((entry) => entry.learner), ...options.learners])].sort();
}

async function writeKubeconfigs(options: Pick<CreateOptions, 'kubeconfig' | 'workshop' | 'expirationSeconds' | 'outDir' | 'server' | 'invocation'>, learners: readonly string[]): Promise<CreatedWorkshop['files']> {
  const access = clusterAccess(options.kubeconfig, options.server);
  const files: CreatedWorkshop['files'] = [];
  for (const learner of learners) {
    const { token, expires } = await requestToken(options.kubeconfig, learner, options.expirationSeconds);
    const path = join(options.outDir, `${learner}.yaml`);
    const marker = { workshop: options.workshop, learner, namespace: learnerNamespace(learner), expires };
    await writePrivate(path, learnerKubeconfig({ marker, server: access.server, token, ...(access.caData ? { caData: access.caData } : {}) }, options.invocation));
    files.push({ learner, path, expires });
  }
  return files;
}

/** The folder is ours to write: new, or holding only files we wrote (kubeconfigs with the marker, the sheet). */
async function prepareOutDir(dir: string, learners: readonly string[]): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const learner of learners) {
    const path = join(dir, `${learner}.yaml`);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined && !readMarker(text).found) throw new WorkshopError(`${path} exists and is not a kubedojo workshop kubeconfig: choose another --out folder`);
  }
}

async function writePrivate(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  // An existing file keeps its mode on write: make sure it is private.
  await chmod(path, 0o600);
}

function sheet(options: Pick<CreateOptions, 'workshop' | 'invocation' | 'outDir'>, files: CreatedWorkshop['files']): string {
  const invocation = options.invocation ?? 'npx kubedojo';
  const width = Math.max(7, ...files.map((file) => file.learner.length));
  const until = files[0]?.expires ?? '';
  return [
    `kubedojo workshop “${options.workshop}”: ${files.length} learner${files.length === 1 ? '' : 's'}, credentials valid until ${until}`,
    '',
    `${'LEARNER'.padEnd(width)}  RUN THIS (with the file of the same name)`,
    ...files.map((file) => `${file.learner.padEnd(width)}  ${invocation} --kubeconfig ${relative(options.outDir, file.path)}`),
    '',
    'Each file holds one learner’s token: hand it to that learner only. They need Node.js 22+ and kubectl.',
    '',
  ].join('\n');
}

export interface ExtendOptions {
  kubeconfig: KubeConfig;
  workshop: string;
  expirationSeconds: number;
  outDir: string;
  server?: string;
  invocation?: string;
}

/** New tokens for every learner of the workshop, in new kubeconfig files (old tokens run out on their own). */
export async function extendWorkshop(options: ExtendOptions): Promise<CreatedWorkshop['files']> {
  const learners = (await listLearners(options.kubeconfig, options.workshop)).filter((entry) => !entry.terminating).map((entry) => entry.learner);
  if (learners.length === 0) throw new WorkshopError(`there is no workshop “${options.workshop}” on this cluster (workshop create makes one)`);
  await prepareOutDir(options.outDir, learners);
  const files = await writeKubeconfigs(options, learners);
  await writePrivate(join(options.outDir, 'sheet.txt'), sheet(options, files));
  return files;
}

export interface StatusRow {
  learner: string;
  namespace: string;
  tokenExpires?: string;
  lesson?: string;
  step?: string;
  lastActivity?: string;
}

export async function workshopStatus(kubeconfig: KubeConfig, workshop: string): Promise<StatusRow[]> {
  const core = kubeconfig.makeApiClient(CoreV1Api);
  const learners = await listLearners(kubeconfig, workshop);
  const rows: StatusRow[] = [];
  for (const entry of learners) {
    const map = await core.readNamespacedConfigMap({ name: PROGRESS_CONFIGMAP, namespace: entry.namespace }).catch(() => undefined);
    const parsed = fromConfigMapData(map?.data);
    const record = parsed.ok ? parsed.record : undefined;
    rows.push({
      learner: entry.learner,
      namespace: entry.namespace,
      ...(entry.tokenExpires ? { tokenExpires: entry.tokenExpires } : {}),
      ...(record?.lessonNumber ? { lesson: `${record.lessonNumber} ${record.lessonTitle ?? ''}`.trim() } : {}),
      ...(record?.stepNumber ? { step: `${record.stepNumber}/${record.stepCount ?? '?'}` } : {}),
      ...(record?.lastActivity ? { lastActivity: record.lastActivity } : {}),
    });
  }
  return rows;
}

export { deleteWorkshop };
