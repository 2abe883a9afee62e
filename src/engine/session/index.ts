/**
 * The engine behind the TUI: a TutorialSession that connects to a cluster (or the sandbox),
 * watches it with informers, runs the learner's commands, evaluates the current step and keeps
 * progress; plus the mapper onto the UI's view model and the pieces `rehearse` reuses.
 */
export { createTutorialSession } from './tutorial-session.js';
export type { TutorialSession, TutorialSessionOptions } from './session-api.js';
export { toTutorialData, solutionMarkdown, FINISHED_MESSAGE, LOADING_MESSAGE, NO_LESSONS_MESSAGE } from './to-tutorial-data.js';
export type {
  TutorialSnapshot,
  LessonSnapshot,
  StepSnapshot,
  QuizSnapshot,
  CheckSnapshot,
  ClusterSnapshot,
  ConnectionSnapshot,
  NoticeSnapshot,
  NoticeLevel,
} from './snapshot.js';
export type { CheckOnceResult } from './check-once.js';
export { connectCluster, ConnectError, NO_LOCAL_CLUSTER_NOTICE } from './cluster-connection.js';
export { defaultSandboxStateDir } from './sandbox-data.js';
export type { ClusterConnection, ConnectFlags, ConnectOptions, ConnectNotice } from './cluster-connection.js';
export { SANDBOX_MINIKUBE_REASON } from './command-session.js';
export type { InteractiveRunner, RunOutcome } from './command-session.js';
export { buildStartState, emptyNamespace, EMPTIED_RESOURCES } from './start-state.js';
export type { StartStateDeps, StartStateResult } from './start-state.js';
export { podRow, podRows } from './pod-rows.js';
export type { PodRow } from './pod-rows.js';
export { checkLabel } from './check-label.js';
export { retryDelay, FIRST_RETRY_MS, MAX_RETRY_MS } from './backoff.js';
export { createWatchedCluster, clientNodeInformers } from './watched-cluster.js';
export type { InformerFactory, InformerLike, WatchConnection, WatchedCluster, WatchedClusterOptions } from './watched-cluster.js';
