/**
 * meterStats keeps the run's totals in a cache so the panel's redraws do not go over the whole run.
 * Its answers must be exactly what going over the whole run gives: the oracle is meterStats as it
 * was written before the cache (meter-stats-oracle.ts), fed the same record after every change — samples in and
 * out of order (a slow request's sample lands among settled ones), new runs, a cleared record, and
 * a record trimmed at its size limit.
 */
import { describe, expect, it } from 'vitest';
import type { MeterSample, RequestOutcome } from '../../../src/engine/checks/traffic-record.js';
import { meterStats } from '../../../src/engine/meter/meter-stats.js';
import { TrafficLog } from '../../../src/engine/meter/traffic-log.js';
import { oracle } from './meter-stats-oracle.js';

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
