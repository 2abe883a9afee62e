/**
 * The progress mirror against the sandbox over HTTPS (client-node), and through an outage.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { startTestCluster, type TestCluster } from '../support/kubectl.js';
import { configMapSink } from '../../src/workshop/mirror/configmap-sink.js';
import { createProgressMirror, type MirrorSink } from '../../src/workshop/mirror/progress-mirror.js';
import { fromConfigMapData, HAND_CLEARED_KEY } from '../../src/workshop/mirror/learner-record.js';
import { snapshotAt } from './snapshot-fixture.js';

let cluster: TestCluster;
let kubeconfig: KubeConfig;
const NS = 'kubedojo-ana';

beforeAll(async () => {
  cluster = await startTestCluster();
  kubeconfig = new KubeConfig();
  kubeconfig.loadFromFile(cluster.sandbox.kubeconfigPath);
  expect((await cluster.kubectl(['create', 'namespace', NS])).exitCode).toBe(0);
});
afterAll(() => cluster?.stop());

async function stored(name = 'kubedojo-progress'): Promise<Record<string, string>> {
  const out = await cluster.kubectl(['get', 'configmap', name, '-n', NS, '-o', 'json']);
  expect(out.stderr).toBe('');
  return JSON.parse(out.stdout).data;
}

describe('the progress mirror', () => {
  it('creates the ConfigMap with the board labels, then writes each change, debounced', async () => {
    const writes: number[] = [];
    const sink = configMapSink(kubeconfig, NS);
    const counting: MirrorSink = { read: () => sink.read(), write: async (data) => (writes.push(Date.now()), sink.write(data)) };
    const mirror = createProgressMirror({ sink: counting, debounceMs: 50 });
    // A burst of snapshots is one write of the last one.
    mirror.observe(snapshotAt({ step: 0 }));
    mirror.observe(snapshotAt({ step: 0, failing: '0/2 Pods ready' }));
    mirror.observe(snapshotAt({ step: 0, failing: '1/2 Pods ready' }));
    await mirror.flush();
    expect(writes).toHaveLength(1);
    const labels = JSON.parse((await cluster.kubectl(['get', 'configmap', 'kubedojo-progress', '-n', NS, '-o', 'json'])).stdout).metadata.labels;
    expect(labels).toEqual({ 'app.kubernetes.io/managed-by': 'kubedojo', 'kubedojo.dev/progress': 'true' });
    expect((await stored()).failing).toBe('Pods ready: 1/2 Pods ready');
    // Nothing new: no write.
    mirror.observe(snapshotAt({ step: 0, failing: '1/2 Pods ready' }));
    await mirror.flush();
    expect(writes).toHaveLength(1);
    mirror.observe(snapshotAt({ step: 0, done: true }));
    await mirror.close();
    const record = fromConfigMapData(await stored());
    expect(record.ok && record.record.passed.map((p) => p.step)).toEqual(['step-1']);
    expect((await stored()).failing).toBe('');
  });

  it('writes a pass and a raised hand at once, without waiting for the quiet time', async () => {
    const writes: Record<string, string>[] = [];
    const sink = configMapSink(kubeconfig, NS);
    const counting: MirrorSink = { read: () => sink.read(), write: async (data) => (writes.push(data), sink.write(data)) };
    // A quiet time far longer than the test's waits: only the urgent path can write in time.
    const mirror = createProgressMirror({ sink: counting, debounceMs: 60_000 });
    mirror.observe(snapshotAt({ step: 0, failing: '0/2 Pods ready' }));
    mirror.observe(snapshotAt({ step: 0, done: true }));
    await vi.waitFor(() => expect(writes.at(-1)?.stepPassed).toBe('true'), { timeout: 2000 });
    mirror.raiseHand();
    await vi.waitFor(() => expect(writes.at(-1)?.handRaisedAt).not.toBe(''), { timeout: 2000 });
    // A check changing is not urgent: it waits.
    const count = writes.length;
    mirror.observe(snapshotAt({ step: 1, failing: 'no Service yet' }));
    await sink.read();
    await sink.read();
    expect(writes).toHaveLength(count);
    await mirror.close();
    expect(writes.at(-1)?.failing).toBe('Pods ready: no Service yet');
  });

  it('starts a pass\'s write in the same turn of the loop, before any timer already due', async () => {
    const data: Record<string, string>[] = [];
    let timerFired = false;
    const firedAtWrite: boolean[] = [];
    const memory: MirrorSink = { read: async () => undefined, write: async (written) => void (data.push(written), firedAtWrite.push(timerFired)) };
    const mirror = createProgressMirror({ sink: memory, debounceMs: 60_000 });
    mirror.observe(snapshotAt({ step: 0, failing: '0/2 Pods ready' }));
    await mirror.flush();
    // A timer due before the pass: a write behind a timer of its own would run after it.
    setTimeout(() => (timerFired = true), 0);
    mirror.observe(snapshotAt({ step: 0, done: true }));
    // Changed in the same synchronous stretch (the next step opening): goes with the same write.
    mirror.observe(snapshotAt({ step: 1, failing: 'no Service yet' }));
    await vi.waitFor(() => expect(data.some((written) => written.passed !== '[]')).toBe(true), { timeout: 2000 });
    const first = data.findIndex((written) => written.passed !== '[]');
    expect(firedAtWrite[first]).toBe(false);
    expect(data[first]?.stepId).toBe('step-2');
    await mirror.close();
  });

  it('leaves the instructor’s key alone and keeps pass times across a restart of the app', async () => {
    expect((await cluster.kubectl(['patch', 'configmap', 'kubedojo-progress', '-n', NS, '--type=merge', '-p', `{"data":{"${HAND_CLEARED_KEY}":"2026-12-07T10:00:00.000Z"}}`])).exitCode).toBe(0);
    const before = fromConfigMapData(await stored());
    const mirror = createProgressMirror({ sink: configMapSink(kubeconfig, NS), debounceMs: 10, localPassed: [{ lesson: 'first-deployment', step: 'step-1' }, { lesson: 'first-deployment', step: 'step-0' }] });
    mirror.observe(snapshotAt({ step: 1 }));
    mirror.raiseHand();
    await mirror.close();
    const data = await stored();
    expect(data[HAND_CLEARED_KEY]).toBe('2026-12-07T10:00:00.000Z');
    const after = fromConfigMapData(data);
    expect(before.ok && after.ok).toBe(true);
    if (!before.ok || !after.ok) return;
    // The time found on the cluster wins over the local file's timeless entry.
    expect(after.record.passed.find((p) => p.step === 'step-1')).toEqual(before.record.passed[0]);
    expect(after.record.passed.find((p) => p.step === 'step-0')).toEqual({ lesson: 'first-deployment', step: 'step-0' });
    expect(after.record.handRaisedAt).toBeDefined();
  });

  it('loses nothing while the cluster is away and resyncs when it is back', async () => {
    const real = configMapSink(kubeconfig, NS, 'kubedojo-progress-outage');
    let away = true;
    const statuses: string[] = [];
    const flaky: MirrorSink = {
      read: () => real.read(),
      write: (data) => (away ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1')) : real.write(data)),
    };
    const mirror = createProgressMirror({ sink: flaky, debounceMs: 10, onStatus: (s) => statuses.push(s.ok ? 'ok' : s.reason) });
    mirror.observe(snapshotAt({ step: 0 }));
    await mirror.flush();
    mirror.observe(snapshotAt({ step: 0, done: true }));
    mirror.observe(snapshotAt({ step: 1, lastCommand: { argv: ['kubectl', 'get', 'pods'], exitCode: 0 } }));
    await mirror.flush();
    expect(statuses).toEqual(['connect ECONNREFUSED 127.0.0.1']);
    expect((await cluster.kubectl(['get', 'configmap', 'kubedojo-progress-outage', '-n', NS])).exitCode).toBe(1);
    away = false;
    // The retry (1 s back-off) writes everything that happened meanwhile, without a new change.
    const deadline = Date.now() + 5000;
    while (statuses.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(statuses).toEqual(['connect ECONNREFUSED 127.0.0.1', 'ok']);
    const record = fromConfigMapData(await stored('kubedojo-progress-outage'));
    expect(record.ok && { step: record.record.stepId, passed: record.record.passed.length, last: record.record.lastCommand }).toEqual({ step: 'step-2', passed: 1, last: 'kubectl get pods' });
    await mirror.close();
  });
});
