/**
 * Chapter 3 of the course (lessons 20–29: rolling updates to the Black Friday capstone), read as
 * files: it lints, its lessons chain, every step is built the way the course's steps are, and
 * what its quizzes and texts teach agrees with the sandbox's own controller arithmetic and with
 * the manifests the lessons start from. `rehearse.test.ts` runs every step against the sandbox.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintCourse, loadCourse, type Lesson, type Step } from '../../../src/engine/lessons/index.js';
import { resolveFenceposts } from '../../../src/sandbox/controllers/deployment/replica-math.js';

const { course } = await loadCourse('lessons');

const CHAPTER = [
  'rolling-updates',
  'history-and-rollback',
  'a-bad-release',
  'pause-and-restart',
  'downtime-you-can-see',
  'readiness-probes',
  'graceful-shutdown',
  'liveness-and-startup',
  'available-and-budgets',
  'black-friday',
];

const lessons = CHAPTER.map((id) => {
  const found = course.lessons.find((item) => item.id === id);
  if (found === undefined) throw new Error(`no lesson ${id}`);
  return found;
});
const lesson = (id: string): Lesson => lessons[CHAPTER.indexOf(id)]!;
const step = (lessonId: string, stepId: string): Step => {
  const found = lesson(lessonId).steps.find((item) => item.id === stepId);
  if (found === undefined) throw new Error(`no step ${lessonId}/${stepId}`);
  return found;
};

// Checks that only look at what the learner typed or answered; everything else reads the cluster.
const CONTEXT_ONLY = new Set(['ran', 'quiz']);
const kindOf = (check: object): string => Object.keys(check).find((key) => key !== 'exitCode' && key !== 'path' && !['equals', 'contains', 'matches', 'atLeast'].includes(key))!;

function quizOf(lessonId: string, stepId: string) {
  const check = step(lessonId, stepId).checks.find((item) => 'quiz' in item);
  if (check === undefined || !('quiz' in check)) throw new Error(`${lessonId}/${stepId} has no quiz`);
  return check.quiz;
}

/** The Deployment a start manifest declares, as the controller would read it. */
function startDeployment(file: string, name: string): Record<string, any> {
  const docs = parseAllDocuments(readFileSync(join('assets', file.replace(/^assets\//, '')), 'utf8')).map((doc) => doc.toJS());
  const found = docs.find((doc) => doc?.kind === 'Deployment' && doc.metadata?.name === name);
  if (found === undefined) throw new Error(`${file} has no Deployment ${name}`);
  return found;
}

const withReplicas = (replicas: number, rollingUpdate: Record<string, unknown> = {}) => ({ spec: { replicas, strategy: { rollingUpdate } } });

describe('the third chapter', () => {
  it('lints clean with the rest of the course', async () => {
    expect(await lintCourse('lessons')).toEqual([]);
  });

  it('comes in order after the earlier chapters, each lesson requiring the one before', () => {
    const order = course.lessons.map((item) => item.id);
    const first = order.indexOf(CHAPTER[0]!);
    expect(order.slice(first, first + CHAPTER.length)).toEqual(CHAPTER);
    // The first lesson builds on an earlier chapter's last lesson (re-pointed when chapters merge).
    const [before] = lessons[0]!.requires;
    expect(before === undefined ? -1 : order.indexOf(before)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(before!)).toBeLessThan(first);
    for (const [index, item] of lessons.entries()) {
      if (index > 0) expect(item.requires, item.id).toEqual([CHAPTER[index - 1]]);
    }
  });

  it('estimates every lesson and gives every step text and two or three hints', () => {
    for (const item of lessons) {
      expect(item.minutes, `${item.id} minutes`).toBeGreaterThan(0);
      for (const each of item.steps) {
        expect(each.text.length, `${item.id}/${each.id} text`).toBeGreaterThan(0);
        expect(each.hints.length, `${item.id}/${each.id} hints`).toBeGreaterThanOrEqual(2);
        expect(each.hints.length, `${item.id}/${each.id} hints`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('checks the cluster, not only the command, in every step whose solution changes it', () => {
    const READ_ONLY = /^kubectl (get|describe|logs|rollout (status|history))\b/;
    for (const item of lessons) {
      for (const each of item.steps) {
        if (each.solution.every((command) => READ_ONLY.test(command))) continue;
        const stateChecks = each.checks.filter((check) => !CONTEXT_ONLY.has(kindOf(check)));
        expect(stateChecks.length, `${item.id}/${each.id}`).toBeGreaterThan(0);
      }
    }
  });

  it('waits for the whole rollout, not only the new template, wherever the solution waits for one', () => {
    // Right after `set image`, the old Pods are all ready: only a complete rollout proves the release.
    for (const item of lessons) {
      for (const each of item.steps) {
        for (const command of each.solution) {
          const waited = /^kubectl rollout status deployment\/([a-z-]+)/.exec(command)?.[1];
          if (waited === undefined) continue;
          const complete = each.checks.some((check) => 'rollout' in check && check.rollout.deployment === waited && check.rollout.complete === true);
          expect(complete, `${item.id}/${each.id} waits for ${waited}`).toBe(true);
        }
      }
    }
  });

  it('starts every lesson from chapter 3 manifests, with the shop behind its Service', () => {
    for (const item of lessons) {
      expect(item.start.manifests.length, item.id).toBeGreaterThan(0);
      for (const manifest of item.start.manifests) expect(manifest, item.id).toMatch(/^assets\/ch3-[a-z-]+\.yaml$/);
      const usesShop = item.steps.some((each) => each.solution.some((command) => command.includes('deployment/shop') || command.includes('deployment shop')));
      if (usesShop) expect(item.start.manifests, item.id).toContain('assets/ch3-shop-service.yaml');
    }
  });

  it('runs only public images: nginx and busybox', () => {
    const images: [string, string][] = [];
    for (const item of lessons) {
      for (const manifest of item.start.manifests) {
        for (const [, image] of readFileSync(manifest, 'utf8').matchAll(/^\s*(?:- )?image:\s*["']?([^\s"']+)/gm)) images.push([item.id, image!]);
      }
      for (const command of [...item.start.commands, ...item.steps.flatMap((each) => [...each.solution, each.command ?? ''])]) {
        const set = /^kubectl set image \S+ (.+)$/.exec(command);
        for (const pair of set?.[1]!.split(' ') ?? []) images.push([item.id, pair.split('=')[1]!]);
      }
    }
    expect(images.length).toBeGreaterThan(20);
    for (const [id, image] of images) expect(image, id).toMatch(/^(nginx|busybox)(:[\w.-]+)?$/);
  });

  it('cites the facts sheet beside the numbers it teaches', () => {
    for (const item of lessons.slice(0, -1)) {
      const source = readFileSync(join('lessons', readdirLesson(item.id)), 'utf8');
      expect(source, item.id).toMatch(/<!-- (fact|UNVERIFIED)/);
    }
  });

  describe('proves its rollouts with the downtime meter', () => {
    // (The loader normalises `during: deployment/shop` to the Deployment's name.)
    const trafficOf = (lessonId: string, stepId: string) => step(lessonId, stepId).checks.flatMap((check) => ('traffic' in check ? [check.traffic] : []));

    it('lesson 24 passes only once requests failed during the rollout to v2', () => {
      expect(trafficOf('downtime-you-can-see', 'roll-v2')).toEqual([expect.objectContaining({ service: 'shop', during: 'shop', minFailed: 1 })]);
      expect(step('downtime-you-can-see', 'ready-too-soon').meter).toMatchObject({ service: 'shop', path: '/' });
    });

    it('lesson 26 and every release and rollback of the capstone want zero failures of at least 200 requests', () => {
      for (const [lessonId, stepId] of [['graceful-shutdown', 'roll-v2'], ['black-friday', 'release-v2'], ['black-friday', 'ship-v3'], ['black-friday', 'back-to-v2']] as const) {
        const [traffic, ...more] = trafficOf(lessonId, stepId);
        expect(more, `${lessonId}/${stepId}`).toEqual([]);
        expect(traffic, `${lessonId}/${stepId}`).toMatchObject({ service: 'shop', during: 'shop', maxFailed: 0 });
        expect(traffic!.minRequests, `${lessonId}/${stepId}`).toBeGreaterThanOrEqual(200);
      }
    });

    it('the capstone runs the seed scenario: a 20 s warm-up hardened with the probe, 0 / 1 and a preStop before its zero-failure releases', () => {
      const start = lesson('black-friday').start.manifests;
      expect(start).toContain('assets/ch3-shop-warmup.yaml');
      expect(startDeployment('ch3-shop-warmup.yaml', 'shop').spec.template.spec.containers[0].command.join(' ')).toMatch(/sleep 20; exec nginx/);
      const patch = JSON.parse(/'(.*)'/.exec(step('black-friday', 'harden').solution[0]!)![1]!);
      expect(patch.spec.strategy.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: 1 });
      const container = patch.spec.template.spec.containers[0];
      expect(container.readinessProbe).toEqual({ httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 });
      expect(container.lifecycle.preStop.sleep.seconds).toBeGreaterThan(1);
      // The steps in order: harden, then the metered releases.
      const ids = lesson('black-friday').steps.map((each) => each.id);
      expect(ids.indexOf('harden')).toBeLessThan(ids.indexOf('release-v2'));
      expect(step('black-friday', 'harden').meter).toMatchObject({ service: 'shop' });
    });
  });

  describe('teaches the rollout arithmetic the controller does', () => {
    it('4 replicas with the defaults: at most 5 Pods, at least 3 available', () => {
      const { surge, unavailable } = resolveFenceposts(withReplicas(4));
      expect(quizOf('rolling-updates', 'four-quiz').answer).toBe(`at most ${4 + surge} Pods, at least ${4 - unavailable} available`);
    });

    it('10 replicas with the defaults: surge rounds up, unavailable rounds down', () => {
      const { surge, unavailable } = resolveFenceposts(withReplicas(10));
      expect([surge, unavailable]).toEqual([3, 2]);
      expect(quizOf('rolling-updates', 'ten-quiz').answer).toBe(`at most ${10 + surge} Pods, at least ${10 - unavailable} available`);
    });

    it('1 and 2 replicas with the defaults: a new Pod first, none unavailable (the seed says two are needed)', () => {
      expect(resolveFenceposts(withReplicas(1))).toEqual({ surge: 1, unavailable: 0 });
      expect(resolveFenceposts(withReplicas(2))).toEqual({ surge: 1, unavailable: 0 });
      expect(quizOf('rolling-updates', 'one-replica-quiz').answer).toMatch(/starts the new Pod first/);
    });

    it('the table in the text matches for 1, 2 and 4 replicas', () => {
      const text = step('rolling-updates', 'ten-quiz').text;
      for (const replicas of [1, 2, 4]) {
        const { surge, unavailable } = resolveFenceposts(withReplicas(replicas));
        const row = [replicas, surge, unavailable, replicas + surge, replicas - unavailable].join('\\s+');
        expect(text).toMatch(new RegExp(`^\\s*${row}\\s*$`, 'm'));
      }
    });

    it('maxUnavailable 0 / maxSurge 1 with 4 replicas never drops below 4', () => {
      const { surge, unavailable } = resolveFenceposts(withReplicas(4, { maxUnavailable: 0, maxSurge: 1 }));
      expect(quizOf('readiness-probes', 'strategy-quiz').answer).toBe(`at most ${4 + surge} Pods, always at least ${4 - unavailable} available`);
    });
  });

  describe('builds on start states that say what the text says', () => {
    it('the warm-up shop has no probe and the default strategy; the ready shop has the seed probe and 0 / 1', () => {
      const warm = startDeployment('ch3-shop-warmup.yaml', 'shop');
      expect(warm.spec.strategy).toBeUndefined();
      expect(warm.spec.template.spec.containers[0].readinessProbe).toBeUndefined();
      expect(warm.spec.template.spec.containers[0].command.join(' ')).toMatch(/sleep 20; exec nginx/);
      const ready = startDeployment('ch3-shop-ready.yaml', 'shop');
      expect(ready.spec.strategy.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: 1 });
      expect(ready.spec.template.spec.containers[0].readinessProbe).toEqual({ httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 });
      expect(ready.spec.template.spec.containers[0].lifecycle).toBeUndefined();
    });

    it('the progress deadlines the texts quote', () => {
      expect(lesson('a-bad-release').start.commands.join('\n')).toContain('"progressDeadlineSeconds":60');
      expect(step('a-bad-release', 'deadline').text).toContain('set the shop\'s to 60');
      expect(startDeployment('ch3-search.yaml', 'search').spec.progressDeadlineSeconds).toBe(90);
      expect(step('liveness-and-startup', 'eager-liveness').text).toContain('after 90 seconds without progress');
      // Everywhere else the default (600 s): a short deadline at rehearse's speed is a flaky one.
      expect(startDeployment('ch3-shop.yaml', 'shop').spec.progressDeadlineSeconds).toBeUndefined();
      expect(startDeployment('ch3-shop-warmup.yaml', 'shop').spec.progressDeadlineSeconds).toBeUndefined();
      expect(startDeployment('ch3-shop-ready.yaml', 'shop').spec.progressDeadlineSeconds).toBeUndefined();
    });

    it('the preStop sleep fits in the grace period it is taught with', () => {
      const solution = step('graceful-shutdown', 'prestop').solution[0]!;
      const patch = JSON.parse(/'(.*)'/.exec(solution)![1]!);
      const pod = patch.spec.template.spec;
      expect(pod.containers[0].lifecycle.preStop.sleep.seconds).toBeLessThan(pod.terminationGracePeriodSeconds);
    });
  });
});

function readdirLesson(id: string): string {
  const found = course.lessons.find((item) => item.id === id);
  return found!.file.split('/').at(-1)!;
}
