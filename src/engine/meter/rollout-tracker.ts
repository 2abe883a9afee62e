/**
 * Sees rollouts happen: from the live Deployments, ReplicaSets and Pods, when a Deployment's Pod
 * template changes (a rollout starts) and when it has completed, as `kubectl rollout status`
 * decides it. While one runs, it samples the ready Pods of the old and new ReplicaSets and the
 * terminating Pods, the rows of the rollout timeline.
 */
import type { ClusterView } from '../checks/cluster-view.js';
import { desiredReplicas, dig, isOwnedBy, isPodReady, isTerminating, nameOf, revisionOf, type KubeObject } from '../checks/k8s.js';
import type { RolloutSpan } from '../checks/traffic-record.js';
import { podsOfDeployment } from '../checks/workload.js';
import { rolloutReplicaSet } from './rollout-replica-set.js';

export interface PodCounts {
  at: number;
  /** Ready, not terminating Pods of the ReplicaSets before the rollout's. */
  oldReady: number;
  /** Ready, not terminating Pods of the rollout's ReplicaSet. */
  newReady: number;
  /** Pods shutting down (any ReplicaSet). */
  terminating: number;
}

export interface TrackedRollout {
  span: RolloutSpan;
  /** Revision of the ReplicaSet the rollout moves to, once it exists. */
  newRevision?: number;
  oldRevisions: number[];
  points: PodCounts[];
}

export interface RolloutEvents {
  started(rollout: TrackedRollout): void;
  completed(rollout: TrackedRollout): void;
}

interface DeploymentState {
  template: string;
  open?: TrackedRollout;
}

/** `kubectl rollout status`'s "successfully rolled out": the controller saw the change and every replica is new and available. */
export function rolloutComplete(deployment: KubeObject): boolean {
  const want = desiredReplicas(deployment);
  const number = (...path: string[]): number => {
    const value = dig(deployment, 'status', ...path);
    return typeof value === 'number' ? value : 0;
  };
  const generation = dig(deployment, 'metadata', 'generation');
  const observed = dig(deployment, 'status', 'observedGeneration');
  if (typeof generation === 'number' && (typeof observed !== 'number' || observed < generation)) return false;
  return number('updatedReplicas') >= want && number('replicas') <= number('updatedReplicas') && number('availableReplicas') >= number('updatedReplicas');
}

export class RolloutTracker {
  private readonly deployments = new Map<string, DeploymentState>();

  constructor(
    private readonly events: RolloutEvents,
    /** Only this Deployment, or every one in the namespace. */
    private readonly only?: string,
  ) {}

  /** The rollouts in progress. */
  get open(): TrackedRollout[] {
    return [...this.deployments.values()].flatMap((state) => (state.open === undefined ? [] : [state.open]));
  }

  observe(view: ClusterView, now: number): void {
    const seen = new Set<string>();
    for (const deployment of view.list('Deployment')) {
      const name = nameOf(deployment);
      if (this.only !== undefined && name !== this.only) continue;
      seen.add(name);
      this.observeOne(deployment, view, now);
    }
    for (const name of [...this.deployments.keys()]) if (!seen.has(name)) this.deployments.delete(name);
  }

  private observeOne(deployment: KubeObject, view: ClusterView, now: number): void {
    const name = nameOf(deployment);
    const template = JSON.stringify(dig(deployment, 'spec', 'template') ?? null);
    let state = this.deployments.get(name);
    if (state === undefined) {
      state = { template };
      this.deployments.set(name, state);
      // Already rolling when first seen: its start is unknown, so no check may count it as whole.
      if (!rolloutComplete(deployment)) this.begin(state, name, now, false);
    } else if (state.template !== template) {
      state.template = template;
      this.begin(state, name, now, true);
    }
    const open = state.open;
    if (open === undefined) return;
    this.sample(open, deployment, view, now);
    if (rolloutComplete(deployment)) {
      open.span.completedAt = now;
      state.open = undefined;
      this.events.completed(open);
    }
  }

  private begin(state: DeploymentState, deployment: string, now: number, sawStart: boolean): void {
    const rollout: TrackedRollout = { span: { deployment, startedAt: now, sawStart }, oldRevisions: [], points: [] };
    state.open = rollout;
    this.events.started(rollout);
  }

  private sample(rollout: TrackedRollout, deployment: KubeObject, view: ClusterView, now: number): void {
    const replicaSets = view.list('ReplicaSet').filter((rs) => isOwnedBy(rs, deployment, 'Deployment'));
    const current = rolloutReplicaSet(deployment, replicaSets);
    if (current !== undefined) {
      rollout.newRevision = revisionOf(current);
      const old = replicaSets.filter((rs) => rs !== current).map(revisionOf).filter((r): r is number => r !== undefined);
      rollout.oldRevisions = [...new Set([...rollout.oldRevisions, ...old])].sort((a, b) => a - b);
    }
    const counts: PodCounts = { at: now, oldReady: 0, newReady: 0, terminating: 0 };
    for (const pod of podsOfDeployment(deployment, view)) {
      if (isTerminating(pod)) counts.terminating += 1;
      else if (isPodReady(pod)) {
        if (current !== undefined && isOwnedBy(pod, current, 'ReplicaSet')) counts.newReady += 1;
        else counts.oldReady += 1;
      }
    }
    const last = rollout.points.at(-1);
    if (last === undefined || last.oldReady !== counts.oldReady || last.newReady !== counts.newReady || last.terminating !== counts.terminating) {
      rollout.points.push(counts);
    }
  }
}
