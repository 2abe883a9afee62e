/**
 * What the downtime meter recorded, as the `traffic` check reads it: the meter's runs, one sample
 * per request, and the rollouts the app saw while watching. The engine fills it in; checks only
 * read it, so evaluation stays pure (no clock: every time is in the record).
 */

/** How one request ended. Everything but `answered` counts as a failed request. */
export type RequestOutcome = 'answered' | 'refused' | 'reset' | 'timeout' | 'http5xx' | 'error';

export const REQUEST_OUTCOMES: readonly RequestOutcome[] = ['answered', 'refused', 'reset', 'timeout', 'http5xx', 'error'];

export interface MeterSample {
  /** When the request was sent, ms since the epoch. */
  at: number;
  outcome: RequestOutcome;
  /** Until the answer or the failure, ms. */
  latencyMs: number;
  /** Which version answered (`nginx/1.25.5`, or the body marker's match); answered requests only. */
  version?: string;
  /** The HTTP status, when one came back. */
  status?: number;
}

/** One start..stop of the meter. Runs never overlap: there is one meter at a time. */
export interface MeterRun {
  service: string;
  startedAt: number;
  /** Absent while it runs. */
  stoppedAt?: number;
}

/** One rollout of a Deployment, from its template change until it completed. */
export interface RolloutSpan {
  deployment: string;
  /** When the template change was seen; for a rollout already under way when watching began, when watching began. */
  startedAt: number;
  /** False when the rollout was already under way when the app began watching, so its start is unknown. */
  sawStart: boolean;
  /** Absent while it is still rolling. */
  completedAt?: number;
}

export interface TrafficRecord {
  runs: readonly MeterRun[];
  /** Every request of every run, in time order. */
  samples: readonly MeterSample[];
  rollouts: readonly RolloutSpan[];
}

export const isFailure = (sample: MeterSample): boolean => sample.outcome !== 'answered';

export interface WindowSummary {
  total: number;
  failed: number;
  /** The longest time without an answer that had failures in it, ms (0 when nothing failed). */
  longestGapMs: number;
  /** Answered requests per version, in order of first appearance. */
  versions: Map<string, number>;
}

/** The samples with `from <= at < to` (binary search: the record can hold many thousand). */
export function samplesBetween(samples: readonly MeterSample[], from: number, to: number): readonly MeterSample[] {
  return samples.slice(firstAtOrAfter(samples, from), firstAtOrAfter(samples, to));
}

/** The index of the first sample at or after `time` (samples in time order). */
export function firstAtOrAfter(samples: readonly MeterSample[], time: number): number {
  let low = 0;
  let high = samples.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (samples[mid]!.at < time) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A summary under way: fed samples in time order, finished when they are all in. summarizeSamples
 * is this in one go; the meter's panel keeps one over a run's settled samples instead of going over
 * the whole run on every redraw.
 */
export interface SummaryState {
  total: number;
  failed: number;
  longestGapMs: number;
  versions: Map<string, number>;
  /** The first failure of the run of failures under way, if one is. */
  gapStart: number | undefined;
  /** When the last failure of that run ended. */
  gapEnd: number;
}

export const emptySummary = (): SummaryState => ({ total: 0, failed: 0, longestGapMs: 0, versions: new Map(), gapStart: undefined, gapEnd: 0 });

export const copySummary = (state: SummaryState): SummaryState => ({ ...state, versions: new Map(state.versions) });

/** Feeds `samples[from..to)`, in time order, into `state`. */
export function addToSummary(state: SummaryState, samples: readonly MeterSample[], from = 0, to = samples.length): void {
  for (let i = from; i < to; i += 1) {
    const sample = samples[i]!;
    state.total += 1;
    if (isFailure(sample)) {
      state.failed += 1;
      state.gapStart ??= sample.at;
      state.gapEnd = sample.at + sample.latencyMs;
      continue;
    }
    if (state.gapStart !== undefined) state.longestGapMs = Math.max(state.longestGapMs, sample.at - state.gapStart);
    state.gapStart = undefined;
    if (sample.version !== undefined) state.versions.set(sample.version, (state.versions.get(sample.version) ?? 0) + 1);
  }
}

/** The summary of what was fed (a run of failures still open ends with its last failure). */
export function finishSummary(state: SummaryState): WindowSummary {
  const open = state.gapStart === undefined ? 0 : state.gapEnd - state.gapStart;
  return { total: state.total, failed: state.failed, longestGapMs: Math.max(state.longestGapMs, open), versions: new Map(state.versions) };
}

/**
 * Totals over samples in time order. A gap runs from the first failed request of a run of failures
 * to the next answered request (or the end of the run's last failure): how long a user of the
 * Service would have been turned away.
 */
export function summarizeSamples(samples: readonly MeterSample[]): WindowSummary {
  const state = emptySummary();
  addToSummary(state, samples);
  return finishSummary(state);
}
