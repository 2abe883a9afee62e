/**
 * `kubedojo check`: one evaluation of the current step from plain lists (no watch), for learners
 * who work in their own terminal. `ran` and quiz checks cannot pass here: they are about what
 * was done inside the app. `remember` is not captured either (the step opened in the app, or
 * the Pod to remember is already gone); values remembered there are used.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { createStaticView, type ObjectsByKind } from '../checks/cluster-view.js';
import { isKubedojoOwn } from '../checks/k8s.js';
import type { Course } from '../lessons/load-course.js';
import type { Progress } from '../progress/progress-schema.js';
import { lessonAt, positionFromProgress, stepAt } from './course-position.js';
import { getList, listPath } from './kube-api.js';
import type { CheckSnapshot } from './snapshot.js';
import { allPass, evaluateStep, kindsForStep } from './step-checks.js';

export interface CheckOnceResult {
  passed: boolean;
  results: CheckSnapshot[];
  /** The step evaluated; undefined for a course without steps. */
  lessonId?: string;
  stepId?: string;
}

export async function evaluateCurrentStep(course: Course, progress: Progress, kubeconfig: KubeConfig, namespace: string): Promise<CheckOnceResult> {
  const position = positionFromProgress(course, progress);
  if (position === undefined) return { passed: false, results: [] };
  const lesson = lessonAt(course, position);
  const step = stepAt(course, position);
  const objects: ObjectsByKind = {};
  await Promise.all(
    kindsForStep(step).map(async (kind) => {
      objects[kind] = (await getList(kubeconfig, listPath(kind, namespace))).items.filter((object) => !isKubedojoOwn(object));
    }),
  );
  const remembered = progress.lessons[lesson.id]?.remembered ?? {};
  const results = evaluateStep(step, createStaticView(objects), { remembered, lastCommand: undefined, quizChoice: undefined });
  return { passed: allPass(results), results, lessonId: lesson.id, stepId: step.id };
}
