/**
 * A sandbox with the seed's shop behind a NodePort, watched by real client-node informers that
 * feed a TrafficMonitor, as the app wires it.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { scaledClock } from '../../../src/engine/meter/meter-clock.js';
import { TrafficMonitor, type TrafficMonitorOptions } from '../../../src/engine/meter/traffic-monitor.js';
import { clientNodeInformers, createWatchedCluster, type WatchedCluster } from '../../../src/engine/session/watched-cluster.js';
import { startTestCluster, waitForState, type TestCluster } from '../../support/kubectl.js';
import { deploymentSettled, livePodsOf } from '../../support/objects.js';
import { nextEvent } from '../../sandbox/traffic/http-client.js';
import { apply, nodePortService, shopDeployment, type ShopOptions } from '../../sandbox/scenarios/support.js';

export interface MeteredShop {
  cluster: TestCluster;
  url: string;
  v1Pods: string[];
  monitor: TrafficMonitor;
  watched: WatchedCluster;
  stop(): Promise<void>;
}

export async function startMeteredShop(speed: number, shop: Partial<ShopOptions>, monitorOptions: Partial<TrafficMonitorOptions> = {}): Promise<MeteredShop> {
  const cluster = await startTestCluster({ speed });
  const { sandbox } = cluster;
  const announced = nextEvent<{ name: string; url: string }>(sandbox.serviceUrls, 'url', (e) => e.name === 'shop', 20_000);
  await apply(cluster, shopDeployment({ replicas: 4, image: 'kubedojo/shop:1', ...shop }) + '---\n' + nodePortService());
  const { url } = await announced;
  const replicas = shop.replicas ?? 4;
  await waitForState(sandbox, () => deploymentSettled(sandbox, 'shop', replicas), 30_000, 'the v1 replicas to be ready');
  const v1Pods = livePodsOf(sandbox, 'shop').map((p) => p.metadata.name as string);

  const monitor = new TrafficMonitor({ clock: scaledClock(speed), ...monitorOptions });
  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromFile(sandbox.kubeconfigPath);
  const watched = createWatchedCluster({ informers: clientNodeInformers(kubeconfig), namespace: 'default', onChange: () => monitor.observe(watched.view) });
  await watched.watch(['Deployment', 'ReplicaSet', 'Pod']);
  return {
    cluster,
    url,
    v1Pods,
    monitor,
    watched,
    async stop() {
      await monitor.stop();
      await watched.stop();
      await cluster.stop();
    },
  };
}

/** Resolves once `predicate` holds, re-checked on every change of the monitor's log. */
export function untilLog(monitor: TrafficMonitor, predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate()) return resolve();
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const off = monitor.log.onChange(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}
