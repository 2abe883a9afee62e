/** `kubedojo` and `kubedojo start <lesson>`: validate everything, then open the app. */
import { clusterFlagsSchema, findLesson, loadCourseOrFail, NAMESPACE, validate, type ClusterFlags } from '../cli-options.js';
import { UsageError } from '../usage-error.js';

export interface AppCommandOptions extends ClusterFlags {
  lessons?: string;
}

export async function runAppCommand(options: AppCommandOptions, lessonName?: string): Promise<void> {
  const { lessons, ...raw } = options;
  const flags = validate(clusterFlagsSchema, raw);
  // Ink and React load while the lesson files are read: the first frame comes sooner.
  const app = loadApp();
  app.catch(() => undefined);
  const course = await loadCourseOrFail(lessons);
  const lessonId = lessonName === undefined ? undefined : findLesson(course, lessonName).id;
  if (flags.context !== undefined) await refuseUnusableContext(flags);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError('the tutorial needs an interactive terminal (stdin and stdout); `kubedojo list` and `kubedojo check` work without one');
  }
  const { runApp } = await app;
  await runApp({ course, flags, namespace: NAMESPACE, ...(lessonId === undefined ? {} : { lessonId }) });
}

/** `--context NAME` that kubedojo will not use (unknown, or remote without --allow-remote): say so before drawing. */
async function refuseUnusableContext(flags: ClusterFlags): Promise<void> {
  const { chooseContextConfirmed, createExecaToolRunner, loadUserKubeconfig } = await import('../../engine/cluster/index.js');
  const decision = await chooseContextConfirmed({ kubeconfig: loadUserKubeconfig().kubeconfig, flags, namespace: NAMESPACE, tools: createExecaToolRunner() });
  if (decision.kind === 'refused') throw new UsageError(decision.message);
}

/**
 * The app's module, with React's production build: the bundle carries both builds and React picks
 * one from NODE_ENV when it loads. Scoped to the import, so no child process inherits it.
 */
async function loadApp(): Promise<typeof import('../../app/run-app.js')> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV ??= 'production';
  // yoga-layout (Ink's layout engine) fetches its inlined wasm through `fetch` when there is one,
  // which loads Node's whole fetch implementation (~25 ms); without it, it decodes it in place.
  const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetchProperty?.configurable) Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await import('../../app/run-app.js');
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    if (fetchProperty?.configurable) Object.defineProperty(globalThis, 'fetch', fetchProperty);
  }
}
