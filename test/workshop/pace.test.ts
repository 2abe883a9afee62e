/**
 * Pacing: pure locks on the outline and on moves; on the sandbox, the instructor's `workshop
 * pace` reaches a learner's watch (through the learner's own token) at once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { startTestCluster, type TestCluster } from '../support/kubectl.js';
import { loadCourse } from '../../src/engine/lessons/load-course.js';
import { createWorkshop } from '../../src/workshop/workshop-commands.js';
import { setPace, watchPace } from '../../src/workshop/pace/pace-cluster.js';
import { lockedLessons, pacedData, paceAllows, PACED_REASON, type Pace } from '../../src/workshop/pace/pace.js';
import type { TutorialData } from '../../src/ui/model.js';

const IDS = ['one', 'two', 'three', 'four'];

describe('pacing, pure', () => {
  it('locks the lessons after the last open one; an unknown or empty pace locks nothing', () => {
    expect([...lockedLessons(IDS, { upTo: 'two' })]).toEqual(['three', 'four']);
    expect(lockedLessons(IDS, { upTo: '' }).size).toBe(0);
    expect(lockedLessons(IDS, { upTo: 'nine' }).size).toBe(0);
    expect(paceAllows(IDS, { upTo: 'two' }, 'two', 'three')).toBe(false);
    // A learner already ahead may stay where they are.
    expect(paceAllows(IDS, { upTo: 'two' }, 'four', 'four')).toBe(true);
  });

  it('shows paced lessons locked with the reason, except the current one and done ones', () => {
    const lesson = (id: string, status: 'open' | 'done') => ({ id, title: id, status, stepsDone: 0, stepsTotal: 2, summary: '' });
    const data = { outline: { lessons: [lesson('one', 'done'), lesson('two', 'open'), lesson('three', 'done'), lesson('four', 'open')], currentLessonId: 'two' } } as unknown as TutorialData;
    const paced = pacedData(data, { upTo: 'one' });
    expect(paced.outline.lessons.map((l) => [l.id, l.status, l.lockedReason])).toEqual([
      ['one', 'done', undefined],
      ['two', 'open', undefined],
      ['three', 'done', undefined],
      ['four', 'locked', PACED_REASON],
    ]);
  });
});

describe('pacing on the cluster', () => {
  let cluster: TestCluster;
  let admin: KubeConfig;
  const out = mkdtempSync(join(tmpdir(), 'kubedojo-pace-test-'));
  beforeAll(async () => {
    cluster = await startTestCluster({ speed: 1 });
    admin = new KubeConfig();
    admin.loadFromFile(cluster.sandbox.kubeconfigPath);
    const { course } = await loadCourse('lessons');
    await createWorkshop({ kubeconfig: admin, course, workshop: 'default', learners: ['ana', 'ben'], expirationSeconds: 3600, outDir: out });
  });
  afterAll(() => cluster?.stop());

  it('reaches a running learner’s watch, and opening everything again too', async () => {
    const learner = new KubeConfig();
    learner.loadFromFile(join(out, 'ana.yaml'));
    const seen: Pace[] = [];
    const watch = watchPace(learner, 'kubedojo-ana', (pace) => seen.push(pace));
    const until = async (predicate: () => boolean) => {
      const deadline = Date.now() + 5000;
      while (!predicate() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(predicate()).toBe(true);
    };
    try {
      await until(() => seen.length > 0);
      expect(seen[0]).toEqual({ upTo: '' });
      expect(await setPace(admin, 'default', 'first-deployment')).toBe(2);
      await until(() => seen.at(-1)?.upTo === 'first-deployment');
      await setPace(admin, 'default', '');
      await until(() => seen.at(-1)?.upTo === '');
    } finally {
      watch.stop();
    }
    // The learner reads the pace, and may not change it.
    const refused = await cluster.kubectl(['patch', 'configmap', 'kubedojo-pace', '-n', 'kubedojo-ana', '--type=merge', '-p', '{"data":{"upTo":""}}'], { env: { KUBECONFIG: join(out, 'ana.yaml') } });
    expect(refused.stderr).toContain('(Forbidden)');
  });
});
