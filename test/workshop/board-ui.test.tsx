/**
 * The board's real component on a real watch: a workshop of three on the sandbox, each learner's
 * progress mirror writing with the learner's own token, the board (the instructor's kubeconfig)
 * showing it. A pass reaches the board within 1 s; a raised hand appears and `c` clears it.
 */
import '../ui/support/env.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { renderUi, type RenderedUi } from '../ui/support/render.js';
import { startTestCluster, type TestCluster } from '../support/kubectl.js';
import { loadCourse } from '../../src/engine/lessons/load-course.js';
import { createWorkshop } from '../../src/workshop/workshop-commands.js';
import { BoardApp } from '../../src/workshop/board/board-app.js';
import { clusterBoardSource } from '../../src/workshop/board/board-source.js';
import { initialBoardState } from '../../src/workshop/board/board-state.js';
import { configMapSink } from '../../src/workshop/mirror/configmap-sink.js';
import { createProgressMirror, type ProgressMirror } from '../../src/workshop/mirror/progress-mirror.js';
import { snapshotAt } from './snapshot-fixture.js';

let cluster: TestCluster;
let ui: RenderedUi;
const mirrors = new Map<string, ProgressMirror>();
const out = mkdtempSync(join(tmpdir(), 'kubedojo-board-test-'));

beforeAll(async () => {
  cluster = await startTestCluster({ speed: 1 });
  const admin = new KubeConfig();
  admin.loadFromFile(cluster.sandbox.kubeconfigPath);
  const { course } = await loadCourse('lessons');
  await createWorkshop({ kubeconfig: admin, course, workshop: 'default', learners: ['ana', 'ben', 'cleo'], expirationSeconds: 3600, outDir: out });
  for (const learner of ['ana', 'ben', 'cleo']) {
    const kubeconfig = new KubeConfig();
    kubeconfig.loadFromFile(join(out, `${learner}.yaml`));
    mirrors.set(learner, createProgressMirror({ sink: configMapSink(kubeconfig, `kubedojo-${learner}`) }));
  }
  ui = await renderUi(<BoardApp source={clusterBoardSource(admin)} initial={initialBoardState(Date.now())} />);
});
afterAll(async () => {
  ui?.unmount();
  for (const mirror of mirrors.values()) await mirror.close();
  await cluster?.stop();
});

describe('kubedojo board', () => {
  it('lists every learner of the workshop before they start', async () => {
    const frame = await ui.waitFor((f) => f.includes('ana') && f.includes('ben') && f.includes('cleo'), { timeout: 10_000 });
    expect(frame).toContain('3 learners');
    expect(frame).toContain('nobody started yet');
  });

  it('shows each learner’s pass within 1 s', async () => {
    for (const learner of ['ana', 'ben', 'cleo']) mirrors.get(learner)!.observe(snapshotAt({ lesson: 0, step: 0, failing: '0/2 Pods ready' }));
    await ui.waitFor((f) => (f.match(/1 Your first Deployment/g) ?? []).length === 3, { timeout: 5000 });
    const latencies: number[] = [];
    for (const learner of ['ana', 'ben', 'cleo']) {
      const started = Date.now();
      mirrors.get(learner)!.observe(snapshotAt({ lesson: 0, step: 0, done: true, stepsDone: [1, 0] }));
      await ui.waitFor((f) => new RegExp(`${learner}\\s.*\\s1/5 .*step passed`).test(f), { timeout: 1000 });
      latencies.push(Date.now() - started);
    }
    console.info(`step pass → board row (ms): ${latencies.join(', ')}`);
    expect(latencies.every((ms) => ms < 1000)).toBe(true);
    expect(ui.frame()).toContain('Room: L1 3');
  });

  it('shows a failing check and the last command under the learner', async () => {
    mirrors.get('ben')!.observe(snapshotAt({ lesson: 0, step: 1, stepsDone: [1, 0], failing: 'no Service yet', lastCommand: { argv: ['kubectl', 'get', 'svc'], exitCode: 0 } }));
    await ui.waitFor((f) => f.includes('Pods ready: no Service yet') && f.includes('$ kubectl get svc'), { timeout: 2000 });
  });

  it('shows a raised hand until the instructor clears it with c', async () => {
    mirrors.get('cleo')!.raiseHand();
    await ui.waitFor((f) => f.includes('hands 1'), { timeout: 2000 });
    ui.press('s', 's'); // sort: progress, then stuck: raised hands first
    await ui.waitFor((f) => /sort: stuck/.test(f) && /❯✋ cleo/.test(f), { timeout: 2000 });
    ui.press('c');
    await ui.waitFor((f) => f.includes("Cleared cleo's hand.") && !f.includes('hands 1'), { timeout: 2000 });
    const map = JSON.parse((await cluster.kubectl(['get', 'configmap', 'kubedojo-progress', '-n', 'kubedojo-cleo', '-o', 'json'])).stdout);
    expect(map.data.handClearedAt).toMatch(/^\d{4}-/);
  });

  it('filters to raised hands', async () => {
    mirrors.get('ana')!.raiseHand();
    await ui.waitFor((f) => f.includes('hands 1'), { timeout: 2000 });
    ui.press('f', 'f');
    const frame = await ui.waitFor((f) => f.includes('filter: hands'), { timeout: 2000 });
    expect(frame).toMatch(/✋ ana/);
    expect(frame).not.toMatch(/ cleo /);
  });
});
