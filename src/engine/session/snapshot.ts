/**
 * What a TutorialSession publishes: plain data, no classes, no functions, so the UI container
 * can keep it in React state and tests can compare it. `toTutorialData` maps it onto the view
 * model of src/ui/model.ts.
 */
import type { CourseSummary } from '../summary/course-summary.js';
import type { LastCommand } from '../checks/result.js';
import type { CheckKind } from '../checks/schema.js';
import type { CommandMode } from '../commands/command-mode.js';
import type { PodRow } from './pod-rows.js';
import type { TrafficSnapshot } from './session-meter.js';

export interface LessonSnapshot {
  id: string;
  title: string;
  summary: string;
  /** Markdown before the first step: the lesson's story, shown when the learner enters it. */
  intro?: string;
  /** What the learner can do afterwards. */
  objectives?: string[];
  /** The author's estimate of the lesson's length. */
  minutes?: number;
  /** Its steps' titles, in order. */
  stepTitles?: string[];
  stepsDone: number;
  /** Steps skipped with `n` (finished, not done). */
  stepsSkipped?: number;
  stepsTotal: number;
  done: boolean;
  requires: string[];
  /** Every lesson in `requires` is done: opening this one keeps the cluster as it is. */
  requiresDone: boolean;
}

export interface QuizSnapshot {
  question: string;
  choices: string[];
  /**
   * Set once the learner answered; `explain` only with a right answer (it names the answer),
   * `reason` (why that choice is wrong) only with a wrong one.
   */
  answer?: { choice: number; correct: boolean; explain?: string; reason?: string };
}

export interface StepSnapshot {
  lessonId: string;
  lessonTitle: string;
  id: string;
  /** 0-based position in the lesson. */
  index: number;
  count: number;
  title: string;
  /** Markdown. */
  text: string;
  /** What Enter runs. */
  command?: string;
  hints: string[];
  hintsRevealed: number;
  /** The solution's commands, in order. */
  solution: string[];
  quiz?: QuizSnapshot;
  /** Recorded as done in progress (it stays done even if the cluster changes later). */
  done: boolean;
  /** Skipped with `n`: its solution ran, the learner moved on without passing it. */
  skipped?: boolean;
}

export interface CheckSnapshot {
  /** Which check it is: `podsReady`, `ran`, `quiz` … */
  kind: CheckKind;
  label: string;
  ok: boolean;
  message: string;
}

export type ConnectionSnapshot =
  | { state: 'disconnected' }
  | { state: 'connecting' }
  | { state: 'connected' }
  /** `retryAt`: epoch ms of the next attempt. */
  | { state: 'reconnecting'; retryAt: number; attempt: number }
  | { state: 'lost'; reason: string };

export interface ClusterSnapshot {
  /** The context practised on; `kubedojo-sandbox` for the built-in sandbox. Undefined before connect. */
  context?: string;
  sandbox: boolean;
  namespace: string;
  /** The pinned kubeconfig every command runs with. */
  kubeconfigPath?: string;
  connection: ConnectionSnapshot;
}

export type NoticeLevel = 'info' | 'warn' | 'error';

export interface NoticeSnapshot {
  id: string;
  level: NoticeLevel;
  text: string;
}

export interface TutorialSnapshot {
  lessons: LessonSnapshot[];
  currentLessonId?: string;
  /** Undefined when the course is finished or has no lessons. */
  step?: StepSnapshot;
  /** The learner went past the last step of the last lesson. */
  finished: boolean;
  /** Once finished: what the learner did, from the progress file (src/engine/summary). */
  summary?: CourseSummary;
  /** The current step's checks as last evaluated (quiz checks included). */
  checks: CheckSnapshot[];
  /** `n` may advance: the step is done, or every check passes right now. */
  passed: boolean;
  /** The tutorial namespace's Pods, like `kubectl get pods`. */
  pods: PodRow[];
  cluster: ClusterSnapshot;
  /** Oldest first; the session keeps the last few. */
  notices: NoticeSnapshot[];
  /** The command running now, if any. */
  running?: { argv: string[]; mode: CommandMode };
  /** The last command run in this step (what `ran` checks read). */
  lastCommand?: LastCommand;
  /** Set while the session builds a start state or resets: "Building the start state of …". */
  busy?: string;
  /** The downtime meter: its chart's numbers while it runs, the last rollout's timeline. */
  traffic?: TrafficSnapshot;
}
