/**
 * Graceful termination under traffic: the shop (which stops accepting at SIGTERM and drains) is
 * scaled from 4 replicas to 1 while `curl` runs in a loop through its NodePort. A deleted Pod leaves
 * the Endpoints at once, but kube-proxy keeps routing to it for its propagation delay (1 s): without
 * a preStop hook the Pod has already closed its port and those requests fail; with a preStop sleep
 * longer than the window it still serves them, and none is lost.
 */
import { describe, expect, it } from 'vitest';
import { startTestCluster, waitForState } from '../../support/kubectl.js';
import { deploymentSettled, livePodsOf, podsOf } from '../../support/objects.js';
import { nextEvent } from '../traffic/http-client.js';
import { answeredBy, apply, nodePortService, shopDeployment, startTraffic, tally, type Tally } from './support.js';

const SPEED = 40;
/** 100 simulated ms between requests: ~10 inside each 1 s propagation window. */
const INTERVAL_MS = 100;
const PROPAGATION_MS = 1000;

async function scaleDownUnderTraffic(preStopSleep?: number): Promise<{ during: Tally; survivor: string }> {
  const cluster = await startTestCluster({ speed: SPEED, proxyPropagationMs: PROPAGATION_MS });
  const { sandbox } = cluster;
  try {
    const announced = nextEvent<{ name: string; url: string }>(sandbox.serviceUrls, 'url', (e) => e.name === 'shop', 20_000);
    await apply(cluster, shopDeployment({ replicas: 4, image: 'kubedojo/shop:1', probe: true, preStopSleep }) + '---\n' + nodePortService());
    const { url } = await announced;
    await waitForState(sandbox, () => deploymentSettled(sandbox, 'shop', 4), 30_000, 'the 4 replicas to be ready');
    const pods = livePodsOf(sandbox, 'shop').map((p) => p.metadata.name as string);
    const traffic = startTraffic(sandbox.clock, `${url}/`, INTERVAL_MS);
    await traffic.until(answeredBy(pods, 0), 15_000, 'every Pod to answer through the Service');

    const from = traffic.sent;
    const scaled = await cluster.kubectl(['scale', 'deployment/shop', '--replicas=1']);
    expect(scaled.exitCode, scaled.stderr).toBe(0);
    expect(scaled.stdout).toBe('deployment.apps/shop scaled');
    // The three removed Pods are gone from the API (preStop, SIGTERM, drain, exit) …
    await waitForState(sandbox, () => podsOf(sandbox, 'shop').length === 1 && deploymentSettled(sandbox, 'shop', 1), 30_000, 'the scale-down to finish');
    const survivor = podsOf(sandbox, 'shop')[0]!.metadata.name as string;
    // … and kube-proxy's view has caught up: the last 20 answers all came from the one survivor.
    const mark = traffic.sent;
    await traffic.until(
      (outcomes) => {
        const answered = outcomes.slice(mark).filter(Boolean);
        const last = tally(answered.slice(-20));
        return last.ok === 20 && last.pods.size === 1 && last.pods.has(survivor);
      },
      15_000,
      '20 answers from the surviving Pod',
    );
    const during = await traffic.stop(from);
    return { during, survivor };
  } finally {
    await cluster.stop();
  }
}

describe('scaling the shop from 4 replicas to 1 under traffic', () => {
  it('without preStop: requests routed inside the propagation window are lost', async () => {
    const { during, survivor } = await scaleDownUnderTraffic();
    expect(during.failed).toBeGreaterThan(0);
    for (const kind of Object.keys(during.errors)) expect(['ECONNREFUSED', 'ECONNRESET']).toContain(kind);
    expect(during.pods.has(survivor)).toBe(true);
  });

  it('with a preStop sleep of 5 s (longer than the 1 s window): none is lost', async () => {
    const { during, survivor } = await scaleDownUnderTraffic(5);
    expect(during.sent).toBeGreaterThanOrEqual(50);
    expect(during.errors).toEqual({});
    expect(during.failed).toBe(0);
    expect(during.ok).toBe(during.sent);
    // The terminating Pods kept answering during their preStop sleep, not only the survivor.
    expect(during.pods.size).toBe(4);
    expect(during.pods.has(survivor)).toBe(true);
  });
});
