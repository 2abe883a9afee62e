/**
 * `kubedojo meter SERVICE` in a second terminal (the BUILT app in tmux) against a sandbox cluster
 * this test runs: the live chart through the NodePort, the rollout timeline printed when a rollout
 * completes, Ctrl+C with a summary line; `--json` through a meter Pod (a ClusterIP Service), one
 * JSON line per request, and the Pod gone after Ctrl+C. Then the app itself on that cluster: no
 * meter Pod is left after `q`, nor after Ctrl+C.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METER_POD_LABEL } from '../../src/engine/meter/pod-meter.js';
import { REPO } from '../cli/support/cli.js';
import { startTestCluster, waitForState, type TestCluster } from '../support/kubectl.js';
import { deploymentSettled, objectsOf } from '../support/objects.js';
import { apply, nodePortService, shopDeployment } from '../sandbox/scenarios/support.js';
import { closeCard, NODE, useBuiltApp } from './support/built-app.js';
import type { Pane } from './support/tmux.js';

const COURSE = resolve(REPO, 'test/engine/rehearse/fixtures/traffic-course/lessons');
/** The sandbox's pace: the probed two-replica rollout (~25 simulated s) takes a few wall seconds. */
const SPEED = 10;

let cluster: TestCluster;
const app = useBuiltApp();

beforeAll(async () => {
  cluster = await startTestCluster({ speed: SPEED });
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

async function shell(): Promise<Pane> {
  const pane = await app.pane({ columns: 160, rows: 45 });
  await pane.waitFor('e2e$');
  await pane.send(`export KUBECONFIG=${cluster.sandbox.kubeconfigPath}; clear`, 'Enter');
  await pane.waitFor((s) => s.trim() === 'e2e$');
  return pane;
}

/** Live (not terminating) meter Pods in `namespace`. */
const meterPods = (namespace: string) =>
  objectsOf(cluster.sandbox, 'Pod', namespace).filter((pod) => pod.metadata?.labels?.[METER_POD_LABEL] !== undefined && pod.metadata?.deletionTimestamp == null);

const noMeterPod = (namespace: string) => () => objectsOf(cluster.sandbox, 'Pod', namespace).every((pod) => pod.metadata?.labels?.[METER_POD_LABEL] === undefined);

/** For what no store change announces (a file growing): re-check every 100 ms until the deadline. */
async function poll(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(100);
  }
}

async function setImage(namespace: string, image: string): Promise<void> {
  const set = await cluster.kubectl(['-n', namespace, 'set', 'image', 'deployment/shop', `shop=${image}`]);
  expect(set.exitCode, set.stderr).toBe(0);
}

describe('kubedojo meter in a second terminal', () => {
  it('charts the NodePort path live, prints the rollout timeline when it completes, and Ctrl+C ends with a summary', async () => {
    await apply(cluster, shopDeployment({ replicas: 2, image: 'kubedojo/shop:1', probe: true, zeroDowntimeStrategy: true, preStopSleep: 5 }) + '---\n' + nodePortService());
    await waitForState(cluster.sandbox, () => deploymentSettled(cluster.sandbox, 'shop', 2), 60_000, 'the shop to be ready');
    const pane = await shell();

    await pane.send(`${NODE} ${pane.bin} meter shop -n default --rate 20 --marker 'shop (v\\d+)'; echo "EXIT:$?"`, 'Enter');
    const started = await pane.waitFor(/Metering service shop in default on kubedojo-sandbox: requests from this machine to http:\/\/127\.0\.0\.1:\d+\/, 20 req\/s\. Ctrl\+C to stop\./, 30_000);
    expect(started).not.toContain('meter Pod');
    // The live chart: answered requests, the legend with the rate, and the running totals.
    const charting = await pane.waitFor(/shop: \d{2,} requests, 0 failed \(0\.0%\), p50 \d+ ms, p99 \d+ ms/, 30_000);
    expect(charting).toMatch(/^\|.*█/m);
    expect(charting).toMatch(/█ answered ▒ failed, last \d+ s · \d+ req\/s · v1 100%/);

    await setImage('default', 'kubedojo/shop:2');
    // The timeline printed once the rollout completed, above the chart that goes on drawing below it.
    const drawn = await pane.waitFor((s) => s.includes('rollout of shop completed: its timeline is in') && /· v2 \d+%/.test(s), 60_000);
    expect(drawn).toMatch(/rollout of shop: [\d.]+ s, 0 of \d+ requests failed/);
    expect(drawn).toMatch(/^old \(rev 1\) ready +2+1+·+$/m);
    expect(drawn).toMatch(/^new \(rev 2\) ready +·*1+2+$/m);
    expect(drawn).toMatch(/^failed requests +·+$/m);
    expect(drawn).toContain(join(pane.dir, 'home', '.local', 'state', 'kubedojo', 'last-rollout.json'));
    // The chart goes on below the timeline (not over it), with the new version answering.
    expect(drawn.indexOf('rollout of shop completed')).toBeLessThan(drawn.search(/· v2 \d+%/));

    await pane.send('C-c');
    const ended = await pane.waitFor('EXIT:0', 30_000);
    const summary = ended.split('\n').filter((line) => /shop: \d+ requests, 0 failed \(0\.0%\), p50/.test(line));
    expect(summary.length).toBeGreaterThanOrEqual(1);

    // The kept timeline, as text.
    await pane.send('clear', 'Enter');
    await pane.send(`${NODE} ${pane.bin} timeline; echo "TL:$?"`, 'Enter');
    const text = await pane.waitFor('TL:0', 20_000);
    expect(text).toMatch(/rollout of shop: [\d.]+ s, 0 of \d+ requests failed/);
  }, 240_000);

  it('--json through a meter Pod (ClusterIP): one JSON line per request, and Ctrl+C removes the Pod', async () => {
    const namespace = 'json';
    expect((await cluster.kubectl(['create', 'namespace', namespace])).exitCode).toBe(0);
    const service = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: shop', 'spec:', '  selector:', '    app: shop', '  ports:', '  - port: 80', '    targetPort: 80', ''].join('\n');
    const applied = await cluster.kubectl(['-n', namespace, 'apply', '-f', '-'], { input: shopDeployment({ replicas: 1, image: 'kubedojo/shop:1' }) + '---\n' + service });
    expect(applied.exitCode, applied.stderr).toBe(0);
    await waitForState(cluster.sandbox, () => deploymentSettled(cluster.sandbox, 'shop', 1, namespace), 60_000, 'the shop to be ready');
    const pane = await shell();
    const out = join(pane.dir, 'requests.jsonl');

    await pane.send(`${NODE} ${pane.bin} meter shop -n ${namespace} --rate 10 --json > ${out}; echo "EXIT:$?"`, 'Enter');
    await pane.waitFor(/Metering service shop in json on kubedojo-sandbox: meter Pod kubedojo-meter-[0-9a-f]{6} in json → http:\/\/shop:80\/, 10 req\/s\. Ctrl\+C to stop\./, 60_000);
    expect(meterPods(namespace)).toHaveLength(1);
    // Twenty answered requests in the file: then stop.
    await poll(() => readFileSync(out, 'utf8').split('\n').filter(Boolean).length >= 20, 60_000, 'twenty JSON lines');
    await pane.send('C-c');
    const ended = await pane.waitFor('EXIT:0', 30_000);
    // (the terminal echoes the ^C before it)
    expect(ended).toMatch(/shop: \d+ requests, 0 failed \(0\.0%\)/);
    await waitForState(cluster.sandbox, noMeterPod(namespace), 20_000, 'the meter Pod to be gone');

    const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
    const requests = lines.map((line) => JSON.parse(line) as { time: string; at: number; latencyMs: number; outcome: string; version?: string; status?: number });
    for (const request of requests) {
      expect(new Date(request.time).toISOString()).toBe(request.time);
      expect(request.outcome).toBe('answered');
      expect(request.latencyMs).toBeGreaterThanOrEqual(0);
    }
    // The shop sends no Server header and no --marker was given: no version, and the chart said so.
    expect(requests.filter((r) => r.version !== undefined)).toEqual([]);
    // One line per request, in the order they were sent.
    const times = requests.map((r) => r.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  }, 240_000);

  it('the app on the same cluster leaves no meter Pod after q, nor after Ctrl+C', async () => {
    // The lesson's start state, as the learner's cluster would hold it (the app builds it only on its own sandbox).
    expect((await cluster.kubectl(['create', 'namespace', 'kubedojo'])).exitCode).toBe(0);
    const applied = await cluster.kubectl(['-n', 'kubedojo', 'apply', '-f', join(COURSE, '..', 'assets', 'shop.yaml')]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    await waitForState(cluster.sandbox, () => deploymentSettled(cluster.sandbox, 'shop', 2, 'kubedojo'), 60_000, 'the shop to be ready');
    for (const [round, stop] of [['q', 'q'], ['ctrl-c', 'C-c']] as const) {
      const pane = await shell();
      await pane.send(`${NODE} ${pane.bin} --context kubedojo-sandbox --lessons ${COURSE}; echo "EXIT:$?"`, 'Enter');
      await pane.waitFor((s) => s.includes('● connected') && s.includes('Roll out under traffic'), 60_000);
      await closeCard(pane);
      // The lesson's Service is a ClusterIP one and this is not the app's own sandbox: a meter Pod.
      await pane.waitFor(/─ Traffic · shop · \d+ req\/s · meter Pod kubedojo-meter-/, 90_000);
      expect(meterPods('kubedojo'), round).toHaveLength(1);
      await pane.send(stop);
      await pane.waitFor(/EXIT:\d+/, 30_000);
      await waitForState(cluster.sandbox, noMeterPod('kubedojo'), 20_000, `no meter Pod after ${round}`);
      await pane.kill();
    }
  }, 300_000);
});
