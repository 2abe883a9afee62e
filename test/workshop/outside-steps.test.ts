/**
 * The course steps workshop credentials cannot pass, found from their commands, and the one
 * notice a learner gets on entering one (docs/decisions.md, "Workshop: steps outside the
 * learner's namespace").
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/engine/lessons/load-course.js';
import { outsideStepTeller } from '../../src/workshop/learner/outside-steps.js';
import { stepsOutsideNamespace } from '../../src/workshop/plan/course-rules.js';
import { snapshotAt } from './snapshot-fixture.js';

describe('stepsOutsideNamespace', () => {
  it('finds lesson 1’s read across namespaces and lesson 9’s namespace steps, and nothing else', async () => {
    const { course } = await loadCourse('lessons');
    expect(stepsOutsideNamespace(course)).toEqual([
      { lessonId: 'your-cluster', stepId: 'all-pods', what: 'list pods in every namespace' },
      { lessonId: 'namespaces', stepId: 'create', what: 'create namespaces' },
      { lessonId: 'namespaces', stepId: 'deploy-there', what: 'create deployments in the namespace kubedojo-staging' },
      { lessonId: 'namespaces', stepId: 'across', what: 'list deployments in every namespace' },
      { lessonId: 'namespaces', stepId: 'delete', what: 'delete namespaces' },
    ]);
  });
});

describe('outsideStepTeller', () => {
  const teller = () => outsideStepTeller([{ lessonId: 'first-deployment', stepId: 'step-2', what: 'create namespaces' }], 'kubedojo-ana');

  it('says why and what to do once on entering such a step', () => {
    const tell = teller();
    expect(tell.observe(snapshotAt({ step: 0 }))).toBeUndefined();
    expect(tell.observe(snapshotAt({ step: 1 }))).toBe(
      'Workshop: this step needs to create namespaces, outside your namespace kubedojo-ana; your workshop credentials cannot, so kubectl will answer Forbidden. Watch your instructor show it, then press n to skip it.',
    );
    // Further snapshots of the same step (a command ran, a notice came) say nothing more.
    expect(tell.observe(snapshotAt({ step: 1, lastCommand: { argv: ['kubectl', 'create', 'namespace', 'x'], exitCode: 1 } }))).toBeUndefined();
    // Back to it later: said again.
    expect(tell.observe(snapshotAt({ step: 2 }))).toBeUndefined();
    expect(tell.observe(snapshotAt({ step: 1 }))).toContain('press n to skip it');
  });

  it('says nothing on a step already done, nor on the same step id in another lesson', () => {
    const tell = teller();
    expect(tell.observe(snapshotAt({ step: 1, done: true }))).toBeUndefined();
    expect(tell.observe(snapshotAt({ lesson: 1, step: 1 }))).toBeUndefined();
  });
});
