/**
 * The seed's lesson (readiness-probe-zero-downtime): 4 replicas of the shop v1 behind a NodePort
 * Service, `curl` in a loop through the Service URL, then a roll to v2, which needs 20 s before it
 * listens. Without a probe, with the default strategy, kube-proxy sends requests to v2 Pods that are
 * "ready" but refuse connections; with the article's readinessProbe and `maxUnavailable: 0,
 * maxSurge: 1` (plus a preStop sleep covering kube-proxy's propagation delay), not one request
 * fails and both versions answer during the rollout. All through the real kubectl.
 */
import { describe, expect, it } from 'vitest';
import { startTestCluster, waitForState } from '../../support/kubectl.js';
import { deploymentSettled, livePodsOf } from '../../support/objects.js';
import { nextEvent } from '../traffic/http-client.js';
import { answeredBy, apply, nodePortService, shopDeployment, startTraffic, type Tally } from './support.js';

/** ×40: the probed rollout (~100 simulated seconds) takes ~2.5 s of wall time. */
const SPEED = 40;
/** One request every 250 simulated ms (6.25 ms wall): ~400 requests across the probed rollout. */
const INTERVAL_MS = 250;

interface Run {
  during: Tally;
  rolloutStatus: string;
  wallSeconds: number;
}

export async function seedScenario(options: { probe: boolean; preStopSleep?: number }): Promise<Run> {
  const cluster = await startTestCluster({ speed: SPEED });
  const { sandbox } = cluster;
  try {
    const announced = nextEvent<{ name: string; url: string }>(sandbox.serviceUrls, 'url', (e) => e.name === 'shop', 20_000);
    await apply(cluster, shopDeployment({ replicas: 4, image: 'kubedojo/shop:1', probe: options.probe, zeroDowntimeStrategy: options.probe, preStopSleep: options.preStopSleep }) + '---\n' + nodePortService());
    const { url } = await announced;
    expect(sandbox.urlOf('default', 'shop')).toBe(url);
    await waitForState(sandbox, () => deploymentSettled(sandbox, 'shop', 4), 30_000, 'the 4 v1 replicas to be ready');
    const v1Pods = livePodsOf(sandbox, 'shop').map((p) => p.metadata.name as string);
    expect(v1Pods).toHaveLength(4);

    const traffic = startTraffic(sandbox.clock, `${url}/`, INTERVAL_MS);
    // Steady state first: kube-proxy routes to every v1 Pod (after its propagation delay).
    await traffic.until(answeredBy(v1Pods, 0), 15_000, 'every v1 Pod to answer through the Service');
    const from = traffic.sent;
    const started = performance.now();
    const set = await cluster.kubectl(['set', 'image', 'deployment/shop', 'shop=kubedojo/shop:2']);
    expect(set.exitCode, set.stderr).toBe(0);
    expect(set.stdout).toBe('deployment.apps/shop image updated');
    const status = await cluster.kubectl(['rollout', 'status', 'deployment/shop', '--timeout=60s'], { timeout: 65_000 });
    expect(status.exitCode, status.stderr).toBe(0);
    const wallSeconds = (performance.now() - started) / 1000;
    const during = await traffic.stop(from);
    return { during, rolloutStatus: status.stdout, wallSeconds };
  } finally {
    await cluster.stop();
  }
}

describe('the seed: rolling the shop from v1 to v2 (which listens after 20 s) under traffic', () => {
  it('without a readinessProbe, with the default strategy: requests fail (connection refused or reset)', async () => {
    const { during, rolloutStatus } = await seedScenario({ probe: false });
    expect(rolloutStatus).toContain('deployment "shop" successfully rolled out');
    expect(during.failed).toBeGreaterThan(0);
    // Only connection-level failures: a v2 Pod in the endpoints whose server does not listen yet.
    for (const kind of Object.keys(during.errors)) expect(['ECONNREFUSED', 'ECONNRESET']).toContain(kind);
    expect(during.ok + during.failed).toBe(during.sent);
  });

  // The article's probe and strategy alone still lose the odd request: a replaced v1 Pod gets SIGTERM
  // (the shop then stops accepting) while kube-proxy still routes to it for its propagation delay
  // (1 s) — as on a real cluster. A preStop sleep longer than that window closes the gap.
  it('with the readinessProbe, maxUnavailable 0 / maxSurge 1 and a preStop sleep: zero of at least 300 requests fail, v1 and v2 both answer', async () => {
    const { during, rolloutStatus, wallSeconds } = await seedScenario({ probe: true, preStopSleep: 5 });
    expect(rolloutStatus).toContain('Waiting for deployment "shop" rollout to finish');
    expect(rolloutStatus).toContain('deployment "shop" successfully rolled out');
    expect(during.sent).toBeGreaterThanOrEqual(300);
    expect(during.errors).toEqual({});
    expect(during.failed).toBe(0);
    expect(during.ok).toBe(during.sent);
    expect([...during.versions].sort()).toEqual(['v1', 'v2']);
    expect(wallSeconds).toBeLessThan(15);
  });
});
