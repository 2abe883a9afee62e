/**
 * Pure: the learner's record from the session's snapshots. The snapshot says where the learner is
 * and what the checks say now; the record adds what the board needs over time — when the step
 * opened, when each step passed, failing commands in a row, the last activity, a raised hand.
 */
import type { TutorialSnapshot } from '../../engine/session/snapshot.js';
import type { LearnerRecord, PassedStep } from './learner-record.js';

export type TrackAction =
  | { type: 'snapshot'; snapshot: TutorialSnapshot; now: number }
  | { type: 'raise-hand'; now: number }
  /** Passed steps known elsewhere (the record found on the cluster, local progress): merged in. */
  | { type: 'seed'; passed: readonly PassedStep[]; handRaisedAt?: string };

export interface TrackState {
  record: LearnerRecord;
  /** The last command seen, by identity: a new run of the same text is a new command. */
  lastCommandSeen?: object;
  /** Whether the current step was done at the last snapshot (a pass is a false → true flip). */
  stepDone: boolean;
}

export function initialTrackState(now: number): TrackState {
  return {
    record: { version: 1, lessonCount: 0, stepPassed: false, stepsDone: 0, stepsTotal: 0, finished: false, passed: [], failedCommands: 0, lastActivity: iso(now) },
    stepDone: false,
  };
}

export function trackRecord(state: TrackState, action: TrackAction): TrackState {
  switch (action.type) {
    case 'raise-hand':
      return { ...state, record: { ...state.record, handRaisedAt: iso(action.now), lastActivity: iso(action.now) } };
    case 'seed':
      return {
        ...state,
        record: {
          ...state.record,
          passed: mergePassed(action.passed, state.record.passed),
          ...(action.handRaisedAt !== undefined && state.record.handRaisedAt === undefined ? { handRaisedAt: action.handRaisedAt } : {}),
        },
      };
    case 'snapshot':
      return fromSnapshot(state, action.snapshot, action.now);
  }
}

function fromSnapshot(state: TrackState, snapshot: TutorialSnapshot, now: number): TrackState {
  const previous = state.record;
  const step = snapshot.step;
  const lessonIndex = snapshot.lessons.findIndex((lesson) => lesson.id === (step?.lessonId ?? snapshot.currentLessonId));
  const lesson = lessonIndex < 0 ? undefined : snapshot.lessons[lessonIndex];
  const moved = step?.lessonId !== previous.lessonId || step?.id !== previous.stepId || snapshot.finished !== previous.finished;
  let activity = moved;

  let failedCommands = moved ? 0 : previous.failedCommands;
  let lastCommandSeen = state.lastCommandSeen;
  let lastCommand = previous.lastCommand;
  let lastExitCode = previous.lastExitCode;
  if (snapshot.lastCommand !== undefined && snapshot.lastCommand !== state.lastCommandSeen) {
    lastCommandSeen = snapshot.lastCommand;
    lastCommand = snapshot.lastCommand.argv.join(' ');
    lastExitCode = snapshot.lastCommand.exitCode;
    failedCommands = snapshot.lastCommand.exitCode === 0 ? 0 : failedCommands + 1;
    activity = true;
  }

  let passed = previous.passed;
  const stepDone = step?.done === true;
  // A pass: the step became done while the learner was on it (not a step opened already done).
  if (step !== undefined && stepDone && !moved && !state.stepDone && !passed.some((p) => p.lesson === step.lessonId && p.step === step.id)) {
    passed = [...passed, { lesson: step.lessonId, step: step.id, at: iso(now) }];
    activity = true;
  }

  const failingCheck = step?.done ? undefined : snapshot.checks.find((check) => !check.ok);
  const record: LearnerRecord = {
    version: 1,
    lessonCount: snapshot.lessons.length,
    stepPassed: stepDone,
    stepsDone: snapshot.lessons.reduce((sum, l) => sum + l.stepsDone, 0),
    stepsTotal: snapshot.lessons.reduce((sum, l) => sum + l.stepsTotal, 0),
    finished: snapshot.finished,
    passed,
    failedCommands,
    lastActivity: activity ? iso(now) : previous.lastActivity,
    ...(lesson === undefined ? {} : { lessonId: lesson.id, lessonTitle: lesson.title, lessonNumber: lessonIndex + 1 }),
    ...(step === undefined ? {} : { stepId: step.id, stepTitle: step.title, stepNumber: step.index + 1, stepCount: step.count }),
    ...(failingCheck === undefined ? {} : { failing: `${failingCheck.label}: ${failingCheck.message}` }),
    ...(lastCommand === undefined ? {} : { lastCommand }),
    ...(lastExitCode === undefined ? {} : { lastExitCode }),
    ...(moved ? { stepSince: iso(now) } : previous.stepSince === undefined ? {} : { stepSince: previous.stepSince }),
    ...(previous.handRaisedAt === undefined ? {} : { handRaisedAt: previous.handRaisedAt }),
  };
  return { record, stepDone, ...(lastCommandSeen === undefined ? {} : { lastCommandSeen }) };
}

/** Union by (lesson, step); a known time beats none, the earlier time wins. */
export function mergePassed(a: readonly PassedStep[], b: readonly PassedStep[]): PassedStep[] {
  const merged = new Map<string, PassedStep>();
  for (const entry of [...a, ...b]) {
    const key = `${entry.lesson}/${entry.step}`;
    const known = merged.get(key);
    if (known === undefined || (known.at === undefined && entry.at !== undefined) || (entry.at !== undefined && known.at !== undefined && entry.at < known.at)) {
      merged.set(key, { ...entry });
    }
  }
  return [...merged.values()].sort((x, y) => (x.at ?? '').localeCompare(y.at ?? ''));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
