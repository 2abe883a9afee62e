/**
 * The TutorialSession's public contract: what the UI container (and `kubedojo check`) may ask of
 * it. The implementation is tutorial-session.ts.
 */
import type { KubeconfigSources } from '../cluster/kubeconfig-loader.js';
import type { CommandEnv, CommandRunner, OutputLine } from '../commands/command-runner.js';
import type { Course } from '../lessons/load-course.js';
import type { ProgressStore } from '../progress/progress-file.js';
import type { CheckOnceResult } from './check-once.js';
import type { ClusterConnection, ConnectFlags } from './cluster-connection.js';
import type { InteractiveRunner, RunOutcome } from './command-session.js';
import type { NoticeLevel, TutorialSnapshot } from './snapshot.js';
import type { InformerFactory } from './watched-cluster.js';
import type { MeterSourceFactory } from './session-meter.js';

export interface TutorialSessionOptions {
  course: Course;
  progressStore: ProgressStore;
  /** Default: an execa runner; close() stops its children either way. */
  runner?: CommandRunner;
  /** Hands the terminal to `kubectl edit` & co.; without it they are refused with a message. */
  runInteractive?: InteractiveRunner;
  /** Default `kubedojo`. */
  namespace?: string;
  /** Extra environment for every command (KUBECONFIG is always the pinned file). */
  commandEnv?: CommandEnv;
  kubeconfigSources?: KubeconfigSources;
  probeTimeoutMs?: number;
  /** Tests may replace client-node's informers. */
  informers?: (connection: ClusterConnection) => InformerFactory;
  /** Where lessons' workspace folders go; default the OS data folder (src/engine/workspace). */
  workspaceRoot?: string;
  /** Where the meter's requests come from; default the sandbox's NodePort, else a meter Pod. */
  meterSources?: MeterSourceFactory;
  /** How many notices the snapshot keeps; default 5. */
  maxNotices?: number;
}

export interface TutorialSession {
  /**
   * Loads progress, picks the cluster (or starts the sandbox), prepares it, starts watching.
   * `lessonId` opens that lesson instead of the saved position (`kubedojo start <lesson>`),
   * by catch-up when its `requires` are not done, as {@link TutorialSession.chooseLesson} does.
   */
  connect(options?: { flags?: ConnectFlags; lessonId?: string }): Promise<void>;
  snapshot(): TutorialSnapshot;
  subscribe(listener: (snapshot: TutorialSnapshot) => void): () => void;
  onOutput(listener: (line: OutputLine) => void): () => void;
  /** The pinned kubeconfig every command runs with, once connected. */
  readonly kubeconfigPath: string | undefined;
  run(text: string): Promise<RunOutcome>;
  /** Stops the running command's child, nothing else. */
  stop(): void;
  /** Advances when the step passed; returns whether it did. */
  nextStep(): Promise<boolean>;
  /**
   * Moves past a step that has not passed: runs its solution (as rehearse does) so later steps
   * find the cluster they expect, records it as skipped (not done), and advances. On a passed
   * step it is nextStep. Returns whether it moved.
   */
  skipStep(): Promise<boolean>;
  revealHint(): void;
  /** The learner's quiz choice, 0-based. */
  answerQuiz(choice: number): void;
  /** Opens a lesson; one whose `requires` are not done opens by catch-up (its start state is built). */
  chooseLesson(id: string): Promise<void>;
  /**
   * Empties the namespace, builds the lesson's start state, forgets its progress and opens its
   * first step. Default: the current lesson; `lessonId` names another (`kubedojo reset <lesson>`).
   */
  resetLesson(lessonId?: string): Promise<void>;
  /**
   * `t`: starts the downtime meter on the current lesson's Service (its `meter:` or its traffic
   * checks' Service), or stops it when it runs.
   */
  toggleMeter(): Promise<void>;
  /** Adds a notice of the app's own (e.g. where the sandbox runs) to the snapshot. */
  notify(level: NoticeLevel, text: string): void;
  /** `kubedojo check`: connect, list once, evaluate the current step (done steps are saved). */
  checkOnce(options?: { flags?: ConnectFlags }): Promise<CheckOnceResult>;
  /** Stops informers, commands and the sandbox it started, saves progress. Idempotent. */
  close(): Promise<void>;
}
