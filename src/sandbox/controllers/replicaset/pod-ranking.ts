/**
 * Which Pods a ReplicaSet deletes first when it shrinks (controller_utils.go ActivePodsWithRanks,
 * replica_set.go getPodsToDelete, with the 1.32 defaults PodDeletionCost and LogarithmicScaleDown on):
 * unscheduled before scheduled, pending before running, not ready before ready, cheaper deletion cost,
 * more crowded node, more recently ready, more restarts, younger.
 */
import type { KubeObject } from '../../api/status.js';
import { isPodReady, maxRestarts, podCondition } from '../pod-util.js';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** A candidate with its sort keys read once, so a sort of 4,000 Pods parses no timestamp twice. */
interface RankedPod {
  pod: KubeObject;
  /** How many related active Pods share its node. */
  rank: number;
  uid: string;
  scheduled: boolean;
  phase: number;
  ready: boolean;
  cost: number;
  readySince: number;
  restarts: number;
  created: number;
}

function deletionCost(pod: KubeObject): number {
  const cost = Number.parseInt(pod.metadata.annotations?.[DELETION_COST] ?? '0', 10);
  return Number.isNaN(cost) ? 0 : cost;
}

const time = (value: string | undefined) => (value ? Date.parse(value) : 0);

function ranked(pod: KubeObject, rank: number): RankedPod {
  const ready = isPodReady(pod);
  return {
    pod,
    rank,
    uid: pod.metadata.uid,
    scheduled: !!pod.spec?.nodeName,
    phase: PHASE_ORDINAL[pod.status?.phase] ?? 0,
    ready,
    cost: deletionCost(pod),
    readySince: ready ? time(podCondition(pod, 'Ready')?.lastTransitionTime) : 0,
    restarts: maxRestarts(pod),
    created: time(pod.metadata.creationTimestamp),
  };
}

/** logarithmicRankDiff: compares how long ago two instants were on a base-2 log scale (in ns). */
function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => {
    const ns = (now - t) * 1e6;
    return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** The newer-first comparison of steps 6 and 8; zero times sort first. */
function newerFirst(a: RankedPod, b: RankedPod, ta: number, tb: number, now: number): number | undefined {
  if (ta === tb) return undefined;
  if (!ta || !tb) return !ta ? -1 : 1;
  const diff = logarithmicRankDiff(ta, tb, now);
  if (diff === 0) return a.uid < b.uid ? -1 : 1;
  return diff < 0 ? -1 : 1;
}

function compare(a: RankedPod, b: RankedPod, now: number): number {
  if (a.scheduled !== b.scheduled) return !a.scheduled ? -1 : 1;
  if (a.phase !== b.phase) return a.phase - b.phase;
  if (a.ready !== b.ready) return !a.ready ? -1 : 1;
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (a.ready && b.ready) {
    const byReady = newerFirst(a, b, a.readySince, b.readySince, now);
    if (byReady !== undefined) return byReady;
  }
  if (a.restarts !== b.restarts) return b.restarts - a.restarts;
  return newerFirst(a, b, a.created, b.created, now) ?? 0;
}

/**
 * getPodsToDelete: the first `count` of `pods` in deletion order. `related` are the active Pods of
 * every ReplicaSet of the same owner, whose spread over nodes ranks the candidates.
 */
export function podsToDelete(pods: KubeObject[], related: KubeObject[], count: number): KubeObject[] {
  if (count >= pods.length) return pods;
  const perNode = new Map<string, number>();
  for (const pod of related) perNode.set(pod.spec?.nodeName ?? '', (perNode.get(pod.spec?.nodeName ?? '') ?? 0) + 1);
  const candidates = pods.map((pod) => ranked(pod, perNode.get(pod.spec?.nodeName ?? '') ?? 0));
  const now = Date.now();
  return candidates.sort((a, b) => compare(a, b, now)).slice(0, count).map((r) => r.pod);
}
