/**
 * The meter's in-cluster path on the sandbox: a BusyBox meter Pod runs the wget loop against the
 * Service's DNS name (the sandbox's emulated BusyBox runs it as the real one would), its log is
 * followed through the API, and during one rollout it gives the same verdict as the host path
 * (the NodePort) beside it. The Pod is kubedojo's own: no check or panel sees it, and it is gone
 * once the meter stops; one left behind by a crash goes at the next start.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { isFailure, samplesBetween } from '../../../src/engine/checks/traffic-record.js';
import { createHostMeter } from '../../../src/engine/meter/host-meter.js';
import { createPodMeter, METER_POD_LABEL, meterPod } from '../../../src/engine/meter/pod-meter.js';
import { TrafficMonitor } from '../../../src/engine/meter/traffic-monitor.js';
import { objectsOf } from '../../support/objects.js';
import { waitForState } from '../../support/kubectl.js';
import { startMeteredShop, untilLog } from './meter-support.js';

const SPEED = 2;
const RATE = 10;
const WINDOW_MS = 35_000;

const meterPods = (sandbox: Parameters<typeof objectsOf>[0]) =>
  objectsOf(sandbox, 'Pod').filter((pod) => pod.metadata?.labels?.[METER_POD_LABEL] !== undefined && pod.metadata?.deletionTimestamp === undefined);

describe('the meter Pod path', () => {
  it('gives the same verdict as the NodePort path on one rollout, stays out of the views, and is removed on stop', async () => {
    const shop = await startMeteredShop(SPEED, { probe: false, replicas: 1, recreate: true });
    const { monitor, cluster, url } = shop;
    const kubeconfig = new KubeConfig();
    kubeconfig.loadFromFile(cluster.sandbox.kubeconfigPath);
    // The host meter's clock itself: two scaled clocks made seconds apart disagree by those seconds
    // × (SPEED − 1), and the two windows compared below would be different stretches of the rollout.
    const podMonitor = new TrafficMonitor({ clock: monitor.clock });
    try {
      // A meter Pod "left behind by a crash": the next start removes it.
      const stale = await cluster.kubectl(['apply', '-f', '-'], { input: JSON.stringify(meterPod('kubedojo-meter-stale', { service: 'shop', port: 80, path: '/', rate: 1 } as never)) });
      expect(stale.exitCode, stale.stderr).toBe(0);

      await monitor.start('shop', createHostMeter({ url: `${url}/`, rate: RATE, clock: monitor.clock, timeoutMs: 10_000 }));
      const pod = createPodMeter({ kubeconfig, namespace: 'default', service: 'shop', port: 80, path: '/', rate: RATE, clock: podMonitor.clock });
      await podMonitor.start('shop', pod);
      expect(pod.describe).toMatch(/^meter Pod kubedojo-meter-[0-9a-f]{6} in default → http:\/\/shop:80\/$/);
      await untilLog(podMonitor, () => podMonitor.log.record.samples.length > 10, 30_000, 'the meter Pod to report');
      expect(meterPods(cluster.sandbox).map((p) => p.metadata?.name)).toEqual([expect.stringMatching(/^kubedojo-meter-[0-9a-f]{6}$/)]);
      // Checks and the Pods panel read the watched view: the meter Pod is not in it.
      expect(shop.watched.view.list('Pod').map((p) => p.metadata?.name)).toEqual([expect.stringMatching(/^shop-/)]);

      const set = await cluster.kubectl(['set', 'image', 'deployment/shop', 'shop=kubedojo/shop:2']);
      expect(set.exitCode, set.stderr).toBe(0);
      await untilLog(monitor, () => monitor.log.record.rollouts.at(-1)?.sawStart === true, 20_000, 'the rollout to start');
      const start = monitor.log.record.rollouts.at(-1)!.startedAt;
      await untilLog(podMonitor, () => (podMonitor.log.record.samples.at(-1)?.at ?? 0) > start + WINDOW_MS, 90_000, 'the window to pass');
      await podMonitor.stop();
      await monitor.stop();

      const host = samplesBetween(monitor.log.record.samples, start, start + WINDOW_MS);
      const inPod = samplesBetween(podMonitor.log.record.samples, start, start + WINDOW_MS);
      const rate = (samples: typeof host) => samples.filter(isFailure).length / samples.length;
      console.log(`host ${host.filter(isFailure).length}/${host.length}, pod ${inPod.filter(isFailure).length}/${inPod.length}`);
      expect(inPod.length).toBeGreaterThan(100);
      expect(rate(inPod)).toBeGreaterThan(0.2);
      expect(Math.abs(rate(inPod) - rate(host))).toBeLessThanOrEqual(0.05);
      expect(new Set(inPod.filter(isFailure).map((s) => s.outcome))).not.toContain('error');

      await waitForState(cluster.sandbox, () => meterPods(cluster.sandbox).length === 0, 20_000, 'the meter Pod to be removed');
    } finally {
      await podMonitor.stop();
      await shop.stop();
    }
  });
});
