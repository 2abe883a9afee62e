/**
 * Figures of the downtime meter (issue 11):
 *  - the meter at 20 / 100 / 500 req/s on the sandbox (speed 1, the shop behind a NodePort):
 *    achieved rate, CPU share and the longest event-loop block while it runs with the Traffic
 *    panel's work (stats + chart, 4×/s). Twice: with the sandbox in its own process (`kubedojo
 *    sandbox`), so the CPU is the meter's alone — what metering costs the app on any cluster, the
 *    issue's target — and with the sandbox in this process, app and sandbox together (info: the
 *    sandbox serving the requests is not the meter's cost);
 *  - failure-rate agreement with an independent HTTP loop on one sandbox rollout;
 *  - rollout → timeline drawn: from the Deployment's completion in the sandbox's store to the
 *    timeline's text being rendered.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import { isFailure, samplesBetween } from '../src/engine/checks/traffic-record.js';
import { createHostMeter } from '../src/engine/meter/host-meter.js';
import type { MeterSource } from '../src/engine/meter/meter-source.js';
import { probeRequest } from '../src/engine/meter/probe-request.js';
import { TrafficLog } from '../src/engine/meter/traffic-log.js';
import { wallClock } from '../src/engine/meter/meter-clock.js';
import { meterStats } from '../src/engine/meter/meter-stats.js';
import { TrafficMonitor } from '../src/engine/meter/traffic-monitor.js';
import { renderTimelineText } from '../src/engine/meter/timeline.js';
import { rolloutComplete } from '../src/engine/meter/rollout-tracker.js';
import { typeOfKind } from '../src/sandbox/api/resources.js';
import { chartRows, UNICODE_GLYPHS } from '../src/ui/components/traffic/traffic-chart.js';
import { get } from '../test/sandbox/traffic/http-client.js';
import { startMeteredShop, untilLog } from '../test/engine/meter/meter-support.js';
import { nodePortService, shopDeployment } from '../test/sandbox/scenarios/support.js';
import { longestBlock } from './event-loop.js';
import { oracle as wholeRunStats } from '../test/engine/meter/meter-stats-oracle.js';
import { createNodeHttpMeter } from './meter-node-http.js';
import { baseline, ms, report } from './stats.js';

const RUN_MS = 5000;

/** A shop behind a NodePort on a `kubedojo sandbox` in a child process (the built CLI, speed 1). */
export async function shopInAnotherProcess(): Promise<{ url: string; stop(): Promise<void> }> {
  const home = mkdtempSync(join(tmpdir(), 'kubedojo-bench-'));
  const child = execa(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), 'sandbox', '--port', '0', '--kubeconfig', join(home, 'kubeconfig')], {
    env: { HOME: home, XDG_STATE_HOME: join(home, 'state'), PATH: process.env.PATH ?? '/usr/bin:/bin' },
    extendEnv: false,
    reject: false,
  });
  const lines = createInterface({ input: child.stdout! });
  const url = new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const found = /^service default\/shop: (http:\/\/\S+)/.exec(line);
      if (found !== null) resolve(found[1]!);
    });
    void child.then((result) => reject(new Error(`kubedojo sandbox ended: ${result.stderr}`)));
  });
  const kubectl = (args: string[], input?: string) =>
    execa('/usr/bin/kubectl', args, { env: { KUBECONFIG: join(home, 'kubeconfig'), HOME: home, PATH: '/usr/bin:/bin' }, extendEnv: false, ...(input === undefined ? {} : { input }) });
  const stop = async () => {
    child.kill('SIGINT');
    await child;
    rmSync(home, { recursive: true, force: true });
  };
  try {
    for (let tries = 0; !existsSync(join(home, 'kubeconfig')); tries += 1) {
      if (tries > 300) throw new Error('kubedojo sandbox did not write its kubeconfig');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await kubectl(['apply', '-f', '-'], shopDeployment({ replicas: 2, image: 'kubedojo/shop:1' }) + '---\n' + nodePortService());
    await kubectl(['rollout', 'status', 'deployment/shop', '--timeout=120s']);
    return { url: await url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Before the lean HTTP client (Node's http client per request), on a quiet machine. */
const NODE_HTTP_SHARE_AT_100 = '19.8 %';

/**
 * The meter's own cost: the sandbox answers from another process, this one only meters. At 100
 * req/s, the meter as it was before (Node's http client per request) runs too, in the same run:
 * the load of a shared machine moves both figures, their ratio much less.
 */
async function meterAlone(): Promise<void> {
  const shop = await shopInAnotherProcess();
  try {
    await answering(`${shop.url}/`);
    for (const rate of [20, 100, 500]) {
      const monitor = new TrafficMonitor({ clock: wallClock });
      const { achieved, share, firstShare, block } = await meterRun(monitor, shop.url, rate);
      report(`meter alone at ${rate} req/s: achieved rate`, `${achieved.toFixed(1)} req/s`, `≥ ${(rate * 0.95).toFixed(0)}`, achieved >= rate * 0.95);
      report(`meter alone at ${rate} req/s: CPU share of one core (steady)`, `${(share * 100).toFixed(1)} %`, rate === 100 ? '≤ 10 %' : '(info)', rate !== 100 || share <= 0.1);
      baseline(`  its first ${RUN_MS / 1000} s at this rate (V8 still compiling)`, `${(firstShare * 100).toFixed(1)} %`);
      if (rate === 100) {
        const before = await meterRun(new TrafficMonitor({ clock: wallClock }), shop.url, rate, createNodeHttpMeter);
        baseline(`  Node's http client per request, this run, steady (${(before.share / share).toFixed(2)}× today's)`, `${(before.share * 100).toFixed(1)} %`);
        baseline(`  Node's http client per request, this run, first ${RUN_MS / 1000} s (${(before.firstShare / firstShare).toFixed(2)}× today's)`, `${(before.firstShare * 100).toFixed(1)} %`);
        baseline("  Node's http client per request, quiet machine (issue 11)", NODE_HTTP_SHARE_AT_100);
      }
      report(`meter alone at ${rate} req/s: longest event-loop block (wall / cpu)`, `${ms(block.wall)} / ${ms(block.cpu)}`, '≤ 100 ms', block.wall <= 100);
    }
  } finally {
    await shop.stop();
  }
}

/** Until the shop answers: a Pod Ready without a probe may not listen yet, and refusals are not the meter's cost. */
async function answering(url: string): Promise<void> {
  for (let tries = 0; (await probeRequest(url, { timeoutMs: 2000 })).outcome !== 'answered'; tries += 1) {
    if (tries > 100) throw new Error(`the shop behind ${url} never answered`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The Traffic panel's redraw (stats + chart) late in a long run: 10 minutes at 100 req/s (60 000
 * samples) and a full record (200 000), with 25 new samples between redraws, as at 100 req/s and
 * 4 redraws a second. Before the stats kept the run's totals, a redraw went over the whole run.
 */
async function panelLateInARun(): Promise<void> {
  for (const count of [60_000, 200_000]) {
    const log = new TrafficLog();
    log.startRun('shop', 0);
    let now = 0;
    const add = (): void => {
      now += 10;
      log.addSample(now % 9973 < 30 ? { at: now, outcome: 'refused', latencyMs: 1 } : { at: now, outcome: 'answered', latencyMs: (now % 7) + 1, status: 200, version: 'nginx/1.25.5' });
    };
    for (let i = 0; i < count; i += 1) add();
    const redraws = (stats: typeof meterStats, times: number): number => {
      const took: number[] = [];
      for (let redraw = 0; redraw < times; redraw += 1) {
        for (let i = 0; i < 25; i += 1) add();
        const started = performance.now();
        const drawn = stats(log.record, now);
        if (drawn) chartRows(drawn.perSecond, 60, 6, UNICODE_GLYPHS);
        took.push(performance.now() - started);
      }
      return took.sort((a, b) => a - b)[took.length >> 1]!;
    };
    const today = redraws(meterStats, 200);
    const before = redraws(wholeRunStats, 40);
    const label = `panel redraw, ${count.toLocaleString('en')} samples in the run`;
    report(`${label}: median (CPU share at 4/s)`, `${ms(today)} (${((today * 4) / 10).toFixed(2)} %)`, '(info)', true);
    baseline(`  going over the whole run each redraw (before)`, `${ms(before)} (${((before * 4) / 10).toFixed(2)} %)`);
  }
}

/**
 * Meters `url` at `rate` for RUN_MS with the Traffic panel's work beside it, three times: once
 * measured (the first seconds at this rate, V8 still compiling the hot paths), once under the
 * event-loop probe (its 1 ms timer costs CPU of its own, which is the bench's, not the meter's),
 * then once measured again: the steady state, what the meter costs each second of a lesson, which
 * the target applies to. Both CPU figures are printed.
 */
type MeterFactory = (options: { url: string; rate: number; clock: TrafficMonitor['clock'] }) => MeterSource;

async function meterRun(
  monitor: TrafficMonitor,
  url: string,
  rate: number,
  meter: MeterFactory = createHostMeter,
): Promise<{ achieved: number; share: number; firstShare: number; block: { wall: number; cpu: number } }> {
  const once = async (): Promise<number> => {
    monitor.log.clear();
    await monitor.start('shop', meter({ url: `${url}/`, rate, clock: monitor.clock }));
    const started = monitor.clock.now();
    // The Traffic panel's work, as often as the app publishes (every 250 ms).
    const panel = setInterval(() => {
      const stats = meterStats(monitor.log.record, monitor.clock.now());
      if (stats) chartRows(stats.perSecond, 60, 6, UNICODE_GLYPHS);
    }, 250);
    await new Promise((resolve) => setTimeout(resolve, RUN_MS));
    clearInterval(panel);
    await monitor.stop();
    return samplesBetween(monitor.log.record.samples, started, started + RUN_MS).length / (RUN_MS / 1000);
  };
  const measured = async (): Promise<{ achieved: number; share: number }> => {
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const achieved = await once();
    const cpu = process.cpuUsage(cpuBefore);
    return { achieved, share: (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore) };
  };
  const first = await measured();
  const block = await longestBlock(async () => void (await once()));
  const steady = await measured();
  return { achieved: Math.min(first.achieved, steady.achieved), share: steady.share, firstShare: first.share, block };
}

async function meterAtRates(): Promise<void> {
  const shop = await startMeteredShop(1, { replicas: 2 });
  try {
    for (const rate of [20, 100, 500]) {
      const { monitor, url } = shop;
      const { achieved, share, block } = await meterRun(monitor, url, rate);
      monitor.log.clear();
      report(`meter at ${rate} req/s: achieved rate`, `${achieved.toFixed(1)} req/s`, `≥ ${(rate * 0.95).toFixed(0)}`, achieved >= rate * 0.95);
      report(`meter at ${rate} req/s: CPU share of one core (app + sandbox)`, `${(share * 100).toFixed(1)} %`, '(info)', true);
      report(`meter at ${rate} req/s: longest event-loop block (wall / cpu)`, `${ms(block.wall)} / ${ms(block.cpu)}`, '≤ 100 ms', block.wall <= 100);
    }
  } finally {
    await shop.stop();
  }
}

/** The agreement test's scenario (one replica, Recreate: outcomes depend only on time). */
async function agreement(): Promise<void> {
  const SPEED = 2;
  const RATE = 10;
  const WINDOW = 35_000;
  const shop = await startMeteredShop(SPEED, { probe: false, replicas: 1, recreate: true });
  const { monitor, cluster, url } = shop;
  const plain: { at: number; failed: boolean }[] = [];
  let sending = true;
  try {
    await monitor.start('shop', createHostMeter({ url: `${url}/`, rate: RATE, clock: monitor.clock, timeoutMs: 10_000 }));
    const inFlight = new Set<Promise<void>>();
    const loop = (async () => {
      let next = monitor.clock.now();
      while (sending) {
        const at = monitor.clock.now();
        const p = get(`${url}/`).then((o) => {
          plain.push({ at, failed: 'error' in o || o.status >= 500 });
          inFlight.delete(p);
        });
        inFlight.add(p);
        next += 1000 / RATE;
        if (next < monitor.clock.now() - 1000) next = monitor.clock.now();
        await monitor.clock.sleep(Math.max(0, next - monitor.clock.now()));
      }
    })();
    await untilLog(monitor, () => monitor.log.record.samples.length > 20, 20_000, 'the meter');
    await cluster.kubectl(['set', 'image', 'deployment/shop', 'shop=kubedojo/shop:2']);
    await untilLog(monitor, () => monitor.log.record.rollouts.at(-1)?.sawStart === true, 20_000, 'the rollout');
    const start = monitor.log.record.rollouts.at(-1)!.startedAt;
    await untilLog(monitor, () => monitor.clock.now() > start + WINDOW, 60_000, 'the window');
    sending = false;
    await loop;
    await Promise.all([...inFlight]);
    await monitor.stop();
    const metered = samplesBetween(monitor.log.record.samples, start, start + WINDOW);
    const independent = plain.filter((p) => p.at >= start && p.at < start + WINDOW);
    const a = metered.filter(isFailure).length / metered.length;
    const b = independent.filter((p) => p.failed).length / independent.length;
    report('failure rate, meter vs independent loop (1-replica rollout)', `${(a * 100).toFixed(1)} % / ${(b * 100).toFixed(1)} %`, '|Δ| ≤ 2 pts', Math.abs(a - b) <= 0.02);
  } finally {
    sending = false;
    await shop.stop();
  }
}

async function timelineLatency(): Promise<void> {
  let drawnAt = 0;
  const shop = await startMeteredShop(10, { replicas: 4, probe: true, zeroDowntimeStrategy: true }, {
    onTimeline: (timeline, final) => {
      if (final || drawnAt > 0) return;
      renderTimelineText(timeline, 100);
      drawnAt = performance.now();
    },
  });
  try {
    const { monitor, cluster, url } = shop;
    await monitor.start('shop', createHostMeter({ url: `${url}/`, rate: 10, clock: monitor.clock }));
    let completedAt = 0;
    const deployments = typeOfKind('apps', 'Deployment');
    const off = cluster.sandbox.store.subscribe(() => {
      const deployment = cluster.sandbox.store.peek(deployments, 'default', 'shop');
      const template = JSON.stringify(deployment?.spec?.template ?? {});
      if (completedAt === 0 && template.includes('shop:2') && deployment !== undefined && rolloutComplete(deployment as never)) completedAt = performance.now();
    });
    await cluster.kubectl(['set', 'image', 'deployment/shop', 'shop=kubedojo/shop:2']);
    await untilLog(monitor, () => monitor.log.record.rollouts.at(-1)?.completedAt !== undefined && drawnAt > 0, 60_000, 'the timeline');
    off();
    const delay = drawnAt - completedAt;
    report('rollout completes → timeline drawn', ms(delay), '≤ 200 ms', completedAt > 0 && delay <= 200);
  } finally {
    await shop.stop();
  }
}

export const meterFigures: [string, () => Promise<void>][] = [
  ['meter alone: rates, CPU, event loop (kubedojo sandbox in another process, speed 1)', meterAlone],
  ['meter alone: the Traffic panel late in a long run', panelLateInARun],
  ['meter: rates, CPU, event loop (sandbox, speed 1)', meterAtRates],
  ['meter: agreement with an independent client', agreement],
  ['meter: rollout → timeline', timelineLatency],
];
