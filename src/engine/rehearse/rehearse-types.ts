/** What `rehearse` reports while it runs, and what it returns. */
import type { OutputLine } from '../commands/command-runner.js';
import type { CheckSnapshot } from '../session/snapshot.js';

export type RehearsePhase =
  /** The course did not load (lint errors). */
  | 'load'
  /** The cluster could not be prepared (kubeconfig, namespace). */
  | 'setup'
  /** The lesson's start state could not be built. */
  | 'start'
  /** The step's checks already passed before its solution ran (the rustlings rule). */
  | 'before'
  /** A solution command was refused or failed. */
  | 'solution'
  /** The checks did not pass in time after the solution. */
  | 'after'
  /** What rehearse created could not be deleted. */
  | 'cleanup';

export interface RehearseFailure {
  phase: RehearsePhase;
  lessonId?: string;
  stepId?: string;
  message: string;
  /** The step's checks as last evaluated (for `before` and `after`). */
  checks: CheckSnapshot[];
}

export type RehearseEvent =
  | { type: 'lesson'; lessonId: string; title: string }
  | { type: 'step'; lessonId: string; stepId: string; title: string }
  | { type: 'command'; lessonId: string; stepId?: string; command: string; exitCode: number }
  | { type: 'output'; line: OutputLine }
  | { type: 'pass'; lessonId: string; stepId: string; ms: number }
  | { type: 'fail'; failure: RehearseFailure }
  | { type: 'skip'; lessonId: string; stepId: string; reason: string };

export interface RehearseSummary {
  /** No failures. */
  ok: boolean;
  lessons: number;
  steps: number;
  passed: number;
  skipped: number;
  failures: RehearseFailure[];
}
