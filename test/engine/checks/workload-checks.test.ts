import { describe, expect, it } from 'vitest';
import { createStaticView } from '../../../src/engine/checks/cluster-view.js';
import { evaluateCheck } from '../../../src/engine/checks/evaluate.js';
import { captureRemembered } from '../../../src/engine/checks/remember.js';
import { check, noContext } from './check-helpers.js';
import { deployment, pod, replicaSet } from './cluster-fixtures.js';

// The edit of lesson 3: revision 1 ran `nginx`, revision 2 runs `nginx:1.25`.
const v1 = deployment('nginx-depl', 'nginx');
const v2 = deployment('nginx-depl', 'nginx:1.25', { revision: 2 });
const oldRs = replicaSet(v1, '6777bffb6f', 'nginx', { revision: 1 });
const newRs = replicaSet(v2, '549d9fb597', 'nginx:1.25', { revision: 2 });
const oldPod = pod(oldRs, '7hmls', { ip: '10.244.0.5', created: '2025-11-24T22:04:15Z' });
const newPod = pod(newRs, '95lsl', { ip: '10.244.0.6', created: '2025-11-24T22:06:40Z' });
const run = (input: unknown, objects: Parameters<typeof createStaticView>[0], context = noContext) =>
  evaluateCheck(check(input), createStaticView(objects), context);

describe('podsReady', () => {
  const ready2 = { podsReady: { deployment: 'nginx-depl', count: 2 } };
  const scaled = deployment('nginx-depl', 'nginx', { replicas: 2 });

  it('counts ready Pods against the wanted count', () => {
    expect(run(ready2, [scaled, oldRs, oldPod, pod(oldRs, 'x8k2p', { ip: '10.244.0.7' })])).toEqual({ ok: true, message: 'deployment nginx-depl: 2/2 Pods ready' });
    expect(run(ready2, [scaled, oldRs, oldPod])).toEqual({ ok: false, message: 'deployment nginx-depl: 1/2 Pods ready' });
  });

  it('defaults the count to spec.replicas', () => {
    expect(run({ podsReady: { deployment: 'nginx-depl' } }, [scaled, oldRs, oldPod])).toEqual({ ok: false, message: 'deployment nginx-depl: 1/2 Pods ready' });
    expect(run({ podsReady: { deployment: 'nginx-depl' } }, [v1, oldRs, oldPod])).toEqual({ ok: true, message: 'deployment nginx-depl: 1/1 Pods ready' });
  });

  it('names the first unready Pod and why', () => {
    const pulling = pod(oldRs, 'x8k2p', { waiting: 'ImagePullBackOff' });
    expect(run(ready2, [scaled, oldRs, oldPod, pulling])).toEqual({
      ok: false,
      message: 'deployment nginx-depl: 1/2 Pods ready (nginx-depl-6777bffb6f-x8k2p: ImagePullBackOff)',
    });
  });

  it('is not done while a rollout has extra or terminating Pods', () => {
    const midRollout = [v2, oldRs, newRs, oldPod, newPod];
    expect(run({ podsReady: { deployment: 'nginx-depl', count: 1 } }, midRollout)).toEqual({
      ok: false,
      message: 'deployment nginx-depl: 2 Pods (2 ready), want 1',
    });
    const oldTerminating = pod(oldRs, '7hmls', { ip: '10.244.0.5', terminating: true });
    expect(run({ podsReady: { deployment: 'nginx-depl', count: 1 } }, [v2, oldRs, newRs, oldTerminating, newPod])).toEqual({
      ok: false,
      message: 'deployment nginx-depl: 1/1 Pods ready, 1 more still terminating',
    });
  });

  it('reports a missing Deployment', () => {
    expect(run(ready2, [])).toEqual({ ok: false, message: 'deployment nginx-depl: not found' });
  });
});

describe('remember + replaced', () => {
  const replaced = { replaced: { remembered: 'oldPod', deployment: 'nginx-depl' } };

  it('remembers the oldest ready Pod of the Deployment', () => {
    const captured = captureRemembered({ oldPod: { podOf: { deployment: 'nginx-depl' } } }, createStaticView([v2, oldRs, newRs, newPod, oldPod]));
    expect(captured).toEqual({ values: { oldPod: 'nginx-depl-6777bffb6f-7hmls' }, problems: {} });
  });

  it('prefers a ready Pod over an older unready one, and says when there is none', () => {
    const starting = pod(oldRs, 'aaaaa', { waiting: 'ContainerCreating', created: '2025-11-24T22:00:00Z' });
    const spec = { a: { podOf: { deployment: 'nginx-depl' } }, b: { podOf: { deployment: 'web' } } };
    expect(captureRemembered(spec, createStaticView([v1, oldRs, starting, oldPod]))).toEqual({
      values: { a: 'nginx-depl-6777bffb6f-7hmls' },
      problems: { b: 'deployment web: not found, nothing to remember' },
    });
    expect(captureRemembered({ a: spec.a }, createStaticView([v1, oldRs]))).toEqual({
      values: {},
      problems: { a: 'deployment nginx-depl: no Pod yet, nothing to remember' },
    });
  });

  const remembered = { remembered: { oldPod: 'nginx-depl-6777bffb6f-7hmls' } };

  it('fails while the remembered Pod runs or terminates', () => {
    expect(run(replaced, [v1, oldRs, oldPod], remembered)).toEqual({
      ok: false,
      message: 'pod nginx-depl-6777bffb6f-7hmls: still running, want it replaced by a new Pod of deployment nginx-depl',
    });
    const terminating = pod(oldRs, '7hmls', { terminating: true });
    expect(run(replaced, [v2, oldRs, newRs, terminating, newPod], remembered)).toEqual({
      ok: false,
      message: 'pod nginx-depl-6777bffb6f-7hmls: still terminating, want it replaced by a new Pod of deployment nginx-depl',
    });
  });

  it('needs a new ready Pod', () => {
    const starting = pod(newRs, '95lsl', { waiting: 'ContainerCreating' });
    expect(run(replaced, [v2, oldRs, newRs, starting], remembered)).toEqual({
      ok: false,
      message: 'pod nginx-depl-6777bffb6f-7hmls: gone, but deployment nginx-depl has no new ready Pod yet',
    });
    expect(run(replaced, [v2, oldRs, newRs, newPod], remembered)).toEqual({
      ok: true,
      message: 'pod nginx-depl-6777bffb6f-7hmls: replaced by nginx-depl-549d9fb597-95lsl (ready)',
    });
  });

  it('fails when nothing was remembered', () => {
    expect(run(replaced, [v2, newRs, newPod])).toEqual({
      ok: false,
      message: 'nothing remembered as oldPod yet, want a Pod of deployment nginx-depl',
    });
  });
});

describe('rollout', () => {
  const after = [v2, oldRs, newRs, newPod];

  it('counts revisions exactly or at least', () => {
    expect(run({ rollout: { deployment: 'nginx-depl', revisions: 2 } }, [v1, oldRs, oldPod])).toEqual({ ok: false, message: 'deployment nginx-depl: 1 revision, want 2' });
    expect(run({ rollout: { deployment: 'nginx-depl', revisions: 2 } }, after)).toEqual({ ok: true, message: 'deployment nginx-depl: 2 revisions' });
    expect(run({ rollout: { deployment: 'nginx-depl', revisions: { atLeast: 3 } } }, after)).toEqual({ ok: false, message: 'deployment nginx-depl: 2 revisions, want at least 3' });
  });

  it("checks a revision's image", () => {
    expect(run({ rollout: { deployment: 'nginx-depl', revision: 2, image: 'nginx:1.25' } }, after)).toEqual({ ok: true, message: 'deployment nginx-depl: revision 2 runs nginx:1.25' });
    expect(run({ rollout: { deployment: 'nginx-depl', revision: 1, image: 'nginx:1.25' } }, after)).toEqual({
      ok: false,
      message: 'deployment nginx-depl: revision 1 runs nginx, want nginx:1.25',
    });
    expect(run({ rollout: { deployment: 'nginx-depl', revision: 2, image: 'nginx:1.25' } }, [v1, oldRs])).toEqual({
      ok: false,
      message: 'deployment nginx-depl: no revision 2 (revisions: 1), want one running nginx:1.25',
    });
    expect(run({ rollout: { deployment: 'nginx-depl', revision: 2, image: 'nginx:1.25', container: 'sidecar' } }, after)).toEqual({
      ok: false,
      message: 'deployment nginx-depl: revision 2 has no container sidecar',
    });
  });

  it('combines both parts in one message', () => {
    expect(run({ rollout: { deployment: 'nginx-depl', revisions: 2, revision: 1, image: 'nginx' } }, after)).toEqual({
      ok: true,
      message: 'deployment nginx-depl: 2 revisions, revision 1 runs nginx',
    });
  });

  describe('complete, as kubectl rollout status judges it', () => {
    const complete = { rollout: { deployment: 'nginx-depl', complete: true } };
    /** The Deployment of lesson 3 at generation 2 with the status fields a test varies. */
    const at = (status: Record<string, unknown>, generation = 2) => {
      const d = deployment('nginx-depl', 'nginx:1.25', { revision: 2, replicas: 4 });
      return { ...d, metadata: { ...d.metadata, generation }, status: { ...(d.status as Record<string, unknown>), ...status } };
    };

    it('fails right after the template change, while the status still describes the old template', () => {
      // `kubectl set image` bumped the generation; the old Pods are all "updated" and available.
      expect(run(complete, [at({ observedGeneration: 1, updatedReplicas: 4, replicas: 4, availableReplicas: 4 })])).toEqual({
        ok: false,
        message: 'deployment nginx-depl: the controller has not picked up the change yet, want the rollout complete',
      });
    });

    it('says what is left: new replicas to update, old ones to terminate, updated ones to become available', () => {
      expect(run(complete, [at({ updatedReplicas: 2, replicas: 5, availableReplicas: 3 })]).message).toBe('deployment nginx-depl: 2 of 4 new replicas updated, want the rollout complete');
      expect(run(complete, [at({ updatedReplicas: 4, replicas: 5, availableReplicas: 4 })]).message).toBe('deployment nginx-depl: 1 old replica pending termination, want the rollout complete');
      expect(run(complete, [at({ updatedReplicas: 4, replicas: 4, availableReplicas: 3 })]).message).toBe('deployment nginx-depl: 3 of 4 updated replicas available, want the rollout complete');
    });

    it('fails a rollout past its progress deadline', () => {
      const stuck = at({ updatedReplicas: 2, replicas: 5, availableReplicas: 3, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
      expect(run(complete, [stuck]).message).toBe('deployment nginx-depl: the rollout exceeded its progress deadline, want the rollout complete');
    });

    it('passes once every replica is updated and available and no old one is left', () => {
      expect(run(complete, [at({ updatedReplicas: 4, replicas: 4, availableReplicas: 4 })])).toEqual({ ok: true, message: 'deployment nginx-depl: rollout complete' });
      expect(run({ rollout: { deployment: 'nginx-depl', revision: 2, image: 'nginx:1.25', complete: true } }, [at({ updatedReplicas: 4, replicas: 4, availableReplicas: 4 }), oldRs, newRs])).toEqual({
        ok: true,
        message: 'deployment nginx-depl: revision 2 runs nginx:1.25, rollout complete',
      });
    });
  });

  it("ignores ReplicaSets of another Deployment, even one re-created under the same name", () => {
    const recreated = deployment('nginx-depl', 'nginx:1.25', { uid: 'second-life' });
    expect(run({ rollout: { deployment: 'nginx-depl', revisions: 1 } }, [recreated, oldRs, newRs])).toEqual({
      ok: false,
      message: 'deployment nginx-depl: 0 revisions, want 1',
    });
  });
});
