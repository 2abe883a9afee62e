/**
 * A workshop learner on a step their credentials cannot pass (course-rules.ts's
 * stepsOutsideNamespace: lesson 1's `get pods -A`, lesson 9's namespace steps): on entering it,
 * one notice says why and what to do — watch the instructor show it, then skip it with `n` —
 * instead of leaving the learner to meet RBAC's Forbidden error and wonder what they did wrong.
 */
import type { TutorialSnapshot } from '../../engine/session/snapshot.js';
import type { StepOutside } from '../plan/course-rules.js';

export interface OutsideStepTeller {
  /** The notice to show for this snapshot, once per entry into such a step; otherwise undefined. */
  observe(snapshot: TutorialSnapshot): string | undefined;
}

export function outsideStepTeller(steps: readonly StepOutside[], namespace: string): OutsideStepTeller {
  const byStep = new Map(steps.map((step) => [`${step.lessonId}/${step.stepId}`, step.what]));
  let current: string | undefined;
  return {
    observe(snapshot) {
      const step = snapshot.step;
      const key = step === undefined ? undefined : `${step.lessonId}/${step.id}`;
      if (key === current) return undefined;
      current = key;
      const what = key === undefined ? undefined : byStep.get(key);
      if (what === undefined || step?.done || step?.skipped) return undefined;
      return `Workshop: this step needs to ${what}, outside your namespace ${namespace}; your workshop credentials cannot, so kubectl will answer Forbidden. Watch your instructor show it, then press n to skip it.`;
    },
  };
}
