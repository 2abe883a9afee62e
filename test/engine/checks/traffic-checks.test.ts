import { describe, expect, it } from 'vitest';
import { createStaticView } from '../../../src/engine/checks/cluster-view.js';
import { evaluateCheck, resourcesWatchedBy } from '../../../src/engine/checks/evaluate.js';
import type { CheckContext } from '../../../src/engine/checks/result.js';
import { MeterSpecSchema } from '../../../src/engine/checks/schema.js';
import { PARSE_PARAMS } from '../../../src/engine/checks/schema-helpers.js';
import { summarizeSamples, type MeterSample, type RequestOutcome, type TrafficRecord } from '../../../src/engine/checks/traffic-record.js';
import { check } from './check-helpers.js';

const empty = createStaticView([]);
const zeroDowntime = check({ traffic: { service: 'shop', during: 'deployment/shop', minRequests: 200, maxFailed: 0 } });
const showsDowntime = check({ traffic: { service: 'shop', during: 'deploy/shop', minRequests: 200, minFailed: 1 } });

/** `n` requests 50 ms apart from `from`, failing where `fails(i)` says. */
function samples(from: number, n: number, fails: (i: number) => RequestOutcome | undefined = () => undefined): MeterSample[] {
  return Array.from({ length: n }, (_, i) => {
    const outcome = fails(i) ?? 'answered';
    return { at: from + i * 50, outcome, latencyMs: 5, ...(outcome === 'answered' ? { version: i < n / 2 ? 'nginx/1.25' : 'nginx/1.26' } : {}) };
  });
}

const withRecord = (traffic: TrafficRecord): CheckContext => ({ remembered: {}, traffic });
const run = (startedAt: number, stoppedAt?: number) => ({ service: 'shop', startedAt, ...(stoppedAt === undefined ? {} : { stoppedAt }) });
const rollout = (startedAt: number, completedAt?: number, sawStart = true) => ({
  deployment: 'shop',
  startedAt,
  sawStart,
  ...(completedAt === undefined ? {} : { completedAt }),
});

describe('traffic check schema', () => {
  it('normalises the Deployment and defaults minRequests', () => {
    expect(check({ traffic: { during: 'deploy/shop', maxFailed: 0 } })).toEqual({ traffic: { during: 'shop', minRequests: 100, maxFailed: 0 } });
    expect(zeroDowntime).toEqual({ traffic: { service: 'shop', during: 'shop', minRequests: 200, maxFailed: 0 } });
  });

  it('reads traffic checks from the view: Deployments and ReplicaSets for rollouts, Pods for the timeline', () => {
    expect(resourcesWatchedBy(zeroDowntime)).toEqual(['Deployment', 'ReplicaSet', 'Pod']);
  });

  it('parses a step meter with defaults and both version sources', () => {
    const parse = (input: unknown) => MeterSpecSchema.parse(input, PARSE_PARAMS);
    expect(parse({ service: 'shop' })).toEqual({ service: 'shop', path: '/', rate: 20 });
    expect(parse({ service: 'shop', path: '/healthz', rate: 50, version: 'server-header' })).toEqual({
      service: 'shop',
      path: '/healthz',
      rate: 50,
      version: { from: 'server-header' },
    });
    expect(parse({ service: 'shop', version: 'version (v\\d+)' }).version).toEqual({ from: 'body', pattern: 'version (v\\d+)' });
  });
});

describe('traffic check evaluation', () => {
  it('passes on a whole metered rollout with enough requests and no failures', () => {
    const record = { runs: [run(0)], samples: samples(0, 400), rollouts: [rollout(2_000, 17_000)] };
    // 2 000 ms .. 17 000 ms at 20/s: 300 requests.
    expect(evaluateCheck(zeroDowntime, empty, withRecord(record))).toEqual({ ok: true, message: '0 of 300 requests failed during the rollout of shop' });
    expect(evaluateCheck(showsDowntime, empty, withRecord(record))).toEqual({
      ok: false,
      message: '0 of 300 requests failed during the rollout of shop (want at least 1 failed, to see the downtime)',
    });
  });

  it('names the failures and the longest gap', () => {
    // Failures at requests 100..123 (1.2 s: from the first failure to the next answer) and 200..201.
    const fails = (i: number): RequestOutcome | undefined => (i >= 100 && i < 124 ? 'refused' : i === 200 || i === 201 ? 'http5xx' : undefined);
    const record = { runs: [run(0)], samples: samples(0, 400, fails), rollouts: [rollout(2_000, 17_000)] };
    expect(evaluateCheck(zeroDowntime, empty, withRecord(record))).toEqual({
      ok: false,
      message: '26 of 300 requests failed during the rollout of shop, the longest gap 1.2 s (want at most 0)',
    });
    expect(evaluateCheck(showsDowntime, empty, withRecord(record))).toEqual({
      ok: true,
      message: '26 of 300 requests failed during the rollout of shop, the longest gap 1.2 s: the downtime shows',
    });
  });

  it('counts only the requests inside the rollout', () => {
    const record = { runs: [run(0)], samples: samples(0, 400, (i) => (i < 20 || i > 380 ? 'timeout' : undefined)), rollouts: [rollout(2_000, 17_000)] };
    expect(evaluateCheck(zeroDowntime, empty, withRecord(record)).ok).toBe(true);
  });

  it('says when the meter did not see the whole rollout', () => {
    const lateMeter = { runs: [run(5_000)], samples: samples(5_000, 300), rollouts: [rollout(2_000, 17_000)] };
    expect(evaluateCheck(zeroDowntime, empty, withRecord(lateMeter))).toEqual({
      ok: false,
      message: 'the meter was not running when the rollout of shop started: start it, then roll out again',
    });
    const alreadyRolling = { runs: [run(0)], samples: samples(0, 400), rollouts: [rollout(0, 17_000, false)] };
    expect(evaluateCheck(zeroDowntime, empty, withRecord(alreadyRolling)).message).toMatch(/^the meter was not running when the rollout of shop started/);
    const stoppedEarly = { runs: [run(0, 10_000)], samples: samples(0, 200), rollouts: [rollout(2_000, 17_000)] };
    expect(evaluateCheck(zeroDowntime, empty, withRecord(stoppedEarly))).toEqual({
      ok: false,
      message: 'the meter stopped before the rollout of shop completed: start it, then roll out again',
    });
  });

  it('reports a rollout in progress, too few requests, and nothing seen yet', () => {
    const rolling = { runs: [run(0)], samples: samples(0, 100, (i) => (i === 60 ? 'reset' : undefined)), rollouts: [rollout(2_000)] };
    expect(evaluateCheck(zeroDowntime, empty, withRecord(rolling))).toEqual({
      ok: false,
      message: 'rollout of shop in progress: 1 of 60 requests failed during the rollout of shop, the longest gap 0.05 s so far',
    });
    const short = { runs: [run(0)], samples: samples(0, 400), rollouts: [rollout(2_000, 4_000)] };
    expect(evaluateCheck(zeroDowntime, empty, withRecord(short)).message).toBe(
      'only 40 requests during the rollout of shop, want at least 200: roll out again with the meter running longer or faster',
    );
    expect(evaluateCheck(zeroDowntime, empty, { remembered: {} })).toEqual({
      ok: false,
      message: 'no rollout of shop seen yet, and the meter on service shop is not running',
    });
    expect(evaluateCheck(zeroDowntime, empty, withRecord({ runs: [run(0)], samples: [], rollouts: [] })).message).toBe(
      'the meter on service shop is running: waiting for a rollout of shop',
    );
  });

  it('wants the named Service metered, and reads the last rollout only', () => {
    const otherService = { runs: [{ service: 'web', startedAt: 0 }], samples: samples(0, 400), rollouts: [rollout(2_000, 17_000)] };
    expect(evaluateCheck(zeroDowntime, empty, withRecord(otherService)).message).toBe(
      'the meter watched service web during the rollout of shop, want service shop',
    );
    const anyService = check({ traffic: { during: 'deployment/shop', minRequests: 200, maxFailed: 0 } });
    expect(evaluateCheck(anyService, empty, withRecord(otherService)).ok).toBe(true);
    const twoRollouts = { runs: [run(0)], samples: samples(0, 800), rollouts: [rollout(2_000, 17_000), rollout(20_000)] };
    expect(evaluateCheck(zeroDowntime, empty, withRecord(twoRollouts)).message).toMatch(/^rollout of shop in progress/);
  });
});

describe('summarizeSamples', () => {
  it('counts versions of answered requests and the longest failure gap', () => {
    const summary = summarizeSamples(samples(0, 10, (i) => (i === 9 ? 'timeout' : undefined)));
    expect(summary).toEqual({ total: 10, failed: 1, longestGapMs: 5, versions: new Map([['nginx/1.25', 5], ['nginx/1.26', 4]]) });
  });
});
