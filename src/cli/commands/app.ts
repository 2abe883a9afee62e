/** `kubedojo` and `kubedojo start <lesson>`: validate everything, then open the app. */
import { clusterFlagsSchema, findLesson, loadCourseOrFail, NAMESPACE, validate, type ClusterFlags } from '../cli-options.js';
import { UsageError } from '../usage-error.js';

export interface AppCommandOptions extends ClusterFlags {
  lessons?: string;
  /** `--kubeconfig FILE`: a workshop kubeconfig from the instructor, or any kubeconfig. */
  kubeconfig?: string;
}

export async function runAppCommand(options: AppCommandOptions, lessonName?: string): Promise<void> {
  const { lessons, kubeconfig, ...raw } = options;
  const flags = validate(clusterFlagsSchema, raw);
  // Ink and React load while the lesson files are read: the first frame comes sooner.
  const app = loadApp();
  app.catch(() => undefined);
  const course = await loadCourseOrFail(lessons);
  const lessonId = lessonName === undefined ? undefined : findLesson(course, lessonName).id;
  const kubeconfigSources = kubeconfig === undefined ? undefined : { kubeconfigEnv: kubeconfig };
  // A workshop kubeconfig (the instructor's marker) chooses the namespace and context itself.
  const workshop = flags.sandbox ? undefined : await workshopMode(kubeconfig, flags);
  if (flags.context !== undefined && workshop === undefined) await refuseUnusableContext(flags, kubeconfigSources);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError('the tutorial needs an interactive terminal (stdin and stdout); `kubedojo list` and `kubedojo check` work without one');
  }
  const { runApp } = await app;
  if (workshop !== undefined) {
    const { createWorkshopLearner } = await import('../../workshop/learner/workshop-learner.js');
    await runApp({
      course,
      flags: { context: workshop.context, allowRemote: true, ...(flags.speed === undefined ? {} : { speed: flags.speed }) },
      namespace: workshop.marker.namespace,
      kubeconfigSources: { kubeconfigEnv: workshop.file },
      workshop: createWorkshopLearner({ course, namespace: workshop.marker.namespace }),
      ...(lessonId === undefined ? {} : { lessonId }),
    });
    return;
  }
  await runApp({ course, flags, namespace: NAMESPACE, ...(lessonId === undefined ? {} : { lessonId }), ...(kubeconfigSources === undefined ? {} : { kubeconfigSources }) });
}

/** The workshop kubeconfig in use, checked (expiry, access), or undefined outside a workshop. */
async function workshopMode(kubeconfig: string | undefined, flags: ClusterFlags): Promise<import('../../workshop/learner/workshop-kubeconfig-check.js').WorkshopKubeconfig | undefined> {
  const { checkWorkshopKubeconfig, findWorkshopKubeconfig, WorkshopKubeconfigError } = await import('../../workshop/learner/workshop-kubeconfig-check.js');
  try {
    const found = await findWorkshopKubeconfig(kubeconfig);
    if (found === undefined) return undefined;
    if (flags.context !== undefined && flags.context !== found.context) return undefined;
    await checkWorkshopKubeconfig(found, { allowRemote: flags.allowRemote === true && flags.context === found.context });
    return found;
  } catch (error) {
    if (error instanceof WorkshopKubeconfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** `--context NAME` that kubedojo will not use (unknown, or remote without --allow-remote): say so before drawing. */
async function refuseUnusableContext(flags: ClusterFlags, sources?: { kubeconfigEnv: string }): Promise<void> {
  const { chooseContextConfirmed, createExecaToolRunner, loadUserKubeconfig } = await import('../../engine/cluster/index.js');
  const decision = await chooseContextConfirmed({ kubeconfig: loadUserKubeconfig(sources).kubeconfig, flags, namespace: NAMESPACE, tools: createExecaToolRunner() });
  if (decision.kind === 'refused') throw new UsageError(decision.message);
}

/**
 * The app's module. (React's production build is fixed at build time: scripts/build.mjs defines
 * NODE_ENV.)
 */
async function loadApp(): Promise<typeof import('../../app/run-app.js')> {
  // yoga-layout (Ink's layout engine) fetches its inlined wasm through `fetch` when there is one,
  // which loads Node's whole fetch implementation (~25 ms); without it, it decodes it in place.
  const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetchProperty?.configurable) Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await import('../../app/run-app.js');
  } finally {
    if (fetchProperty?.configurable) Object.defineProperty(globalThis, 'fetch', fetchProperty);
  }
}
