/**
 * Learners of bench/workshop-room.ts, in a process apart from the bench: 40 rehearsals in one
 * process spent a third of its time in `spawn` (a synchronous fork of a large process, per
 * kubectl), which held every learner's mirror writes back behind the others' commands; one process
 * per learner, as in a real room, cost five times the CPU on the two shared cores. So the room is
 * split over a few of these. Reads a list of `{ learner, kubeconfigPath, namespace, home, lesson,
 * stepTimeoutMs }` as one JSON line on stdin; rehearses each learner's lesson at once with their
 * kubeconfig, their progress going through the app's mirror and ConfigMap sink; replies on IPC
 * with one result per learner: the summary, when each step passed, and when the first write
 * carrying each pass started and was answered (Date.now, ms).
 */
import { subscribe } from 'node:diagnostics_channel';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { KeptAliveKubeConfig } from '../src/engine/cluster/kept-alive-kubeconfig.js';
import { loadCourse } from '../src/engine/lessons/load-course.js';
import { rehearse, type RehearseSummary } from '../src/engine/rehearse/index.js';
import { configMapSink } from '../src/workshop/mirror/configmap-sink.js';
import { createProgressMirror } from '../src/workshop/mirror/progress-mirror.js';
import { rehearsalMirror } from './rehearsal-mirror.js';

export interface LearnerJob {
  learner: string;
  kubeconfigPath: string;
  namespace: string;
  home: string;
  lesson: string;
  stepTimeoutMs: number;
}

export interface LearnerResult {
  summary?: RehearseSummary;
  error?: string;
  /** `namespace/lesson/step` → when rehearse reported the pass. */
  passedAt: Record<string, number>;
  /** `namespace/lesson/step` → the first mirror write carrying it. */
  written: Record<string, { started: number; onWire?: number; ended: number }>;
}

/** What this process of learners cost: its own CPU (not its kubectl's), and how late its event loop ran. */
export interface LearnersProcess {
  cpuSeconds: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  peakRssMb: number;
}

export interface LearnersAnswer {
  results: LearnerResult[];
  process: LearnersProcess;
}

/**
 * When each learner's progress PATCH was written to its socket (undici's own event), by
 * namespace: splits a write's time into the learner's side before the wire and the rest.
 */
const onWire = new Map<string, number[]>();
subscribe('undici:client:sendHeaders', (message) => {
  const { request } = message as { request: { method: string; path: string } };
  const namespace = request.method === 'PATCH' ? /\/namespaces\/([^/]+)\/configmaps\/kubedojo-progress/.exec(request.path)?.[1] : undefined;
  if (namespace === undefined) return;
  if (!onWire.has(namespace)) onWire.set(namespace, []);
  onWire.get(namespace)!.push(Date.now());
});

const line = await new Promise<string>((resolve) => createInterface({ input: process.stdin }).once('line', resolve));
const jobs = JSON.parse(line) as LearnerJob[];
// A pass's PATCH and its answer wait for this loop: the other learners' kubectl spawns (a
// synchronous fork each), checks and watch events run on it too.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const cpuBefore = process.cpuUsage();
// Once for the process, as each learner's app loads it once: 10 rehearsals parsing it at once here
// would stall every learner of the process for seconds, where a room has one app per laptop.
const loaded = await loadCourse('lessons');
const { course } = loaded;
const results = await Promise.all(jobs.map((job) => learn(job)));
loop.disable();
const cpu = process.cpuUsage(cpuBefore);
const answer: LearnersAnswer = {
  results,
  process: { cpuSeconds: (cpu.user + cpu.system) / 1e6, loopDelayP99Ms: loop.percentile(99) / 1e6, loopDelayMaxMs: loop.max / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 },
};
process.send!(answer, () => process.exit(0));

async function learn(job: LearnerJob): Promise<LearnerResult> {
  const result: LearnerResult = { passedAt: {}, written: {} };
  // As the app's workshop learner makes it (src/workshop/learner/workshop-learner.ts): kept-alive connections.
  const kubeconfig = KeptAliveKubeConfig.fromFile(job.kubeconfigPath);
  const sink = configMapSink(kubeconfig, job.namespace);
  // The app's mirror, with its default debounce, through the learner's own credentials.
  const mirror = createProgressMirror({
    sink: {
      read: () => sink.read(),
      // Timed, to split a pass's way to the board: the debounce and the wait for the loop, the PATCH, the watch.
      async write(data) {
        const started = Date.now();
        await sink.write(data);
        const ended = Date.now();
        for (const pass of JSON.parse(data.passed ?? '[]') as { lesson: string; step: string }[]) {
          // The mirror writes one at a time: the first PATCH on the wire since this one started is it.
          const wire = onWire.get(job.namespace)?.find((at) => at >= started);
          result.written[`${job.namespace}/${pass.lesson}/${pass.step}`] ??= { started, ...(wire === undefined ? {} : { onWire: wire }), ended };
        }
      },
    },
  });
  const feed = rehearsalMirror(course, job.namespace, mirror);
  try {
    result.summary = await rehearse({
      lessonsDir: 'lessons',
      loaded,
      kubeconfigPath: job.kubeconfigPath,
      namespace: job.namespace,
      only: [job.lesson],
      // The learner's context is named after the workshop, not a local tool; it is the sandbox on 127.0.0.1.
      allowRemote: true,
      stepTimeoutMs: job.stepTimeoutMs,
      commandEnv: { HOME: job.home, KUBECACHEDIR: join(job.home, 'kubecache'), PATH: process.env.PATH ?? '' },
      onEvent: (event) => {
        if (event.type === 'pass') result.passedAt[`${job.namespace}/${event.lessonId}/${event.stepId}`] = Date.now();
        feed.onEvent(event);
      },
    });
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await mirror.close();
    await kubeconfig.close();
  }
  return result;
}
