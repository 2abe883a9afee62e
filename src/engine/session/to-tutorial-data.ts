/**
 * Maps a session snapshot onto the UI's view model (src/ui/model.ts). Pure: the clock is an
 * argument, because the Pods panel's AGE column depends on it.
 *
 * No lesson is ever `locked`: a lesson whose `requires` are not done opens by catch-up (the
 * session builds its start state), as PRODUCT.md asks, so every lesson can be chosen.
 */
import { humanDuration } from '../../sandbox/tables/index.js';
import type { CheckView, ClusterConnection, CourseOutline, PodView, StepView, TrafficView, TutorialData } from '../../ui/model.js';
import { formatVersionMix } from '../meter/meter-stats.js';
import { timelineRows } from '../meter/timeline.js';
import { summaryParts } from '../summary/course-summary.js';
import type { TrafficSnapshot } from './session-meter.js';
import type { PodRow } from './pod-rows.js';
import type { ConnectionSnapshot, StepSnapshot, TutorialSnapshot } from './snapshot.js';

/** The closing panel lists the last few rollouts; `kubedojo summary` lists them all. */
const SUMMARY_ROLLOUTS = 8;

export const FINISHED_MESSAGE = 'You finished the course. Every lesson is done: well played!';
export const NO_LESSONS_MESSAGE = 'This course has no lessons.';
export const LOADING_MESSAGE = 'Loading the course…';

export function toTutorialData(snapshot: TutorialSnapshot, now: number = Date.now()): TutorialData {
  const outline: CourseOutline = {
    lessons: snapshot.lessons.map((lesson) => ({
      id: lesson.id,
      title: lesson.title,
      // Finished with a skipped step is not the same as done (issue #8, item 2).
      status: lesson.done ? ((lesson.stepsSkipped ?? 0) > 0 ? 'skipped' : 'done') : 'open',
      stepsDone: lesson.stepsDone,
      stepsTotal: lesson.stepsTotal,
      summary: lesson.summary,
      ...(lesson.stepsSkipped ? { stepsSkipped: lesson.stepsSkipped } : {}),
      ...(lesson.minutes === undefined ? {} : { minutes: lesson.minutes }),
      ...(lesson.intro === undefined ? {} : { intro: lesson.intro }),
      ...(lesson.objectives === undefined ? {} : { objectives: [...lesson.objectives] }),
      ...(lesson.stepTitles === undefined ? {} : { stepTitles: [...lesson.stepTitles] }),
    })),
    ...(snapshot.currentLessonId === undefined ? {} : { currentLessonId: snapshot.currentLessonId }),
  };
  const data: TutorialData = {
    outline,
    ...(snapshot.step === undefined ? { emptyMessage: emptyMessage(snapshot) } : { step: stepView(snapshot.step, snapshot.passed, snapshot.cluster.sandbox) }),
    // The quiz is shown by the step itself; the checks panel lists what the cluster must show.
    checks: snapshot.checks.filter((check) => check.kind !== 'quiz').map(checkView),
    pods: snapshot.pods.map((pod) => podView(pod, now)),
    cluster: {
      context: snapshot.cluster.context ?? '',
      sandbox: snapshot.cluster.sandbox,
      namespace: snapshot.cluster.namespace,
      connection: connectionView(snapshot.cluster.connection),
    },
    notices: snapshot.notices.map((notice) => ({ ...notice })),
    ...(snapshot.traffic === undefined ? {} : trafficPart(snapshot.traffic)),
    ...(snapshot.summary === undefined ? {} : { courseSummary: summaryParts(snapshot.summary, SUMMARY_ROLLOUTS) }),
  };
  return data;
}

function emptyMessage(snapshot: TutorialSnapshot): string {
  if (snapshot.finished) return FINISHED_MESSAGE;
  if (snapshot.lessons.length === 0) return NO_LESSONS_MESSAGE;
  return LOADING_MESSAGE;
}

/**
 * The command Enter runs. On the built-in sandbox there is no minikube (the session refuses it, except
 * `minikube service NAME`, which it answers), so a step that suggests another `minikube …` suggests
 * its solution's first kubectl command instead — the
 * learner's first Enter must not end in a refusal. The step text still shows the minikube command.
 */
function suggestedCommand(step: StepSnapshot, sandbox: boolean): string | undefined {
  if (!sandbox || !step.command?.trim().startsWith('minikube')) return step.command;
  // The sandbox answers `minikube service NAME` itself (src/engine/in-app): keep the seed's command.
  if (/^minikube\s+service\s+(?!list\b)\S/.test(step.command.trim())) return step.command;
  return step.solution.find((command) => command.trim().startsWith('kubectl')) ?? step.command;
}

function stepView(step: StepSnapshot, passed: boolean, sandbox: boolean): StepView {
  const command = suggestedCommand(step, sandbox);
  const view: StepView = {
    id: `${step.lessonId}/${step.id}`,
    lessonId: step.lessonId,
    lessonTitle: step.lessonTitle,
    index: step.index,
    count: step.count,
    title: step.title,
    text: step.text,
    hints: [...step.hints],
    passed,
    ...(step.skipped === true ? { skipped: true } : {}),
    ...(command === undefined ? {} : { suggestedCommand: command }),
    ...(step.solution.length === 0 ? {} : { solution: solutionMarkdown(step.solution) }),
  };
  if (step.quiz === undefined) return view;
  const { answer } = step.quiz;
  return {
    ...view,
    quiz: {
      question: step.quiz.question,
      choices: [...step.quiz.choices],
      ...(answer === undefined
        ? {}
        : {
            answer: {
              choice: answer.choice,
              correct: answer.correct,
              ...(answer.explain === undefined ? {} : { explanation: answer.explain }),
              ...(answer.reason === undefined ? {} : { reason: answer.reason }),
            },
          }),
    },
  };
}

/** The solution's commands as one fenced block, in the order they run. */
export function solutionMarkdown(commands: readonly string[]): string {
  return ['```', ...commands, '```'].join('\n');
}

function checkView(check: { label: string; ok: boolean; message: string }): CheckView {
  return { label: check.label, ok: check.ok, message: check.message };
}

function podView(pod: PodRow, now: number): PodView {
  const created = pod.createdAt === undefined ? NaN : Date.parse(pod.createdAt);
  return {
    name: pod.name,
    ready: pod.ready,
    status: pod.status,
    restarts: pod.restarts,
    age: Number.isNaN(created) ? '<unknown>' : humanDuration(now - created),
  };
}

function connectionView(connection: ConnectionSnapshot): ClusterConnection {
  switch (connection.state) {
    case 'disconnected':
    case 'connecting':
      return { state: 'connecting' };
    case 'connected':
      return { state: 'connected' };
    case 'reconnecting':
      return { state: 'reconnecting', retryAt: connection.retryAt, attempt: connection.attempt };
    case 'lost':
      return { state: 'lost', reason: connection.reason };
  }
}

/** The Traffic panel shows while the meter runs, and after it with the last rollout's timeline. */
function trafficPart(traffic: TrafficSnapshot): { traffic?: TrafficView } {
  const stats = traffic.stats;
  if (stats === undefined || (!stats.running && traffic.timeline === undefined)) return {};
  const view: TrafficView = {
    service: stats.service,
    running: stats.running,
    ...(traffic.describe === undefined ? {} : { source: traffic.describe }),
    perSecond: stats.perSecond,
    versions: formatVersionMix(stats.versions, stats.answeredRecently),
    total: stats.total,
    failed: stats.failed,
    failureRate: stats.failureRate,
    longestGap: stats.longestGapMs / 1000,
    ...(stats.p50Ms === undefined ? {} : { p50Ms: stats.p50Ms, p99Ms: stats.p99Ms ?? stats.p50Ms }),
    rate: stats.rate,
  };
  const timeline = traffic.timeline;
  if (timeline === undefined) return { traffic: view };
  const seconds = (timeline.completedAt - timeline.startedAt) / 1000;
  const gap = timeline.failed > 0 ? `, the longest gap ${(timeline.longestGapMs / 1000).toFixed(1)} s` : '';
  return {
    traffic: {
      ...view,
      timeline: {
        title: `Rollout of ${timeline.deployment}: ${seconds.toFixed(1)} s, ${timeline.failed} of ${timeline.requests} requests failed${gap}`,
        seconds,
        rows: timelineRows(timeline, 120).map((row, i) => ({ label: row.label, values: row.values, sum: i === 3 })),
      },
    },
  };
}
