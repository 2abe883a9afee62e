/**
 * Chapter 3's three rollouts of the warm-up shop through the downtime meter, built from the
 * lessons' own start manifests and solution commands on the sandbox: what the learner does in
 * "Downtime you can see" (no probe: requests fail), "Readiness probes" (probe and maxUnavailable 0
 * / maxSurge 1: far fewer fail) and "Graceful shutdown" (plus the preStop sleep: none of at least
 * 200 fails). The lessons' text and traffic checks promise exactly this.
 */
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../../src/engine/checks/evaluate.js';
import { createStaticView } from '../../../src/engine/checks/cluster-view.js';
import { samplesBetween, summarizeSamples, type WindowSummary } from '../../../src/engine/checks/traffic-record.js';
import { loadCourse, type Lesson } from '../../../src/engine/lessons/index.js';
import { parseCommandLine } from '../../../src/engine/commands/parse-command-line.js';
import { createHostMeter } from '../../../src/engine/meter/host-meter.js';
import { scaledClock } from '../../../src/engine/meter/meter-clock.js';
import { TrafficMonitor } from '../../../src/engine/meter/traffic-monitor.js';
import { clientNodeInformers, createWatchedCluster } from '../../../src/engine/session/watched-cluster.js';
import { startTestCluster, waitForState, type TestCluster } from '../../support/kubectl.js';
import { deploymentSettled } from '../../support/objects.js';
import { nextEvent } from '../../sandbox/traffic/http-client.js';
import { check } from '../checks/check-helpers.js';
import { untilLog } from './meter-support.js';

/** As in the seed-meter test: the meter measures latency, so not faster than ×10. */
const SPEED = 10;
/** The meter's default rate, requests per simulated second. */
const RATE = 20;

const { course } = await loadCourse('lessons');
const lesson = (id: string): Lesson => course.lessons.find((item) => item.id === id)!;

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function kubectl(cluster: TestCluster, command: string): Promise<void> {
  const parsed = parseCommandLine(command);
  if (!parsed.ok) throw new Error(parsed.message);
  const result = await cluster.kubectl(parsed.argv.slice(1), { timeout: 120_000 });
  if (result.exitCode !== 0) throw new Error(`${command}: ${result.stderr}`);
}

/**
 * Builds `lessonId`'s start state, runs `setup` (earlier steps' solutions), starts the meter on
 * the shop's NodePort once every Pod answers, then runs the release command and returns what the
 * meter saw during that rollout.
 */
async function meteredRelease(lessonId: string, setup: string[], release: string): Promise<{ summary: WindowSummary; failed: string[] }> {
  const cluster = await startTestCluster({ speed: SPEED });
  stops.push(() => cluster.stop());
  const announced = nextEvent<{ name: string; url: string }>(cluster.sandbox.serviceUrls, 'url', (e) => e.name === 'shop', 20_000);
  for (const manifest of lesson(lessonId).start.manifests) await kubectl(cluster, `kubectl apply -f ${join('.', manifest)}`);
  const { url } = await announced;
  for (const command of [...lesson(lessonId).start.commands, ...setup]) await kubectl(cluster, command);
  await waitForState(cluster.sandbox, () => deploymentSettled(cluster.sandbox, 'shop', 4), 60_000, 'the shop to settle');

  const monitor = new TrafficMonitor({ clock: scaledClock(SPEED) });
  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromFile(cluster.sandbox.kubeconfigPath);
  const watched = createWatchedCluster({ informers: clientNodeInformers(kubeconfig), namespace: 'default', onChange: () => monitor.observe(watched.view) });
  stops.push(async () => {
    await monitor.stop();
    await watched.stop();
  });
  await watched.watch(['Deployment', 'ReplicaSet', 'Pod']);
  await monitor.start('shop', createHostMeter({ url: `${url}/`, rate: RATE, clock: monitor.clock, timeoutMs: 5000 }));
  // Steady state first: the Pods have loaded their catalogue and 40 requests in a row are answered.
  await untilLog(monitor, () => monitor.log.record.samples.slice(-40).filter((s) => s.outcome === 'answered').length === 40, 60_000, 'the shop to answer');

  const rollouts = monitor.log.record.rollouts.length;
  await kubectl(cluster, release);
  await untilLog(monitor, () => monitor.log.record.rollouts.length > rollouts && monitor.log.record.rollouts.at(-1)!.completedAt !== undefined, 120_000, 'the release to complete');
  await monitor.stop();
  const record = monitor.log.record;
  const span = record.rollouts.at(-1)!;
  expect(span.sawStart).toBe(true);
  const failed = (input: object) => evaluateCheck(check(input), createStaticView([]), { remembered: {}, traffic: record });
  const zero = failed({ traffic: { service: 'shop', during: 'deployment/shop', minRequests: 200, maxFailed: 0 } });
  const some = failed({ traffic: { service: 'shop', during: 'deployment/shop', minRequests: 20, minFailed: 1 } });
  return {
    summary: summarizeSamples(samplesBetween(record.samples, span.startedAt, span.completedAt!)),
    failed: [zero.ok ? 'maxFailed 0 passes' : 'maxFailed 0 fails', some.ok ? 'minFailed 1 passes' : 'minFailed 1 fails', zero.message],
  };
}

const solution = (lessonId: string, stepId: string): string[] => lesson(lessonId).steps.find((step) => step.id === stepId)!.solution.filter((c) => !c.startsWith('kubectl rollout status'));

describe('chapter 3 through the downtime meter', () => {
  it('downtime you can see: v2 without a probe loses requests (minFailed passes, maxFailed 0 does not)', async () => {
    const { summary, failed } = await meteredRelease('downtime-you-can-see', [], 'kubectl set image deployment/shop shop=nginx:1.27');
    console.info(`chapter 3, lesson downtime-you-can-see: ${summary.failed} of ${summary.total} failed, longest gap ${summary.longestGapMs} ms`);
    expect(summary.failed).toBeGreaterThan(0);
    expect(failed.slice(0, 2)).toEqual(['maxFailed 0 fails', 'minFailed 1 passes']);
    expect([...summary.versions.keys()].join(' ')).toContain('nginx/1.26');
  }, 240_000);

  it('readiness probes, then graceful shutdown: the probe removes most failures, the preStop sleep the rest', async () => {
    const probed = await meteredRelease('readiness-probes', solution('readiness-probes', 'probe'), 'kubectl set image deployment/shop shop=nginx:1.27');
    for (const stop of stops.splice(0).reverse()) await stop();
    const graceful = await meteredRelease('graceful-shutdown', solution('graceful-shutdown', 'prestop'), 'kubectl set image deployment/shop shop=nginx:1.27');
    console.info(
      `chapter 3: readiness-probes ${probed.summary.failed} of ${probed.summary.total} failed (gap ${probed.summary.longestGapMs} ms); ` +
        `graceful-shutdown ${graceful.summary.failed} of ${graceful.summary.total} failed`,
    );
    // Both versions answered during each release: the old Pods kept serving while the new ones loaded.
    for (const run of [probed, graceful]) expect([...run.summary.versions.keys()].sort()).toEqual(['nginx/1.26.2', 'nginx/1.27.3']);
    // What remains with the probe alone is the shutdown race, a few requests per replaced Pod at most.
    expect(probed.summary.failed).toBeLessThan(probed.summary.total / 20);
    expect(graceful.summary.total).toBeGreaterThanOrEqual(200);
    expect(graceful.summary.failed).toBe(0);
    expect(graceful.failed[0]).toBe('maxFailed 0 passes');
  }, 480_000);
});
