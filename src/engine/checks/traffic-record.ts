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

function firstAtOrAfter(samples: readonly MeterSample[], time: number): number {
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
 * Totals over samples in time order. A gap runs from the first failed request of a run of failures
 * to the next answered request (or the end of the run's last failure): how long a user of the
 * Service would have been turned away.
 */
export function summarizeSamples(samples: readonly MeterSample[]): WindowSummary {
  const summary: WindowSummary = { total: samples.length, failed: 0, longestGapMs: 0, versions: new Map() };
  let runStart: number | undefined;
  let runEnd = 0;
  const closeRun = (end: number): void => {
    if (runStart !== undefined) summary.longestGapMs = Math.max(summary.longestGapMs, end - runStart);
    runStart = undefined;
  };
  for (const sample of samples) {
    if (isFailure(sample)) {
      summary.failed += 1;
      runStart ??= sample.at;
      runEnd = sample.at + sample.latencyMs;
      continue;
    }
    closeRun(sample.at);
    if (sample.version !== undefined) summary.versions.set(sample.version, (summary.versions.get(sample.version) ?? 0) + 1);
  }
  closeRun(runEnd);
  return summary;
}
