/**
 * `rehearse` of the real course on the sandbox with the real kubectl: every step's checks fail
 * before its solution and pass after it. This is CI's proof that all lessons work on the sandbox:
 * the lessons with traffic checks on a sandbox at ×10, the others at ×50.
 */
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../../src/engine/lessons/index.js';
import { rehearse, type RehearseEvent } from '../../../src/engine/rehearse/index.js';
import { startTestCluster, type TestCluster } from '../../support/kubectl.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ speed: 50 });
});
afterAll(() => cluster?.stop());

const { course } = await loadCourse('lessons');
/** The lessons whose traffic checks the meter proves: rehearsed on a slower sandbox. */
const METERED = course.lessons.filter((lesson) => lesson.steps.some((step) => step.checks.some((check) => 'traffic' in check))).map((lesson) => lesson.id);
const FAST = course.lessons.map((lesson) => lesson.id).filter((id) => !METERED.includes(id));

const commandEnv = () => ({ HOME: cluster.env.HOME!, KUBECACHEDIR: cluster.env.KUBECACHEDIR!, PATH: cluster.env.PATH! });

describe('rehearse', () => {
  it('runs every lesson without a traffic check end to end (×50)', async () => {
    const events: RehearseEvent[] = [];
    const summary = await rehearse({
      lessonsDir: 'lessons',
      kubeconfigPath: cluster.sandbox.kubeconfigPath,
      namespace: 'kubedojo',
      commandEnv: commandEnv(),
      stepTimeoutMs: 30_000,
      onEvent: (event) => events.push(event),
      only: FAST,
    });
    const failures = summary.failures.map((f) => `${f.lessonId}/${f.stepId} ${f.phase}: ${f.message} ${f.checks.map((c) => c.message).join('; ')}`);
    expect(failures).toEqual([]);
    expect(summary).toMatchObject({ ok: true, lessons: FAST.length, skipped: 0 });
    expect(summary.passed).toBe(summary.steps);
    expect(events.filter((event) => event.type === 'pass')).toHaveLength(summary.steps);
    // Every solution command ran, and the namespace is empty again afterwards.
    expect(events).toContainEqual({ type: 'command', lessonId: 'edit-the-blueprint', stepId: 'pin-image', command: 'kubectl set image deployment/nginx-depl nginx=nginx:1.25', exitCode: 0 });
    // Chapter 2: every step of its seven lessons passed; workspace files applied from their folder.
    for (const id of ['manifests', 'labels-and-selectors', 'services', 'reach-the-shop', 'namespaces', 'self-healing', 'scaling']) {
      const steps = course.lessons.find((item) => item.id === id)!.steps.map((step) => step.id);
      expect(events.filter((event) => event.type === 'pass' && event.lessonId === id).map((event) => 'stepId' in event && event.stepId), id).toEqual(steps);
    }
    expect(events).toContainEqual({ type: 'command', lessonId: 'manifests', stepId: 'apply', command: 'kubectl apply -f storefront.yaml', exitCode: 0 });
    expect(events).toContainEqual({ type: 'command', lessonId: 'scaling', stepId: 'apply-file', command: 'kubectl apply -f storefront.yaml', exitCode: 0 });
    // Chapter 3: the bad release was rolled back.
    expect(events).toContainEqual({ type: 'command', lessonId: 'a-bad-release', stepId: 'undo', command: 'kubectl rollout undo deployment/shop', exitCode: 0 });
    expect((await cluster.kubectl(['-n', 'kubedojo', 'get', 'deployments,replicasets,pods,services', '-o', 'name'])).stdout).toBe('');
    expect((await cluster.kubectl(['get', 'namespaces', '-o', 'name'])).stdout).not.toContain('kubedojo-staging');
  }, 600_000);

  it('runs the lessons with traffic checks end to end on a slower sandbox (×10), the meter proving each rollout', async () => {
    // With the other test: the whole course. At ×50 a 5 s preStop is 100 ms of wall time, and a
    // busy CI machine's own delays in the endpoint pipeline (real, not simulated) then outlast it.
    expect([...FAST, ...METERED].sort()).toEqual(course.lessons.map((lesson) => lesson.id).sort());
    expect(METERED).toEqual(['downtime-you-can-see', 'graceful-shutdown', 'black-friday']);
    const slow = await startTestCluster({ speed: 10 });
    try {
      const events: RehearseEvent[] = [];
      const summary = await rehearse({
        lessonsDir: 'lessons',
        kubeconfigPath: slow.sandbox.kubeconfigPath,
        namespace: 'kubedojo',
        commandEnv: { HOME: slow.env.HOME!, KUBECACHEDIR: slow.env.KUBECACHEDIR!, PATH: slow.env.PATH! },
        stepTimeoutMs: 60_000,
        onEvent: (event) => events.push(event),
        only: METERED,
      });
      const failures = summary.failures.map((f) => `${f.lessonId}/${f.stepId} ${f.phase}: ${f.message} ${f.checks.map((c) => c.message).join('; ')}`);
      expect(failures).toEqual([]);
      expect(summary).toMatchObject({ ok: true, lessons: METERED.length, skipped: 0 });
      expect(summary.passed).toBe(summary.steps);
      // Every traffic check failed before its solution's rollout and passed after it: the downtime
      // of lesson 24, the zero-failure releases of lesson 26 and the capstone.
      const metered = course.lessons.flatMap((lesson) => lesson.steps.filter((step) => step.checks.some((check) => 'traffic' in check)).map((step) => `${lesson.id}/${step.id}`));
      expect(metered).toEqual(['downtime-you-can-see/roll-v2', 'graceful-shutdown/roll-v2', 'black-friday/release-v2', 'black-friday/ship-v3', 'black-friday/back-to-v2']);
      const passed = new Set(events.flatMap((event) => (event.type === 'pass' ? [`${event.lessonId}/${event.stepId}`] : [])));
      for (const id of metered) expect(passed.has(id), id).toBe(true);
      expect((await slow.kubectl(['-n', 'kubedojo', 'get', 'deployments,replicasets,pods,services', '-o', 'name'])).stdout).toBe('');
    } finally {
      await slow.stop();
    }
  }, 600_000);

  it('refuses to rehearse a lesson the course does not have', async () => {
    const summary = await rehearse({ lessonsDir: 'lessons', kubeconfigPath: cluster.sandbox.kubeconfigPath, namespace: 'kubedojo', only: ['no-such-lesson'] });
    expect(summary).toMatchObject({ ok: false, lessons: 0, failures: [{ phase: 'load', message: 'no lesson no-such-lesson in lessons', checks: [] }] });
  });

  it('fails a step whose checks pass before the solution, and one whose checks never pass, with their messages', async () => {
    const events: RehearseEvent[] = [];
    const summary = await rehearse({
      lessonsDir: 'test/engine/rehearse/fixtures/broken-course/lessons',
      kubeconfigPath: cluster.sandbox.kubeconfigPath,
      namespace: 'rehearse-broken',
      commandEnv: commandEnv(),
      stepTimeoutMs: 3000,
      onEvent: (event) => events.push(event),
    });
    expect(summary).toMatchObject({ ok: false, lessons: 3, steps: 4, passed: 1, skipped: 1 });
    expect(summary.failures).toEqual([
      {
        phase: 'before',
        lessonId: 'already-done',
        stepId: 'node',
        message: 'its checks already pass before the solution: write checks the start does not satisfy',
        checks: [{ kind: 'exists', label: 'nodes exist', ok: true, message: 'nodes: 1 found' }],
      },
      {
        phase: 'after',
        lessonId: 'never-passes',
        stepId: 'three',
        message: 'its checks did not pass within 3s after the solution',
        checks: [{ kind: 'podsReady', label: '3 Pods of web ready', ok: false, message: 'deployment web: 1/3 Pods ready' }],
      },
    ]);
    expect(events).toContainEqual({ type: 'skip', lessonId: 'never-passes', stepId: 'after', reason: 'step three failed' });
    // The next lesson started from its own (empty) start state: `web` was deleted and made again.
    expect(events).toContainEqual(expect.objectContaining({ type: 'pass', lessonId: 'fine', stepId: 'scale' }));
    expect((await cluster.kubectl(['-n', 'rehearse-broken', 'get', 'deployments,pods', '-o', 'name'])).stdout).toBe('');
  }, 60_000);

  it('refuses a context that does not look local unless allowed', async () => {
    // Run inside `unshare -n` (no routes): nothing can leave the machine even if rehearse dialled.
    const run = await execa('unshare', ['-n', process.execPath, '--import', 'tsx', 'test/engine/rehearse/fixtures/rehearse-offline.ts']);
    const summary = JSON.parse(run.stdout) as Awaited<ReturnType<typeof rehearse>>;
    expect(summary.ok).toBe(false);
    expect(summary.failures).toEqual([
      {
        phase: 'setup',
        message: '`prod` does not look like a local cluster (its server https://10.20.30.40:6443 is not on this machine); rehearse it only with --allow-remote', // (run in unshare -n above)
        checks: [],
      },
    ]);
  });
});
