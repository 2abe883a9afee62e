/**
 * View-model types: the plain data the container hands to the view layer.
 *
 * They are deliberately independent of the lesson file format and of the engine's types: the
 * container maps its domain state onto these shapes, so the UI can be rendered and tested from
 * literals alone.
 */

/** `skipped`: every step is finished, some of them skipped rather than passed. */
export type LessonStatus = 'locked' | 'open' | 'done' | 'skipped';

/** One row of the course outline and of the lesson list. */
export interface LessonSummary {
  readonly id: string;
  readonly title: string;
  readonly status: LessonStatus;
  readonly stepsDone: number;
  readonly stepsTotal: number;
  /** Steps skipped with `n` (their solution ran); not counted in `stepsDone`. */
  readonly stepsSkipped?: number;
  /** The author's estimate of the lesson's length, in minutes. */
  readonly minutes?: number;
  /** One sentence: what the lesson teaches (shown when it is finished, and as "what's next"). */
  readonly summary?: string;
  /** Markdown: the lesson's story, shown when the learner enters it. */
  readonly intro?: string;
  /** What the learner can do afterwards. */
  readonly objectives?: readonly string[];
  /** The lesson's step titles, in order (the intro lists them). */
  readonly stepTitles?: readonly string[];
  /**
   * Shown for a locked lesson in the lesson list ("Finish “Rolling updates” first").
   * Defaults to a generic sentence.
   */
  readonly lockedReason?: string;
}

export interface CourseOutline {
  readonly lessons: readonly LessonSummary[];
  /** The lesson the learner is in; highlighted in the outline and preselected in the list. */
  readonly currentLessonId?: string;
}

export interface QuizAnswer {
  /** 0-based index of the choice the learner picked. */
  readonly choice: number;
  readonly correct: boolean;
  readonly explanation?: string;
  /** Why a wrong choice is wrong (never the right answer); the learner may choose again. */
  readonly reason?: string;
}

export interface QuizView {
  readonly question: string;
  readonly choices: readonly string[];
  /** Set by the container once `answerQuiz` was handled. */
  readonly answer?: QuizAnswer;
}

/** The step on screen. */
export interface StepView {
  /** Unique within the course; when it changes, hints / solution / scroll of the view reset. */
  readonly id: string;
  readonly lessonId: string;
  readonly lessonTitle: string;
  /** 0-based position of the step in its lesson. */
  readonly index: number;
  readonly count: number;
  readonly title: string;
  /** Markdown: headings, paragraphs, **bold**, `code`, *italic*, fenced code, bullet lists. */
  readonly text: string;
  /** Shown in the empty prompt; Enter runs it, Tab puts it in the prompt for editing. */
  readonly suggestedCommand?: string;
  /** All hints of the step; the view reveals them one by one (`h`). */
  readonly hints: readonly string[];
  /** Markdown; shown only after the learner confirmed (`s`). */
  readonly solution?: string;
  readonly quiz?: QuizView;
  /**
   * Whether `n` may advance. Defaults to "there is at least one check and all pass"; set it for
   * steps without checks (a quiz step passes when answered correctly).
   */
  readonly passed?: boolean;
  /** The learner skipped this step earlier (its solution ran); it counts as finished, not done. */
  readonly skipped?: boolean;
}

/** One declarative assertion on the cluster, as evaluated right now. */
export interface CheckView {
  readonly label: string;
  readonly ok: boolean;
  /** What is still missing, e.g. `deployment nginx-depl: 1/2 Pods ready`. */
  readonly message?: string;
}

/** One Pod row, formatted like `kubectl get pods`. */
export interface PodView {
  readonly name: string;
  /** `ready/total` containers, e.g. `1/1`. */
  readonly ready: string;
  /** kubectl's STATUS column: Running, Pending, ContainerCreating, Terminating, CrashLoopBackOff … */
  readonly status: string;
  readonly restarts: number | string;
  /** Already formatted, e.g. `12s`, `3m`. */
  readonly age: string;
}

export type ClusterConnection =
  | { readonly state: 'connecting' }
  | { readonly state: 'connected' }
  /** `retryAt` is an epoch-ms timestamp; the status line counts down to it. */
  | { readonly state: 'reconnecting'; readonly retryAt?: number; readonly attempt?: number }
  | { readonly state: 'lost'; readonly reason?: string };

export interface ClusterView {
  /** kubeconfig context name, e.g. `minikube` or `kubedojo-sandbox`. */
  readonly context: string;
  /** True for the embedded sandbox cluster: shows a "sandbox" badge. */
  readonly sandbox: boolean;
  readonly namespace: string;
  readonly connection: ClusterConnection;
}

export type NoticeLevel = 'info' | 'warn' | 'error';

/** A transient message; the container adds and expires them. The newest one is shown. */
export interface Notice {
  readonly id: string;
  readonly level: NoticeLevel;
  readonly text: string;
}

/** Everything the screen shows that is not view state. */
export interface TutorialData {
  readonly outline: CourseOutline;
  /** Undefined while loading or when the course is finished; `emptyMessage` is shown instead. */
  readonly step?: StepView;
  readonly emptyMessage?: string;
  readonly checks: readonly CheckView[];
  readonly pods: readonly PodView[];
  readonly cluster: ClusterView;
  readonly notices?: readonly Notice[];
  /** The downtime meter; the Traffic panel shows only while it is set. */
  readonly traffic?: TrafficView;
  /** Once the course is finished: what the learner did, shown instead of a step. */
  readonly courseSummary?: CourseSummaryView;
}

/** The closing summary (src/engine/summary): a headline, facts, the metered rollouts. */
export interface CourseSummaryView {
  readonly headline: string;
  readonly facts: readonly string[];
  /** Rollouts not listed. */
  readonly earlier: number;
  /** Oldest first; `ok` when not one request failed during it. */
  readonly rollouts: readonly { readonly ok: boolean; readonly text: string }[];
}

/** The downtime meter's numbers, for the Traffic panel. */
export interface TrafficView {
  readonly service: string;
  readonly running: boolean;
  /** Where the requests come from. */
  readonly source?: string;
  /** Answered and failed requests per second, oldest first; the last is the current second. */
  readonly perSecond: readonly { readonly answered: number; readonly failed: number }[];
  /** `nginx/1.25 60% · nginx/1.26 40%`, already formatted. */
  readonly versions: string;
  readonly total: number;
  readonly failed: number;
  readonly failureRate: number;
  /** The longest run of failures, seconds. */
  readonly longestGap: number;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly rate: number;
  /** The last rollout's timeline: a title and rows sampled over its duration. */
  readonly timeline?: TimelineView;
}

export interface TimelineView {
  readonly title: string;
  readonly seconds: number;
  readonly rows: readonly { readonly label: string; readonly values: readonly number[]; readonly sum: boolean }[];
}

/** `n` is allowed: the step says so, or it has checks and every one passes. */
export function stepPassed(step: StepView | undefined, checks: readonly CheckView[]): boolean {
  if (!step) return false;
  return step.passed ?? (checks.length > 0 && checks.every((check) => check.ok));
}

/** Overall course progress in [0, 1], counted in steps. */
export function courseProgress(outline: CourseOutline): { done: number; total: number; fraction: number } {
  let done = 0;
  let total = 0;
  for (const lesson of outline.lessons) {
    done += Math.min(lesson.stepsDone, lesson.stepsTotal);
    total += lesson.stepsTotal;
  }
  return { done, total, fraction: total === 0 ? 0 : done / total };
}
