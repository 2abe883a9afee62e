/** `podsReady`, `replaced` and `rollout`: checks on what a Deployment runs and has run. */
import type { ClusterView } from './cluster-view.js';
import { containersOf, desiredReplicas, dig, isPodReady, isTerminating, nameOf, podTrouble, type KubeObject } from './k8s.js';
import { count, fail, pass, type CheckContext, type CheckResult } from './result.js';
import type { PodsReadyCheck, ReplacedCheck, RolloutCheck } from './schema.js';
import { livePods, podsOfDeployment, revisionsOf, servingPods } from './workload.js';

export function evaluatePodsReady({ podsReady }: PodsReadyCheck, view: ClusterView): CheckResult {
  const what = `deployment ${podsReady.deployment}`;
  const deployment = view.get('Deployment', podsReady.deployment);
  if (deployment === undefined) return fail(`${what}: not found`);
  const want = podsReady.count ?? desiredReplicas(deployment);
  const pods = podsOfDeployment(deployment, view);
  const live = livePods(pods);
  const ready = servingPods(pods).length;
  const terminating = pods.length - live.length;

  if (live.length > want) return fail(`${what}: ${count(live.length, 'Pod')} (${ready} ready), want ${want}`);
  if (ready < want) return fail(`${what}: ${ready}/${want} Pods ready${trouble(live)}`);
  // Old Pods still shutting down mean the rollout has not settled yet.
  if (terminating > 0) return fail(`${what}: ${ready}/${want} Pods ready, ${terminating} more still terminating`);
  return pass(`${what}: ${ready}/${want} Pods ready`);
}

// ` (web-7d4-x: ImagePullBackOff)`: why the first unready Pod is not ready, when kubectl would say.
function trouble(pods: readonly KubeObject[]): string {
  for (const pod of pods) {
    const reason = isPodReady(pod) ? undefined : podTrouble(pod);
    if (reason !== undefined) return ` (${nameOf(pod)}: ${reason})`;
  }
  return '';
}

export function evaluateReplaced({ replaced }: ReplacedCheck, view: ClusterView, context: CheckContext): CheckResult {
  const oldName = context.remembered[replaced.remembered];
  if (oldName === undefined) return fail(`nothing remembered as ${replaced.remembered} yet, want a Pod of deployment ${replaced.deployment}`);
  const old = view.get('Pod', oldName);
  const wantNew = `want it replaced by a new Pod of deployment ${replaced.deployment}`;
  if (old !== undefined && !isTerminating(old)) return fail(`pod ${oldName}: still running, ${wantNew}`);
  if (old !== undefined) return fail(`pod ${oldName}: still terminating, ${wantNew}`);

  const deployment = view.get('Deployment', replaced.deployment);
  if (deployment === undefined) return fail(`pod ${oldName}: gone, but deployment ${replaced.deployment} is not found`);
  const successor = servingPods(podsOfDeployment(deployment, view)).find((pod) => nameOf(pod) !== oldName);
  if (successor === undefined) return fail(`pod ${oldName}: gone, but deployment ${replaced.deployment} has no new ready Pod yet`);
  return pass(`pod ${oldName}: replaced by ${nameOf(successor)} (ready)`);
}

export function evaluateRollout({ rollout }: RolloutCheck, view: ClusterView): CheckResult {
  const what = `deployment ${rollout.deployment}`;
  const deployment = view.get('Deployment', rollout.deployment);
  if (deployment === undefined) return fail(`${what}: not found`);
  const history = revisionsOf(deployment, view);
  const seen: string[] = [];

  if (rollout.revisions !== undefined) {
    const have = count(history.length, 'revision');
    const wanted = rollout.revisions;
    const [want, ok] =
      typeof wanted === 'number' ? [`${wanted}`, history.length === wanted] : [`at least ${wanted.atLeast}`, history.length >= wanted.atLeast];
    if (!ok) return fail(`${what}: ${have}, want ${want}`);
    seen.push(have);
  }

  if (rollout.revision !== undefined) {
    const entry = history.find((item) => item.revision === rollout.revision);
    const wantImage = rollout.image === undefined ? '' : `, want one running ${rollout.image}`;
    if (entry === undefined) {
      const known = history.length === 0 ? 'none' : history.map((item) => item.revision).join(', ');
      return fail(`${what}: no revision ${rollout.revision} (revisions: ${known})${wantImage}`);
    }
    if (rollout.image === undefined) {
      seen.push(`revision ${rollout.revision} exists`);
    } else {
      const containers = containersOf(entry.replicaSet);
      const container = rollout.container === undefined ? containers[0] : containers.find((item) => item.name === rollout.container);
      if (container === undefined) return fail(`${what}: revision ${rollout.revision} has no container ${rollout.container ?? ''}`.trimEnd());
      const runs = `revision ${rollout.revision} runs ${container.image ?? 'no image'}`;
      if (container.image !== rollout.image) return fail(`${what}: ${runs}, want ${rollout.image}`);
      seen.push(runs);
    }
  }
  if (rollout.complete === true) {
    const progress = rolloutProgress(deployment);
    if (progress !== undefined) return fail(`${what}: ${progress}, want the rollout complete`);
    seen.push('rollout complete');
  }
  return pass(`${what}: ${seen.join(', ')}`);
}

/**
 * What still keeps the rollout from complete, in the order `kubectl rollout status` asks
 * (kubectl/pkg/polymorphichelpers/rollout_status.go), or undefined when it is complete. The
 * generation test matters: right after `kubectl set image` the status still describes the
 * previous template, whose Pods are all updated and available.
 */
function rolloutProgress(deployment: KubeObject): string | undefined {
  const number = (...keys: string[]): number => Number(dig(deployment, ...keys) ?? 0);
  if (number('status', 'observedGeneration') < number('metadata', 'generation')) return 'the controller has not picked up the change yet';
  const conditions = dig(deployment, 'status', 'conditions');
  const progressing = Array.isArray(conditions) ? conditions.find((c) => dig(c, 'type') === 'Progressing') : undefined;
  if (dig(progressing, 'reason') === 'ProgressDeadlineExceeded') return 'the rollout exceeded its progress deadline';
  const replicas = desiredReplicas(deployment);
  const updated = number('status', 'updatedReplicas');
  const total = number('status', 'replicas');
  const available = number('status', 'availableReplicas');
  if (updated < replicas) return `${updated} of ${replicas} new replicas updated`;
  if (total > updated) return `${total - updated} old ${total - updated === 1 ? 'replica' : 'replicas'} pending termination`;
  if (available < updated) return `${available} of ${updated} updated replicas available`;
  return undefined;
}
