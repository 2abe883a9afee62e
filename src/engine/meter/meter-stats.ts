/**
 * What the Traffic panel and the standalone meter show, computed from the record: answered vs
 * failed per second over the last minute, the mix of versions answering, totals, failure rate,
 * the longest run of failures and p50/p99 latency. Pure.
 */
import {
  addToSummary,
  copySummary,
  emptySummary,
  finishSummary,
  firstAtOrAfter,
  isFailure,
  type MeterRun,
  type MeterSample,
  type SummaryState,
  type TrafficRecord,
  type WindowSummary,
} from '../checks/traffic-record.js';

export interface SecondBucket {
  answered: number;
  failed: number;
}

export interface MeterStats {
  service: string;
  running: boolean;
  /** Oldest first; the last is the second in progress. */
  perSecond: SecondBucket[];
  /** Versions answering over the last few seconds, most first, with their share (0..1). */
  versions: { version: string; share: number }[];
  /** Requests answered over those seconds, with a version told or not. */
  answeredRecently: number;
  total: number;
  failed: number;
  failureRate: number;
  longestGapMs: number;
  p50Ms?: number;
  p99Ms?: number;
  /** Achieved requests per second over the last full 5 seconds. */
  rate: number;
}

const VERSION_WINDOW_MS = 5_000;

/**
 * The panel redraws 4×/s while the meter adds 20-500 samples a second, so nothing here goes over
 * the whole run on each call: the windows are found by binary search and read in place, and the
 * run's totals come from runSummary's cache.
 */
export function meterStats(record: TrafficRecord, now: number, seconds = 60): MeterStats | undefined {
  const run = record.runs.at(-1);
  if (run === undefined) return undefined;
  const samples = record.samples;
  const end = run.stoppedAt ?? now;
  const runFrom = firstAtOrAfter(samples, run.startedAt);
  const runTo = firstAtOrAfter(samples, end + 1);
  /** Where the run's samples at or after `time` begin. */
  const since = (time: number): number => (time <= run.startedAt ? runFrom : Math.min(runTo, Math.max(runFrom, firstAtOrAfter(samples, time))));
  const summary = runSummary(samples, run, runFrom, runTo);

  const perSecond: SecondBucket[] = Array.from({ length: seconds }, () => ({ answered: 0, failed: 0 }));
  const firstSecond = Math.floor(end / 1000) - seconds + 1;
  for (let i = since(firstSecond * 1000); i < runTo; i += 1) {
    const sample = samples[i]!;
    const bucket = perSecond[Math.floor(sample.at / 1000) - firstSecond];
    if (bucket === undefined) continue;
    if (isFailure(sample)) bucket.failed += 1;
    else bucket.answered += 1;
  }

  const recentState = emptySummary();
  addToSummary(recentState, samples, since(end - VERSION_WINDOW_MS), runTo);
  const recent = finishSummary(recentState);
  const answeredRecent = [...recent.versions.values()].reduce((a, b) => a + b, 0);
  const versions = [...recent.versions.entries()]
    .map(([version, n]) => ({ version, share: answeredRecent === 0 ? 0 : n / answeredRecent }))
    .sort((a, b) => b.share - a.share);

  // A typed array sorts numbers natively (no comparator calls): 6 000 latencies a minute at 100 req/s.
  const from = since(end - seconds * 1000);
  const latencies = new Float64Array(runTo - from);
  let answered = 0;
  for (let i = from; i < runTo; i += 1) if (!isFailure(samples[i]!)) latencies[answered++] = samples[i]!.latencyMs;
  const sorted = latencies.subarray(0, answered).sort();
  const rateWindow = since(end - 1000) - since(end - 6000);
  const spanned = Math.min(5000, Math.max(0, end - 1000 - run.startedAt));
  return {
    service: run.service,
    running: run.stoppedAt === undefined,
    perSecond,
    versions,
    answeredRecently: recent.total - recent.failed,
    total: summary.total,
    failed: summary.failed,
    failureRate: summary.total === 0 ? 0 : summary.failed / summary.total,
    longestGapMs: summary.longestGapMs,
    ...(answered > 0 ? { p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) } : {}),
    rate: spanned < 1000 ? (runTo - runFrom) / Math.max(1, (end - run.startedAt) / 1000) : (rateWindow * 1000) / spanned,
  };
}

/**
 * Samples this much older (meter time) than the newest are taken as settled: a sample lands among
 * them only for a request that took longer, and then the cache is rebuilt (see runSummary).
 */
const SETTLED_MS = 10_000;

interface RunSummaryCache {
  run: MeterRun;
  startedAt: number;
  /** The run's first sample when the cache was made: another one there means the record was trimmed or cleared. */
  first: MeterSample | undefined;
  /** The summary of the run's samples before `upTo`. */
  settled: SummaryState;
  upTo: number;
  /** samples[upTo - 1] then: another one there means a sample was inserted before it. */
  last: MeterSample | undefined;
}

const runSummaries = new WeakMap<readonly MeterSample[], RunSummaryCache>();

/**
 * The summary of samples[runFrom..runTo), the whole run: the settled part from the cache (extended
 * as samples settle), the rest summed afresh. The cache is checked by identity, so a late sample
 * inserted among the settled ones, a trimmed or cleared record, or another run rebuild it: the
 * result is always summarizeSamples' over the same samples.
 */
function runSummary(samples: readonly MeterSample[], run: MeterRun, runFrom: number, runTo: number): WindowSummary {
  let cache = runSummaries.get(samples);
  const valid =
    cache !== undefined &&
    cache.run === run &&
    cache.startedAt === run.startedAt &&
    cache.first === samples[runFrom] &&
    cache.upTo >= runFrom &&
    cache.upTo <= runTo &&
    samples[cache.upTo - 1] === cache.last;
  if (!valid) {
    cache = { run, startedAt: run.startedAt, first: samples[runFrom], settled: emptySummary(), upTo: runFrom, last: samples[runFrom - 1] };
    runSummaries.set(samples, cache);
  }
  const c = cache!;
  if (runTo > runFrom) {
    const settledTo = Math.max(c.upTo, firstAtOrAfter(samples, samples[runTo - 1]!.at - SETTLED_MS));
    if (settledTo > c.upTo && settledTo <= runTo) {
      addToSummary(c.settled, samples, c.upTo, settledTo);
      c.upTo = settledTo;
      c.last = samples[settledTo - 1];
    }
  }
  const state = copySummary(c.settled);
  addToSummary(state, samples, c.upTo, runTo);
  return finishSummary(state);
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** `nginx/1.25 60% · nginx/1.26 40%` */
export function formatVersionMix(versions: MeterStats['versions'], answeredRecently: number): string {
  // Answers without a version (no Server header, no body marker) are answers all the same.
  if (versions.length === 0) return answeredRecently === 0 ? 'no answers' : 'no version in the answers';
  return versions.map(({ version, share }) => `${version} ${Math.round(share * 100)}%`).join(' · ');
}

/** One line for the end of the standalone meter and logs. */
export function summaryLine(stats: MeterStats): string {
  const pct = (stats.failureRate * 100).toFixed(stats.failureRate > 0 && stats.failureRate < 0.01 ? 2 : 1);
  const latency = stats.p50Ms === undefined ? '' : `, p50 ${Math.round(stats.p50Ms)} ms, p99 ${Math.round(stats.p99Ms ?? 0)} ms`;
  const gap = stats.failed === 0 ? '' : `, longest failure run ${(stats.longestGapMs / 1000).toFixed(1)} s`;
  return `${stats.service}: ${stats.total} requests, ${stats.failed} failed (${pct}%)${gap}${latency}`;
}

export type { MeterSample };
