/**
 * `rehearse` drives traffic checks: it starts the step's meter (a meter Pod, on the sandbox too)
 * before the solution, runs the solution, and waits for the rollout the check reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rehearse } from '../../../src/engine/rehearse/index.js';
import { startTestCluster, type TestCluster } from '../../support/kubectl.js';
import { objectsOf } from '../../support/objects.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ speed: 10 });
});
afterAll(async () => {
  await cluster?.stop();
});

describe('rehearse with a traffic check', () => {
  it('meters the rollout of the solution and passes maxFailed 0, leaving no meter Pod behind', async () => {
    const summary = await rehearse({
      lessonsDir: 'test/engine/rehearse/fixtures/traffic-course/lessons',
      kubeconfigPath: cluster.sandbox.kubeconfigPath,
      namespace: 'rehearse-traffic',
      commandEnv: { HOME: cluster.env.HOME!, KUBECACHEDIR: cluster.env.KUBECACHEDIR!, PATH: cluster.env.PATH! },
      stepTimeoutMs: 60_000,
    });
    const failures = summary.failures.map((f) => `${f.lessonId}/${f.stepId} ${f.phase}: ${f.message} ${f.checks.map((c) => c.message).join('; ')}`);
    expect(failures).toEqual([]);
    expect(summary).toMatchObject({ ok: true, lessons: 1, steps: 1, passed: 1 });
    const meterPods = objectsOf(cluster.sandbox, 'Pod', 'rehearse-traffic').filter((pod) => pod.metadata?.labels?.['kubedojo.dev/meter'] !== undefined && !pod.metadata?.deletionTimestamp);
    expect(meterPods).toEqual([]);
  }, 120_000);

  it('a meter on the Service the solution creates starts after the solution (as in the app), and is removed', async () => {
    const summary = await rehearse({
      lessonsDir: 'test/engine/session/fixtures/meter-late-course/lessons',
      kubeconfigPath: cluster.sandbox.kubeconfigPath,
      namespace: 'rehearse-late',
      commandEnv: { HOME: cluster.env.HOME!, KUBECACHEDIR: cluster.env.KUBECACHEDIR!, PATH: cluster.env.PATH! },
      stepTimeoutMs: 60_000,
    });
    const failures = summary.failures.map((f) => `${f.lessonId}/${f.stepId} ${f.phase}: ${f.message}`);
    expect(failures).toEqual([]);
    expect(summary).toMatchObject({ ok: true, lessons: 1, steps: 1, passed: 1 });
    const meterPods = objectsOf(cluster.sandbox, 'Pod', 'rehearse-late').filter((pod) => pod.metadata?.labels?.['kubedojo.dev/meter'] !== undefined && !pod.metadata?.deletionTimestamp);
    expect(meterPods).toEqual([]);
  }, 120_000);
});
