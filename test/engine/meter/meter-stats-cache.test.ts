/**
 * meterStats keeps the run's totals in a cache so the panel's redraws do not go over the whole run.
 * Its answers must be exactly what going over the whole run gives: the oracle below is meterStats
 * as it was written before the cache, fed the same record after every change — samples in and
 * out of order (a slow request's sample lands among settled ones), new runs, a cleared record, and
 * a record trimmed at its size limit.
 */
import { describe, expect, it } from 'vitest';
import { isFailure, samplesBetween, summarizeSamples, type MeterSample, type RequestOutcome, type TrafficRecord } from '../../../src/engine/checks/traffic-record.js';
import { meterStats, percentile, type MeterStats, type SecondBucket } from '../../../src/engine/meter/meter-stats.js';
import { TrafficLog } from '../../../src/engine/meter/traffic-log.js';

function oracle(record: TrafficRecord, now: number, seconds = 60): MeterStats | undefined {
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

/** A small deterministic PRNG (mulberry32): the same sequence on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OUTCOMES: RequestOutcome[] = ['refused', 'reset', 'timeout', 'http5xx'];

describe('the panel stats with their cache', () => {
  it('equal the whole-run computation after every change, in and out of order, across runs and a clear', () => {
    const rand = random(11);
    const log = new TrafficLog();
    let now = 1_000_000;
    let compared = 0;
    for (let round = 0; round < 3; round += 1) {
      if (round === 2) log.clear();
      log.startRun('shop', now);
      let outage = 0;
      for (let i = 0; i < 6000; i += 1) {
        now += 10;
        if (rand() < 0.002) outage = 40 + Math.floor(rand() * 300);
        const failed = outage > 0;
        if (outage > 0) outage -= 1;
        // Mostly in order; now and then a slow request's sample, up to 30 s (of meter time) late.
        const late = rand() < 0.02 ? Math.floor(rand() * 30_000) : Math.floor(rand() * 40);
        const sample: MeterSample = failed
          ? { at: now - late, outcome: OUTCOMES[Math.floor(rand() * OUTCOMES.length)]!, latencyMs: Math.floor(rand() * 2000) }
          : { at: now - late, outcome: 'answered', latencyMs: Math.floor(rand() * 50), status: 200, version: i < 3000 ? 'nginx/1.25' : 'nginx/1.26' };
        log.addSample(sample);
        if (i % 25 === 0) {
          expect(meterStats(log.record, now)).toEqual(oracle(log.record, now));
          compared += 1;
        }
      }
      log.stopRun(now);
      expect(meterStats(log.record, now + 5000)).toEqual(oracle(log.record, now + 5000));
      now += 2000;
    }
    expect(compared).toBeGreaterThan(700);
  });

  it('equal it on a record trimmed at its limit, while the oldest samples drop', () => {
    const log = new TrafficLog();
    log.startRun('shop', 0);
    let now = 0;
    for (let i = 0; i < 230_000; i += 1) {
      now += 2;
      log.addSample(i % 1000 < 3 ? { at: now, outcome: 'reset', latencyMs: 7 } : { at: now, outcome: 'answered', latencyMs: i % 13, version: 'v1' });
      if (i > 190_000 && i % 997 === 0) expect(meterStats(log.record, now)).toEqual(oracle(log.record, now));
    }
    expect(log.record.samples.length).toBeLessThan(230_000);
    expect(meterStats(log.record, now)).toEqual(oracle(log.record, now));
  });
});
