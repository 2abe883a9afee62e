/**
 * What a learner's app mirrors to the cluster (the `kubedojo-progress` ConfigMap's data) and what
 * the board reads back. ConfigMap data is strings only: numbers are decimal text, times ISO 8601,
 * the passed steps JSON. `toConfigMapData` and `fromConfigMapData` are pure and inverse.
 *
 * Keys owned by the learner's app are written with a merge patch of only those keys, so the
 * instructor's own key (`handClearedAt`, written by the board) is never overwritten.
 */
import * as z from 'zod';

export interface PassedStep {
  lesson: string;
  step: string;
  /** ISO time of the pass; absent for steps passed before the mirror knew (local progress). */
  at?: string;
}

export interface LearnerRecord {
  /** Format version of the data, so a newer board can read an older app's record. */
  version: 1;
  lessonId?: string;
  lessonTitle?: string;
  /** 1-based. */
  lessonNumber?: number;
  lessonCount: number;
  stepId?: string;
  stepTitle?: string;
  /** 1-based within the lesson. */
  stepNumber?: number;
  stepCount?: number;
  /** The current step has passed (the learner has not moved on yet). */
  stepPassed: boolean;
  /** Steps done in the whole course, and how many it has (the board's progress bar). */
  stepsDone: number;
  stepsTotal: number;
  finished: boolean;
  passed: PassedStep[];
  /** The first failing check of the current step: `label: message`. */
  failing?: string;
  lastCommand?: string;
  lastExitCode?: number;
  /** Failing commands in a row in the current step (a stuck signal). */
  failedCommands: number;
  /** When the current step opened. */
  stepSince?: string;
  /** The learner's last action: a command, a pass, a move, a raised hand. */
  lastActivity: string;
  handRaisedAt?: string;
}

/** The instructor's key: a hand is up while handRaisedAt is later than this. */
export const HAND_CLEARED_KEY = 'handClearedAt';

const LEARNER_KEYS = [
  'version', 'lessonId', 'lessonTitle', 'lessonNumber', 'lessonCount', 'stepId', 'stepTitle', 'stepNumber', 'stepCount',
  'stepPassed', 'stepsDone', 'stepsTotal', 'finished', 'passed', 'failing', 'lastCommand', 'lastExitCode', 'failedCommands', 'stepSince',
  'lastActivity', 'handRaisedAt',
] as const;

/**
 * The record as ConfigMap data. Every learner key is present (an absent value is ''), so a merge
 * patch of this data also clears what no longer holds (a failing check that passed).
 */
export function toConfigMapData(record: LearnerRecord): Record<string, string> {
  const text = (value: string | number | boolean | undefined): string => (value === undefined ? '' : String(value));
  return {
    version: String(record.version),
    lessonId: text(record.lessonId),
    lessonTitle: text(record.lessonTitle),
    lessonNumber: text(record.lessonNumber),
    lessonCount: text(record.lessonCount),
    stepId: text(record.stepId),
    stepTitle: text(record.stepTitle),
    stepNumber: text(record.stepNumber),
    stepCount: text(record.stepCount),
    stepPassed: text(record.stepPassed),
    stepsDone: text(record.stepsDone),
    stepsTotal: text(record.stepsTotal),
    finished: text(record.finished),
    passed: JSON.stringify(record.passed),
    failing: text(record.failing),
    lastCommand: text(record.lastCommand),
    lastExitCode: text(record.lastExitCode),
    failedCommands: text(record.failedCommands),
    stepSince: text(record.stepSince),
    lastActivity: record.lastActivity,
    handRaisedAt: text(record.handRaisedAt),
  } satisfies Record<(typeof LEARNER_KEYS)[number], string>;
}

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value));
const optionalCount = optionalText.transform((value) => (value === undefined || !/^\d+$/.test(value) ? undefined : Number(value)));
const count = optionalCount.transform((value) => value ?? 0);
const passedSchema = z.array(z.object({ lesson: z.string(), step: z.string(), at: z.string().optional() }));

const dataSchema = z.object({
  version: z.literal('1'),
  lessonId: optionalText,
  lessonTitle: optionalText,
  lessonNumber: optionalCount,
  lessonCount: count,
  stepId: optionalText,
  stepTitle: optionalText,
  stepNumber: optionalCount,
  stepCount: optionalCount,
  stepPassed: optionalText.transform((value) => value === 'true'),
  stepsDone: count,
  stepsTotal: count,
  finished: optionalText.transform((value) => value === 'true'),
  passed: optionalText.transform((value, ctx) => {
    if (value === undefined) return [];
    try {
      return passedSchema.parse(JSON.parse(value));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'passed is not a list of passed steps' });
      return z.NEVER;
    }
  }),
  failing: optionalText,
  lastCommand: optionalText,
  lastExitCode: optionalText.transform((value) => (value === undefined || !/^-?\d+$/.test(value) ? undefined : Number(value))),
  failedCommands: count,
  stepSince: optionalText,
  lastActivity: z.string().min(1),
  handRaisedAt: optionalText,
});

export type ParsedRecord = { ok: true; record: LearnerRecord; handClearedAt?: string } | { ok: false; reason: string };

/** Reads a mirror ConfigMap's data back; a record of another version or a broken one says why. */
export function fromConfigMapData(data: Record<string, string> | undefined): ParsedRecord {
  const parsed = dataSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'invalid'}` };
  }
  const { version: _version, ...rest } = parsed.data;
  const record: LearnerRecord = { version: 1, ...dropUndefined(rest) } as LearnerRecord;
  const cleared = data?.[HAND_CLEARED_KEY];
  return { ok: true, record, ...(cleared ? { handClearedAt: cleared } : {}) };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Is the hand up: raised, and not cleared since. */
export function handUp(record: Pick<LearnerRecord, 'handRaisedAt'>, handClearedAt: string | undefined): boolean {
  if (record.handRaisedAt === undefined) return false;
  return handClearedAt === undefined || Date.parse(record.handRaisedAt) > Date.parse(handClearedAt);
}
