/**
 * The board's state, pure: the learners' records as the watch delivers them (by namespace), the
 * clock, and the view choices (sort, filter, cursor). `boardRows` and `boardSummary` derive what
 * is shown — the stuck flag and the raised hand included — so the JSON output and the screen say
 * the same thing.
 */
import { fromConfigMapData, handUp, type LearnerRecord } from '../mirror/learner-record.js';
import { LEARNER_NAMESPACE_PREFIX } from '../workshop-labels.js';

export type BoardSort = 'name' | 'progress' | 'stuck' | 'activity';
export type BoardFilter = 'all' | 'stuck' | 'hands';

export const SORTS: readonly BoardSort[] = ['name', 'progress', 'stuck', 'activity'];
export const FILTERS: readonly BoardFilter[] = ['all', 'stuck', 'hands'];

export interface StuckRule {
  /** No pass and no move for this long (ms): stuck. Default 5 minutes. */
  idleMs: number;
  /** This many failing commands in a row: stuck. Default 3. */
  failedCommands: number;
}

export const DEFAULT_STUCK: StuckRule = { idleMs: 5 * 60_000, failedCommands: 3 };

export interface LearnerEntry {
  namespace: string;
  /** Undefined when the ConfigMap could not be read (`problem` says why). */
  record?: LearnerRecord;
  handClearedAt?: string;
  problem?: string;
}

export interface BoardState {
  learners: Readonly<Record<string, LearnerEntry>>;
  now: number;
  sort: BoardSort;
  filter: BoardFilter;
  /** Index into the shown rows. */
  cursor: number;
  stuck: StuckRule;
  /** The watch: connected, or why not. */
  connection: { state: 'connecting' } | { state: 'watching' } | { state: 'lost'; reason: string };
}

export type BoardAction =
  | { type: 'upsert'; namespace: string; data: Record<string, string> | undefined }
  | { type: 'remove'; namespace: string }
  /** A full list (the first, or after the watch came back): exactly these learners. */
  | { type: 'replace'; items: readonly { namespace: string; data: Record<string, string> | undefined }[] }
  | { type: 'tick'; now: number }
  | { type: 'cycle-sort' }
  | { type: 'cycle-filter' }
  | { type: 'move'; by: number }
  | { type: 'connection'; connection: BoardState['connection'] };

export function initialBoardState(now: number, options: { sort?: BoardSort; filter?: BoardFilter; stuck?: StuckRule } = {}): BoardState {
  return { learners: {}, now, sort: options.sort ?? 'name', filter: options.filter ?? 'all', cursor: 0, stuck: options.stuck ?? DEFAULT_STUCK, connection: { state: 'connecting' } };
}

export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case 'upsert': {
      const parsed = fromConfigMapData(action.data);
      const entry: LearnerEntry = parsed.ok
        ? { namespace: action.namespace, record: parsed.record, ...(parsed.handClearedAt === undefined ? {} : { handClearedAt: parsed.handClearedAt }) }
        : { namespace: action.namespace, problem: parsed.reason };
      return clampCursor({ ...state, learners: { ...state.learners, [action.namespace]: entry } });
    }
    case 'replace':
      return clampCursor(action.items.reduce((next, item) => boardReducer(next, { type: 'upsert', ...item }), { ...state, learners: {} }));
    case 'remove': {
      const { [action.namespace]: _gone, ...rest } = state.learners;
      return clampCursor({ ...state, learners: rest });
    }
    case 'tick':
      return { ...state, now: action.now };
    case 'cycle-sort':
      return { ...state, sort: next(SORTS, state.sort), cursor: 0 };
    case 'cycle-filter':
      return { ...state, filter: next(FILTERS, state.filter), cursor: 0 };
    case 'move':
      return clampCursor({ ...state, cursor: state.cursor + action.by });
    case 'connection':
      return { ...state, connection: action.connection };
  }
}

function next<T>(list: readonly T[], current: T): T {
  return list[(list.indexOf(current) + 1) % list.length] ?? current;
}

function clampCursor(state: BoardState): BoardState {
  const count = boardRows(state).length;
  const cursor = Math.max(0, Math.min(state.cursor, count - 1));
  return cursor === state.cursor ? state : { ...state, cursor };
}

/** The learner record's fields a board row shows as they are. */
type RecordFields = Pick<
  LearnerRecord,
  'lessonId' | 'lessonTitle' | 'lessonNumber' | 'stepTitle' | 'stepNumber' | 'stepCount' | 'stepPassed' | 'stepsDone' | 'stepsTotal' | 'finished' | 'failing' | 'lastCommand' | 'lastExitCode'
>;

/** One learner as shown (and as `--once --json` prints it). */
export interface BoardRow extends RecordFields {
  learner: string;
  namespace: string;
  /** ms on the current step. */
  onStepMs?: number;
  stuck: boolean;
  /** Why it is stuck: `idle 6m`, `4 failing commands`. */
  stuckReason?: string;
  handUp: boolean;
  handRaisedAt?: string;
  lastActivity?: string;
  problem?: string;
}

export function learnerName(namespace: string): string {
  return namespace.startsWith(LEARNER_NAMESPACE_PREFIX) ? namespace.slice(LEARNER_NAMESPACE_PREFIX.length) : namespace;
}

export function toRow(entry: LearnerEntry, now: number, rule: StuckRule): BoardRow {
  const base = { learner: learnerName(entry.namespace), namespace: entry.namespace };
  const record = entry.record;
  if (record === undefined) return { ...base, stepPassed: false, stepsDone: 0, stepsTotal: 0, finished: false, stuck: false, handUp: false, ...(entry.problem ? { problem: entry.problem } : {}) };
  const lastPass = record.passed.reduce((latest, p) => (p.at !== undefined && p.at > latest ? p.at : latest), '');
  const progressAt = Math.max(record.stepSince ? Date.parse(record.stepSince) : 0, lastPass ? Date.parse(lastPass) : 0);
  const idle = progressAt > 0 ? now - progressAt : 0;
  const stuckReason = record.finished || record.stepPassed
    ? undefined
    : record.failedCommands >= rule.failedCommands
      ? `${record.failedCommands} failing commands`
      : progressAt > 0 && idle >= rule.idleMs
        ? `no progress for ${formatDuration(idle)}`
        : undefined;
  const hand = handUp(record, entry.handClearedAt);
  return {
    ...base,
    ...pick(record, ['lessonId', 'lessonTitle', 'lessonNumber', 'stepTitle', 'stepNumber', 'stepCount', 'failing', 'lastCommand', 'lastExitCode', 'lastActivity']),
    stepPassed: record.stepPassed,
    stepsDone: record.stepsDone,
    stepsTotal: record.stepsTotal,
    finished: record.finished,
    ...(record.stepSince ? { onStepMs: Math.max(0, now - Date.parse(record.stepSince)) } : {}),
    stuck: stuckReason !== undefined,
    ...(stuckReason === undefined ? {} : { stuckReason }),
    handUp: hand,
    ...(hand && record.handRaisedAt ? { handRaisedAt: record.handRaisedAt } : {}),
  };
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => value[key] !== undefined).map((key) => [key, value[key]])) as Partial<Pick<T, K>>;
}

/** The rows shown: filtered, then sorted (ties by name). */
export function boardRows(state: BoardState): BoardRow[] {
  const rows = Object.values(state.learners).map((entry) => toRow(entry, state.now, state.stuck));
  const shown = rows.filter((row) => (state.filter === 'stuck' ? row.stuck : state.filter === 'hands' ? row.handUp : true));
  const byName = (a: BoardRow, b: BoardRow) => a.learner.localeCompare(b.learner);
  const ratio = (row: BoardRow) => (row.stepsTotal === 0 ? 0 : row.stepsDone / row.stepsTotal);
  const compare: Record<BoardSort, (a: BoardRow, b: BoardRow) => number> = {
    name: byName,
    // Furthest along first.
    progress: (a, b) => ratio(b) - ratio(a) || byName(a, b),
    // Raised hands, then stuck, then the longest on their step.
    stuck: (a, b) => Number(b.handUp) - Number(a.handUp) || Number(b.stuck) - Number(a.stuck) || (b.onStepMs ?? 0) - (a.onStepMs ?? 0) || byName(a, b),
    // Most recently active first.
    activity: (a, b) => (b.lastActivity ?? '').localeCompare(a.lastActivity ?? '') || byName(a, b),
  };
  return shown.sort(compare[state.sort]);
}

export interface BoardSummary {
  learners: number;
  stuck: number;
  hands: number;
  finished: number;
  /** Learners per lesson, in course order: `[{ lessonNumber: 2, lessonTitle, count }]`. */
  lessons: { lessonId: string; lessonNumber?: number; lessonTitle?: string; count: number }[];
}

export function boardSummary(state: BoardState): BoardSummary {
  const rows = Object.values(state.learners).map((entry) => toRow(entry, state.now, state.stuck));
  const lessons = new Map<string, BoardSummary['lessons'][number]>();
  for (const row of rows) {
    if (row.lessonId === undefined || row.finished) continue;
    const known = lessons.get(row.lessonId) ?? { lessonId: row.lessonId, ...(row.lessonNumber === undefined ? {} : { lessonNumber: row.lessonNumber }), ...(row.lessonTitle === undefined ? {} : { lessonTitle: row.lessonTitle }), count: 0 };
    lessons.set(row.lessonId, { ...known, count: known.count + 1 });
  }
  return {
    learners: rows.length,
    stuck: rows.filter((row) => row.stuck).length,
    hands: rows.filter((row) => row.handUp).length,
    finished: rows.filter((row) => row.finished).length,
    lessons: [...lessons.values()].sort((a, b) => (a.lessonNumber ?? 0) - (b.lessonNumber ?? 0)),
  };
}

/** `45s`, `4m12s`, `1h03m`. */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
