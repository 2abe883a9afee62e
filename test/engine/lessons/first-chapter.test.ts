/**
 * The real course in lessons/: it lints clean, and each step's checks fail before its solution
 * and pass after it, on hand-built cluster states that follow the chapter's story (a static
 * stand-in for `kubedojo rehearse`, which does the same against a live cluster).
 */
import { describe, expect, it } from 'vitest';
import { createStaticView, type ClusterView } from '../../../src/engine/checks/cluster-view.js';
import { evaluateChecks } from '../../../src/engine/checks/evaluate.js';
import type { KubeObject } from '../../../src/engine/checks/k8s.js';
import { captureRemembered } from '../../../src/engine/checks/remember.js';
import type { CheckContext } from '../../../src/engine/checks/result.js';
import { parseCommandLine } from '../../../src/engine/commands/parse-command-line.js';
import { lintCourse, loadCourse, type Lesson, type Step } from '../../../src/engine/lessons/index.js';
import { deployment, pod, replicaSet } from '../checks/cluster-fixtures.js';

const { course } = await loadCourse('lessons');
const lesson = (id: string): Lesson => {
  const found = course.lessons.find((item) => item.id === id);
  if (found === undefined) throw new Error(`no lesson ${id}`);
  return found;
};

// The cluster as the story goes: nothing; nginx created; nginx pinned to 1.25; plus mongo.
const v1 = deployment('nginx-depl', 'nginx');
const rs1 = replicaSet(v1, '6777bffb6f', 'nginx', { revision: 1 });
const pod1 = pod(rs1, '7hmls', { ip: '10.244.0.5' });
const v2 = deployment('nginx-depl', 'nginx:1.25', { revision: 2 });
const rs1Scaled = replicaSet(v1, '6777bffb6f', 'nginx', { revision: 1, replicas: 0 });
const rs2 = replicaSet(v2, '549d9fb597', 'nginx:1.25', { revision: 2 });
const pod2 = pod(rs2, '95lsl', { ip: '10.244.0.6' });
const mongo = deployment('mongo-depl', 'mongo', { ready: 0 });
const mongoRs = replicaSet(mongo, '558475c797', 'mongo', { revision: 1 });
const mongoPod = pod(mongoRs, 'hz5ng', { waiting: 'ContainerCreating' });

const state = (...objects: KubeObject[]): ClusterView => createStaticView(objects);
const EMPTY = state();
const CREATED = state(v1, rs1, pod1);
const PINNED = state(v2, rs1Scaled, rs2, pod2);
const WITH_MONGO = state(v2, rs1Scaled, rs2, pod2, mongo, mongoRs, mongoPod);

/** Which state each step starts from and which its solution leads to. */
const STORY: Record<string, Record<string, [ClusterView, ClusterView]>> = {
  'your-cluster': {},
  'first-deployment': {
    create: [EMPTY, CREATED],
    'get-deployment': [CREATED, CREATED],
    'get-replicaset': [CREATED, CREATED],
    'get-pod': [CREATED, CREATED],
    'chain-quiz': [CREATED, CREATED],
  },
  'edit-the-blueprint': {
    'pin-image': [CREATED, PINNED],
    'two-replicasets': [PINNED, PINNED],
    'new-pod': [PINNED, PINNED],
    'replaced-quiz': [PINNED, PINNED],
  },
  'debug-and-delete': {
    logs: [PINNED, PINNED],
    describe: [PINNED, PINNED],
    'create-mongo': [PINNED, WITH_MONGO],
    'describe-mongo': [WITH_MONGO, WITH_MONGO],
    'debug-quiz': [WITH_MONGO, WITH_MONGO],
    'delete-mongo': [WITH_MONGO, PINNED],
  },
};

/** The context after the solution ran (its last command, exit 0) and the quiz was answered. */
function solvedContext(step: Step, remembered: Record<string, string>): CheckContext {
  const last = step.solution.at(-1);
  const parsed = last === undefined ? undefined : parseCommandLine(last);
  const quiz = step.checks.find((check) => 'quiz' in check);
  return {
    remembered,
    ...(parsed?.ok ? { lastCommand: { argv: parsed.argv, exitCode: 0 } } : {}),
    ...(quiz !== undefined && 'quiz' in quiz ? { quizAnswer: quiz.quiz.answer } : {}),
  };
}

describe('the first chapter', () => {
  it('lints clean', async () => {
    expect(await lintCourse('lessons')).toEqual([]);
  });

  it('opens with four lessons, each requiring the one before', () => {
    expect(course.lessons.slice(0, 4).map((item) => [item.id, item.requires])).toEqual([
      ['your-cluster', []],
      ['first-deployment', ['your-cluster']],
      ['edit-the-blueprint', ['first-deployment']],
      ['debug-and-delete', ['edit-the-blueprint']],
    ]);
  });

  it('gives every step text and two or three hints', () => {
    for (const item of course.lessons) {
      for (const step of item.steps) {
        expect(step.text.length, `${item.id}/${step.id} text`).toBeGreaterThan(0);
        expect(step.hints.length, `${item.id}/${step.id} hints`).toBeGreaterThanOrEqual(2);
        expect(step.hints.length, `${item.id}/${step.id} hints`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('catches up later lessons from a manifest of the storefront', () => {
    expect(lesson('edit-the-blueprint').start.manifests).toEqual(['assets/nginx-depl.yaml']);
    expect(lesson('debug-and-delete').start.commands).toContain('kubectl set image deployment/nginx-depl nginx=nginx:1.25');
  });

  for (const [lessonId, steps] of Object.entries(STORY)) {
    describe(lessonId, () => {
      it('covers every step in the story', () => {
        const contextOnly = (step: Step): boolean => step.checks.every((check) => 'ran' in check || 'quiz' in check);
        const needState = lesson(lessonId).steps.filter((step) => !contextOnly(step)).map((step) => step.id);
        expect(Object.keys(steps)).toEqual(expect.arrayContaining(needState));
      });

      for (const step of lesson(lessonId).steps) {
        it(`${step.id}: fails before its solution, passes after`, () => {
          const [before, after] = steps[step.id] ?? [EMPTY, EMPTY];
          // `remember` runs when the step opens, on the state before the solution.
          const remembered = captureRemembered(step.remember, before).values;
          const failing = evaluateChecks(step.checks, before, { remembered }).filter((result) => !result.ok);
          expect(failing.length, 'some check should fail before the solution').toBeGreaterThan(0);
          expect(evaluateChecks(step.checks, after, solvedContext(step, remembered))).toEqual(
            step.checks.map(() => expect.objectContaining({ ok: true })),
          );
        });
      }
    });
  }

  it('says what is missing while the image edit is under way', () => {
    const step = lesson('edit-the-blueprint').steps[0]!;
    const remembered = captureRemembered(step.remember, CREATED).values;
    expect(evaluateChecks(step.checks, CREATED, { remembered }).map((result) => result.message)).toEqual([
      'deployment nginx-depl: image is nginx, want nginx:1.25',
      'deployment nginx-depl: 1 revision, want at least 2',
      'pod nginx-depl-6777bffb6f-7hmls: still running, want it replaced by a new Pod of deployment nginx-depl',
      'deployment nginx-depl: 1/1 Pods ready',
    ]);
  });
});
