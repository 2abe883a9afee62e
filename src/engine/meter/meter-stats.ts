/**
 * What the Traffic panel and the standalone meter show, computed from the record: answered vs
 * failed per second over the last minute, the mix of versions answering, totals, failure rate,
 * the longest run of failures and p50/p99 latency. Pure.
 */
import { isFailure, samplesBetween, summarizeSamples, type MeterSample, type TrafficRecord } from '../checks/traffic-record.js';

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

export function meterStats(record: TrafficRecord, now: number, seconds = 60): MeterStats | undefined {
  const run = record.runs.at(-1);
  if (run === undefined) return undefined;
  const end = run.stoppedAt ?? now;
  const runSamples = samplesBetween(record.samples, run.startedAt, end + 1);
  const summary = summarizeSamples(runSamples);

  const perSecond: SecondBucket[] = Array.from({ length: seconds }, () => ({ answered: 0, failed: 0 }));
  const firstSecond = Math.floor(end / 1000) - seconds + 1;
  for (const sample of samplesBetween(runSamples, firstSecond * 1000, end + 1)) {
    const bucket = perSecond[Math.floor(sample.at / 1000) - firstSecond];
    if (bucket === undefined) continue;
    if (isFailure(sample)) bucket.failed += 1;
    else bucket.answered += 1;
  }

  const recent = summarizeSamples(samplesBetween(runSamples, end - VERSION_WINDOW_MS, end + 1));
  const answeredRecent = [...recent.versions.values()].reduce((a, b) => a + b, 0);
  const versions = [...recent.versions.entries()]
    .map(([version, n]) => ({ version, share: answeredRecent === 0 ? 0 : n / answeredRecent }))
    .sort((a, b) => b.share - a.share);

  const latencies = samplesBetween(runSamples, end - seconds * 1000, end + 1)
    .filter((sample) => !isFailure(sample))
    .map((sample) => sample.latencyMs)
    .sort((a, b) => a - b);
  const rateWindow = samplesBetween(runSamples, end - 6000, end - 1000).length;
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
    ...(latencies.length > 0 ? { p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) } : {}),
    rate: spanned < 1000 ? runSamples.length / Math.max(1, (end - run.startedAt) / 1000) : (rateWindow * 1000) / spanned,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
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
