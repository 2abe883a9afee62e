/**
 * The seed's scenario through the downtime meter: shop v1 → v2 (which listens 20 s after it
 * starts) on the sandbox, with the meter on the NodePort and an independent plain HTTP loop
 * beside it. Without a probe the meter sees failures and the `minFailed` check passes; with the
 * article's probe, maxUnavailable 0, maxSurge 1 and a preStop sleep not one of 300+ requests
 * fails, both versions answer, and the `maxFailed: 0` check passes. The two clients agree.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTimelineCommand } from '../../../src/cli/commands/timeline.js';
import { lastTimelinePath, saveTimeline } from '../../../src/engine/meter/timeline-store.js';
import { renderTimelineText } from '../../../src/engine/meter/timeline.js';
import { evaluateCheck } from '../../../src/engine/checks/evaluate.js';
import { createStaticView } from '../../../src/engine/checks/cluster-view.js';
import { samplesBetween, summarizeSamples } from '../../../src/engine/checks/traffic-record.js';
import { createHostMeter } from '../../../src/engine/meter/host-meter.js';
import type { RolloutTimeline } from '../../../src/engine/meter/timeline.js';
import { check } from '../checks/check-helpers.js';
import { answeredBy, startTraffic } from '../../sandbox/scenarios/support.js';
import { startMeteredShop, untilLog } from './meter-support.js';

/**
 * ×10: the probed rollout (~55 simulated s) takes ~6 s of wall time. Slower than the scenario
 * tests' ×40 on purpose: the meter measures latency, and on a loaded machine 100 ms of wall time
 * would read as 4 simulated seconds at ×40.
 */
const SPEED = 10;
/** Requests per simulated second, for the meter and the independent loop alike. */
const RATE = 8;

async function meteredRollout(options: { probe: boolean; preStopSleep?: number }) {
  const timelines: RolloutTimeline[] = [];
  const shop = await startMeteredShop(
    SPEED,
    { probe: options.probe, zeroDowntimeStrategy: options.probe, ...(options.preStopSleep === undefined ? {} : { preStopSleep: options.preStopSleep }) },
    { onTimeline: (timeline, final) => final && timelines.push(timeline) },
  );
  try {
    const { monitor, cluster, url } = shop;
    await monitor.start('shop', createHostMeter({ url: `${url}/`, rate: RATE, clock: monitor.clock, version: { from: 'body', pattern: 'shop (v\\d+)' }, timeoutMs: 5000 }));
    const independent = startTraffic(cluster.sandbox.clock, `${url}/`, 1000 / RATE);
    await independent.until(answeredBy(shop.v1Pods, 0), 15_000, 'every v1 Pod to answer through the Service');
    // Both versions must be told apart by the meter: v1 answers first.
    expect(monitor.log.record.samples.some((s) => s.version === 'v1')).toBe(true);

    const from = independent.sent;
    const set = await cluster.kubectl(['set', 'image', 'deployment/shop', 'shop=kubedojo/shop:2']);
    expect(set.exitCode, set.stderr).toBe(0);
    await untilLog(monitor, () => monitor.log.record.rollouts.at(-1)?.completedAt !== undefined, 60_000, 'the rollout to complete');
    const upTo = independent.sent;
    const plain = await independent.stop(from);
    // Every request sent during the rollout has ended: the timeline is final, the record complete.
    await monitor.stop();
    const record = monitor.log.record;
    const span = record.rollouts.at(-1)!;
    const metered = summarizeSamples(samplesBetween(record.samples, span.startedAt, span.completedAt!));
    return { record, span, metered, plain, plainCount: upTo - from, timelines, stop: () => shop.stop() };
  } catch (error) {
    await shop.stop();
    throw error;
  }
}

const view = createStaticView([]);

describe('the downtime meter on the seed scenario', () => {
  it('without a readinessProbe: the meter records failures, the minFailed check passes and maxFailed 0 fails', async () => {
    const run = await meteredRollout({ probe: false });
    try {
      expect(run.span.sawStart).toBe(true);
      expect(run.metered.failed).toBeGreaterThan(0);
      const context = { remembered: {}, traffic: run.record };
      const minFailed = evaluateCheck(check({ traffic: { service: 'shop', during: 'deployment/shop', minRequests: 10, minFailed: 1 } }), view, context);
      expect(minFailed.ok, minFailed.message).toBe(true);
      expect(minFailed.message).toMatch(/^\d+ of \d+ requests failed during the rollout of shop, the longest gap \d+\.\d+ s: the downtime shows$/);
      const zero = evaluateCheck(check({ traffic: { service: 'shop', during: 'deployment/shop', minRequests: 10, maxFailed: 0 } }), view, context);
      expect(zero.ok).toBe(false);
      expect(run.timelines).toHaveLength(1);
      expect(run.timelines[0]!.failed).toBe(run.metered.failed);
    } finally {
      await run.stop();
    }
  });

  it('with the probe, maxUnavailable 0, maxSurge 1 and a preStop sleep: 0 of 300+ fail, both versions answer, maxFailed 0 passes', async () => {
    const run = await meteredRollout({ probe: true, preStopSleep: 5 });
    try {
      expect(run.metered.total).toBeGreaterThanOrEqual(300);
      expect(run.metered.failed).toBe(0);
      expect([...run.metered.versions.keys()].sort()).toEqual(['v1', 'v2']);
      expect(run.plain.failed).toBe(0);
      const context = { remembered: {}, traffic: run.record };
      const zero = evaluateCheck(check({ traffic: { service: 'shop', during: 'deployment/shop', minRequests: 300, maxFailed: 0 } }), view, context);
      expect(zero).toEqual({ ok: true, message: `0 of ${run.metered.total} requests failed during the rollout of shop` });
      const timeline = run.timelines[0]!;
      expect(timeline.pods.at(0)!.oldReady).toBe(4);
      expect(timeline.pods.at(-1)).toMatchObject({ oldReady: 0, newReady: 4 });
      // maxUnavailable 0: never fewer than 4 ready Pods in all.
      expect(Math.min(...timeline.pods.map((p) => p.oldReady + p.newReady))).toBeGreaterThanOrEqual(4);

      // Text: one row each, old Pods going 4 → 0 while new ones go 0 → 4, no failed request.
      const text = renderTimelineText(timeline, 80, true);
      expect(text[0]).toBe(`rollout of shop: ${((timeline.completedAt - timeline.startedAt) / 1000).toFixed(1)} s, 0 of ${run.metered.total} requests failed`);
      expect(text[1]).toMatch(/^old \(rev 1\) ready\s+4[4321]*[.]+$/);
      expect(text[2]).toMatch(/^new \(rev 2\) ready\s+[.0-4]*4$/);
      expect(text[3]).toMatch(/^terminating\s+[.0-9]+$/);
      expect(text[4]).toMatch(/^failed requests\s+\.+$/);

      // Saved under the state directory, drawn by `kubedojo timeline --svg FILE`.
      const state = mkdtempSync(join(tmpdir(), 'kubedojo-state-'));
      const previous = process.env.XDG_STATE_HOME;
      process.env.XDG_STATE_HOME = state;
      try {
        await saveTimeline(timeline);
        expect(lastTimelinePath()).toBe(join(state, 'kubedojo', 'last-rollout.json'));
        const svgFile = join(state, 'rollout.svg');
        const written: string[] = [];
        const out = { write: (text: string) => written.push(text), columns: 80 } as unknown as NodeJS.WriteStream;
        expect(await runTimelineCommand({ svg: svgFile }, out)).toBe(0);
        expect(written.join('')).toBe(`wrote the timeline of the rollout of shop to ${svgFile}\n`);
        const svg = readFileSync(svgFile, 'utf8');
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        const rows = [...svg.matchAll(/<g class="row" data-row="([^"]+)">([\s\S]*?)<\/g>/g)].map((m) => ({ label: m[1], rects: (m[2]!.match(/<rect /g) ?? []).length }));
        expect(rows.map((r) => r.label)).toEqual(['old (rev 1) ready', 'new (rev 2) ready', 'terminating', 'failed requests']);
        expect(rows[0]!.rects).toBeGreaterThan(0);
        expect(rows[1]!.rects).toBeGreaterThan(0);
        expect(rows[3]!.rects).toBe(0);
      } finally {
        if (previous === undefined) delete process.env.XDG_STATE_HOME;
        else process.env.XDG_STATE_HOME = previous;
      }
    } finally {
      await run.stop();
    }
  });
});
