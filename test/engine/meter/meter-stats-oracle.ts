/**
 * meterStats as it was written before its cache: every call goes over the whole run. The oracle of
 * meter-stats-cache.test.ts, and the bench's baseline for the panel's redraw late in a long run.
 */
import { isFailure, samplesBetween, summarizeSamples, type TrafficRecord } from '../../../src/engine/checks/traffic-record.js';
import { percentile, type MeterStats, type SecondBucket } from '../../../src/engine/meter/meter-stats.js';

export function oracle(record: TrafficRecord, now: number, seconds = 60): MeterStats | undefined {
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
  const recent = summarizeSamples(samplesBetween(runSamples, end - 5000, end + 1));
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
