/**
 * The memory trimmer's pause must never land on a waiting client: not on an API request, and not on
 * traffic through a NodePort either (the downtime meter's steady stream would show the pause as
 * latency). Both count as client activity, through the real sandbox and a real HTTP client.
 */
import { describe, expect, it } from 'vitest';
import { lastClientActivity } from '../../../src/sandbox/memory-trim.js';
import { startTestCluster, waitForState } from '../../support/kubectl.js';
import { deploymentSettled } from '../../support/objects.js';
import { get, nextEvent } from '../traffic/http-client.js';
import { apply, nodePortService, shopDeployment } from '../scenarios/support.js';

describe('the memory trimmer sees client activity', () => {
  it('counts an API request and a NodePort connection, and nothing counts while no client is active', async () => {
    const cluster = await startTestCluster({ speed: 20 });
    const { sandbox } = cluster;
    try {
      const announced = nextEvent<{ name: string; url: string }>(sandbox.serviceUrls, 'url', (e) => e.name === 'shop', 20_000);
      await apply(cluster, shopDeployment({ replicas: 1, image: 'kubedojo/shop:1', probe: false, zeroDowntimeStrategy: false }) + '---\n' + nodePortService());
      const { url } = await announced;
      await waitForState(sandbox, () => deploymentSettled(sandbox, 'shop', 1), 30_000, 'the shop to be ready');

      const beforeApi = performance.now();
      const listed = await cluster.kubectl(['get', 'pods']);
      expect(listed.exitCode, listed.stderr).toBe(0);
      expect(lastClientActivity()).toBeGreaterThanOrEqual(beforeApi);

      // A quiet moment: no client, so the mark stays where the last one left it.
      const afterApi = lastClientActivity();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(lastClientActivity()).toBe(afterApi);

      const beforeNodePort = performance.now();
      let answer = await get(`${url}/`);
      for (let tries = 0; 'error' in answer && tries < 50; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        answer = await get(`${url}/`);
      }
      expect(answer).toMatchObject({ status: 200 });
      expect(lastClientActivity()).toBeGreaterThanOrEqual(beforeNodePort);
    } finally {
      await cluster.stop();
    }
  });
});
