/**
 * Which daemon Pods a RollingUpdate replaces this sync (pkg/controller/daemon/update.go
 * rollingUpdate, updatedDesiredNodeCounts, findUpdatedPodsOnNode). Without surge, old Pods are
 * deleted while no more than maxUnavailable nodes lack an available Pod (manage then creates the
 * new ones); with surge, new Pods are created beside old ones, up to maxSurge, and each old Pod is
 * deleted once its node's new one is available. Pure: the caller deletes and creates.
 */
import type { KubeObject } from '../../api/status.js';

export interface NodePods {
  node: string;
  /** NodeShouldRunDaemonPod's shouldRun for this node. */
  shouldRun: boolean;
  /** The DaemonSet's Pods on it (terminating ones included). */
  pods: KubeObject[];
}

export interface PodJudge {
  isUpdated(pod: KubeObject): boolean;
  isAvailable(pod: KubeObject): boolean;
}

export interface RollingPlan {
  remove: KubeObject[];
  /** Nodes to create a new Pod on (surge). */
  create: string[];
}

/** GetScaledValueFromIntOrPercent, rounding up. */
export function scaledValue(value: unknown, total: number): number {
  if (typeof value === 'number') return value;
  const text = String(value ?? '0');
  if (text.endsWith('%')) return Math.ceil((Number(text.slice(0, -1)) * total) / 100);
  return Number(text) || 0;
}

/** findUpdatedPodsOnNode: at most one live new and one live old Pod, else `ok` is false. */
function splitPods(pods: KubeObject[], judge: PodJudge): { ok: boolean; newPod?: KubeObject; oldPod?: KubeObject } {
  let newPod: KubeObject | undefined;
  let oldPod: KubeObject | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (judge.isUpdated(pod)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { ok: true, ...(newPod ? { newPod } : {}), ...(oldPod ? { oldPod } : {}) };
}

export function rollingUpdateDeletions(ds: KubeObject, nodes: readonly NodePods[], judge: PodJudge): RollingPlan {
  const rolling = ds.spec?.updateStrategy?.rollingUpdate ?? {};
  const desired = nodes.filter((n) => n.shouldRun).length;
  let maxUnavailable = scaledValue(rolling.maxUnavailable ?? 0, desired);
  const maxSurge = scaledValue(rolling.maxSurge ?? 0, desired);
  // An impossible configuration falls back to one unavailable node.
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return maxSurge === 0 ? withoutSurge(nodes, judge, maxUnavailable) : withSurge(nodes, judge, maxSurge);
}

function withoutSurge(nodes: readonly NodePods[], judge: PodJudge, maxUnavailable: number): RollingPlan {
  let unavailable = 0;
  const replacements: KubeObject[] = [];
  const candidates: KubeObject[] = [];
  for (const { pods } of nodes) {
    const { ok, newPod, oldPod } = splitPods(pods, judge);
    if (!ok || (!newPod && !oldPod) || (newPod && oldPod)) {
      // The manage loop sorts this node out; meanwhile it counts as unavailable.
      unavailable++;
    } else if (newPod) {
      if (!judge.isAvailable(newPod)) unavailable++;
    } else if (oldPod) {
      if (!judge.isAvailable(oldPod)) replacements.push(oldPod);
      else if (unavailable < maxUnavailable) candidates.push(oldPod);
    }
  }
  const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
  return { remove: [...replacements, ...candidates.slice(0, room)], create: [] };
}

function withSurge(nodes: readonly NodePods[], judge: PodJudge, maxSurge: number): RollingPlan {
  let surged = 0;
  const remove: KubeObject[] = [];
  const allowed: string[] = [];
  const candidates: string[] = [];
  for (const { node, shouldRun, pods } of nodes) {
    const { ok, newPod, oldPod } = splitPods(pods, judge);
    if (!ok) {
      surged++;
      continue;
    }
    if (!oldPod) continue;
    if (!newPod) {
      if (!judge.isAvailable(oldPod)) {
        if (!shouldRun) remove.push(oldPod);
        else allowed.push(node);
      } else if (surged < maxSurge) candidates.push(node);
    } else if (!judge.isAvailable(newPod)) {
      surged++;
    } else {
      remove.push(oldPod);
    }
  }
  const room = Math.min(Math.max(0, maxSurge - surged), candidates.length);
  return { remove, create: [...allowed, ...candidates.slice(0, room)] };
}
