/**
 * What the panel and the standalone meter print about the versions answering: their mix, "no
 * answers" only when nothing answered, and an honest line when answers carry no version (an app
 * without a Server header, metered without a body marker).
 */
import { describe, expect, it } from 'vitest';
import type { MeterSample, TrafficRecord } from '../../../src/engine/checks/traffic-record.js';
import { formatVersionMix, meterStats } from '../../../src/engine/meter/meter-stats.js';

function record(samples: MeterSample[]): TrafficRecord {
  return { runs: [{ service: 'shop', startedAt: 0 }], samples, rollouts: [] };
}

const every100ms = (count: number, sample: Omit<MeterSample, 'at' | 'latencyMs'>): MeterSample[] =>
  Array.from({ length: count }, (_, i) => ({ at: i * 100, latencyMs: 5, ...sample }));

describe('the version mix', () => {
  it('names each version answering with its share over the last seconds', () => {
    const samples = [...every100ms(30, { outcome: 'answered', version: 'nginx/1.25' }), ...every100ms(20, { outcome: 'answered', version: 'nginx/1.26' }).map((s) => ({ ...s, at: s.at + 3000 }))]
      .sort((a, b) => a.at - b.at);
    const stats = meterStats(record(samples), 5000)!;
    expect(formatVersionMix(stats.versions, stats.answeredRecently)).toBe('nginx/1.25 60% · nginx/1.26 40%');
  });

  it('says "no answers" only when nothing answered', () => {
    const stats = meterStats(record(every100ms(20, { outcome: 'refused' })), 2000)!;
    expect(stats.answeredRecently).toBe(0);
    expect(formatVersionMix(stats.versions, stats.answeredRecently)).toBe('no answers');
  });

  it('answers without a version are answers: it says no version was in them', () => {
    const stats = meterStats(record(every100ms(20, { outcome: 'answered' })), 2000)!;
    expect(stats.answeredRecently).toBe(20);
    expect(formatVersionMix(stats.versions, stats.answeredRecently)).toBe('no version in the answers');
  });
});
