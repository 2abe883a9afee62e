import { describe, expect, it } from 'vitest';
import {
  completeStep,
  isStepDone,
  rememberValue,
  resetLesson,
  revealHint,
  setCurrent,
} from '../../../src/engine/progress/progress-reducers.js';
import { emptyProgress } from '../../../src/engine/progress/progress-schema.js';

describe('progress reducers', () => {
  it('completeStep records steps once, in order, without touching the input', () => {
    const start = emptyProgress();
    const one = completeStep(start, 'rollouts', 'create');
    const two = completeStep(completeStep(one, 'rollouts', 'scale'), 'rollouts', 'create');
    expect(start.lessons).toEqual({});
    expect(two.lessons.rollouts?.doneSteps).toEqual(['create', 'scale']);
    expect(isStepDone(two, 'rollouts', 'scale')).toBe(true);
    expect(isStepDone(two, 'rollouts', 'rollback')).toBe(false);
    expect(completeStep(two, 'rollouts', 'scale')).toBe(two);
  });

  it('revealHint counts per step and stops at the number of hints', () => {
    let progress = emptyProgress();
    progress = revealHint(progress, 'probes', 'readiness', 2);
    progress = revealHint(progress, 'probes', 'readiness', 2);
    const capped = revealHint(progress, 'probes', 'readiness', 2);
    expect(capped).toBe(progress);
    expect(progress.lessons.probes?.hintsRevealed).toEqual({ readiness: 2 });
    expect(revealHint(progress, 'probes', 'liveness').lessons.probes?.hintsRevealed).toEqual({ readiness: 2, liveness: 1 });
  });

  it('rememberValue keeps values per lesson', () => {
    const progress = rememberValue(emptyProgress(), 'rollouts', 'oldPod', 'web-1');
    expect(rememberValue(progress, 'rollouts', 'oldPod', 'web-2').lessons.rollouts?.remembered).toEqual({ oldPod: 'web-2' });
  });

  it('resetLesson forgets one lesson and rewinds the learner if they are in it', () => {
    let progress = completeStep(emptyProgress(), 'basics', 'start');
    progress = revealHint(completeStep(progress, 'rollouts', 'create'), 'rollouts', 'create');
    progress = setCurrent(progress, { lessonId: 'rollouts', stepId: 'scale' });
    const reset = resetLesson(progress, 'rollouts');
    expect(reset.lessons).toEqual({ basics: progress.lessons.basics });
    expect(reset.current).toEqual({ lessonId: 'rollouts', stepId: null });
    expect(resetLesson(progress, 'basics').current).toEqual({ lessonId: 'rollouts', stepId: 'scale' });
  });

  it('setCurrent moves the learner and returns the same object when nothing changes', () => {
    const progress = setCurrent(emptyProgress(), { lessonId: 'basics', stepId: 'start' });
    expect(progress.current).toEqual({ lessonId: 'basics', stepId: 'start' });
    expect(setCurrent(progress, { lessonId: 'basics', stepId: 'start' })).toBe(progress);
    expect(setCurrent(progress, null).current).toBeNull();
  });
});

describe('skipped steps and remembered values per cluster (issue #8)', () => {
  it('skipStep records a skip once; passing the step later makes it done, not skipped', async () => {
    const { skipStep, isStepSkipped } = await import('../../../src/engine/progress/progress-reducers.js');
    const skipped = skipStep(emptyProgress(), 'basics', 'create');
    expect(skipped.lessons.basics).toMatchObject({ doneSteps: [], skippedSteps: ['create'] });
    expect(skipStep(skipped, 'basics', 'create')).toBe(skipped);
    expect(isStepSkipped(skipped, 'basics', 'create')).toBe(true);
    const passed = completeStep(skipped, 'basics', 'create');
    expect(passed.lessons.basics?.doneSteps).toEqual(['create']);
    expect(passed.lessons.basics?.skippedSteps).toBeUndefined();
    expect(skipStep(passed, 'basics', 'create')).toBe(passed);
  });

  it('bindRemembered keeps values taken on this cluster and drops those of another (or of unknown origin)', async () => {
    const { bindRemembered } = await import('../../../src/engine/progress/progress-reducers.js');
    const here = rememberValue(emptyProgress(), 'rollouts', 'oldPod', 'web-1', 'uid-a');
    expect(here.lessons.rollouts?.rememberedOn).toBe('uid-a');
    expect(bindRemembered(here, 'rollouts', 'uid-a')).toBe(here);
    const elsewhere = bindRemembered(here, 'rollouts', 'uid-b');
    expect(elsewhere.lessons.rollouts).toMatchObject({ remembered: {}, rememberedOn: 'uid-b' });
    const legacy = rememberValue(emptyProgress(), 'rollouts', 'oldPod', 'web-1');
    expect(bindRemembered(legacy, 'rollouts', 'uid-a').lessons.rollouts?.remembered).toEqual({});
    expect(bindRemembered(emptyProgress(), 'rollouts', 'uid-a')).toEqual(emptyProgress());
  });
});
