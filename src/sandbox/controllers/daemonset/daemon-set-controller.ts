/**
 * The DaemonSet controller (pkg/controller/daemon/daemon_controller.go, update.go): one Pod on
 * every node that should run it, created from the template with a controller reference, the
 * revision labels and a node affinity naming the node; Pods on nodes that should not run it
 * deleted; a changed template rolled out node by node (RollingUpdate, by maxUnavailable or
 * maxSurge) or left to the user (OnDelete); and the status kubectl prints.
 */
import { isDeepStrictEqual } from 'node:util';
import { typeKey } from '../../api/resources.js';
import { ApiError, type KubeObject } from '../../api/status.js';
import { templateGeneration } from '../../admission/strategy.js';
import type { Registry } from '../../registry/registry.js';
import type { ObjectStore, StoreEvent } from '../../store/object-store.js';
import { labelSelectorFromObject } from '../../store/selectors.js';
import type { ClusterIndex } from '../cluster-index.js';
import type { Recorder } from '../events/event-recorder.js';
import { DAEMON_SETS, NODES, PODS } from '../kinds.js';
import { controllerOf, isControlledBy, newControllerRef, objectKey, splitKey } from '../object-meta.js';
import type { PodReadiness } from '../pod-readiness.js';
import { isPodReady } from '../pod-util.js';
import { createControlledPod, setPodController } from '../pod-control.js';
import type { Queue } from '../work-queue.js';
import { DaemonHistory } from './daemon-history.js';
import { daemonPodTemplate, isPodUpdated, nodeShouldRunDaemonPod, REVISION_HASH_LABEL, targetNodeName } from './node-placement.js';
import { rollingUpdateDeletions, type NodePods } from './rolling-update.js';

const DAEMON_SET_KEY = typeKey(DAEMON_SETS);
const POD_KEY = typeKey(PODS);
const NODE_KEY = typeKey(NODES);

export interface DaemonSetControllerDeps {
  registry: Registry;
  store: ObjectStore;
  index: ClusterIndex;
  readiness: PodReadiness;
  recorder: Recorder;
}

/** podByCreationTimestampAndPhase: running before pending, then oldest first. */
function byAgeAndPhase(a: KubeObject, b: KubeObject): number {
  const running = (p: KubeObject) => (p.status?.phase === 'Running' ? 0 : 1);
  if (running(a) !== running(b)) return running(a) - running(b);
  const at = (p: KubeObject) => Date.parse(p.metadata.creationTimestamp ?? '') || 0;
  return at(a) - at(b) || String(a.metadata.name).localeCompare(String(b.metadata.name));
}

export class DaemonSetController {
  private readonly history: DaemonHistory;
  /** DaemonSets an orphan Pod may match: only their next sync scans the namespace for orphans. */
  private readonly orphansFor = new Set<string>();

  constructor(
    private readonly deps: DaemonSetControllerDeps,
    private readonly queue: Queue,
  ) {
    this.history = new DaemonHistory(deps.registry, deps.index);
  }

  onEvent(event: StoreEvent): void {
    if (event.typeKey === DAEMON_SET_KEY) {
      // A new DaemonSet may adopt Pods already there.
      if (event.type === 'ADDED') this.orphansFor.add(objectKey(event.object));
      return this.queue.add(objectKey(event.object));
    }
    if (event.typeKey === NODE_KEY) {
      // A node came, went, or changed labels or taints: every DaemonSet looks at it again.
      for (const ds of this.allDaemonSets()) this.queue.add(objectKey(ds));
      return;
    }
    if (event.typeKey !== POD_KEY) return;
    for (const pod of [event.previous, event.object]) {
      const ref = pod && controllerOf(pod);
      if (pod && ref?.kind === 'DaemonSet') this.queue.add(`${pod.metadata.namespace}/${ref.name}`);
    }
    // An orphan wakes the DaemonSets that select it: they adopt it (getDaemonSetsForPod).
    const pod = event.object;
    if (event.type !== 'DELETED' && !controllerOf(pod) && !pod.metadata.deletionTimestamp) {
      for (const ds of this.deps.index.inNamespace(DAEMON_SETS, pod.metadata.namespace)) {
        if (!labelSelectorFromObject(ds.spec?.selector)(pod.metadata.labels)) continue;
        this.orphansFor.add(objectKey(ds));
        this.queue.add(objectKey(ds));
      }
    }
  }

  private allDaemonSets(): KubeObject[] {
    return this.deps.store.list(DAEMON_SETS).items;
  }

  private nodes(): KubeObject[] {
    return this.deps.index.inNamespace(NODES, '');
  }

  readonly sync = (key: string): void => {
    const { namespace, name } = splitKey(key);
    let ds = this.deps.store.peek(DAEMON_SETS, namespace, name);
    if (!ds) return;
    const history = this.history.construct(ds);
    ds = this.deps.store.peek(DAEMON_SETS, namespace, name) ?? ds;
    const nodes = this.nodes();
    if (!ds.metadata.deletionTimestamp) {
      const byNode = this.podsByNode(ds);
      const failure = this.manage(ds, nodes, byNode, history.hash);
      if (failure) {
        this.updateStatus(ds, nodes, history.hash);
        throw failure;
      }
      if (ds.spec?.updateStrategy?.type === 'RollingUpdate') this.rollingUpdate(ds, nodes, history.hash);
      this.history.cleanup(ds, history, this.liveHashes(ds));
    }
    this.updateStatus(ds, nodes, history.hash);
    this.requeueForAvailability(ds);
  };

  /** ClaimPods: adopts matching orphans, releases Pods that left the selector; the DaemonSet's Pods. */
  private ownedPods(ds: KubeObject): KubeObject[] {
    const matches = labelSelectorFromObject(ds.spec?.selector);
    const owned: KubeObject[] = [];
    for (const pod of this.deps.index.dependents(ds.metadata.uid, PODS)) {
      if (!isControlledBy(pod, ds)) continue;
      if (!pod.metadata.deletionTimestamp && !matches(pod.metadata.labels)) {
        setPodController(this.deps.registry, pod, ds, false);
        continue;
      }
      owned.push(pod);
    }
    // The namespace is scanned only when an orphan appeared, so a sync costs what the DaemonSet owns.
    if (!this.orphansFor.delete(objectKey(ds)) || ds.metadata.deletionTimestamp) return owned;
    for (const pod of this.deps.index.inNamespace(PODS, ds.metadata.namespace)) {
      if (controllerOf(pod) || pod.metadata.deletionTimestamp || !matches(pod.metadata.labels)) continue;
      const adopted = setPodController(this.deps.registry, pod, ds, true);
      if (adopted) owned.push(adopted);
    }
    return owned;
  }

  /** getNodesToDaemonPods: the DaemonSet's Pods by the node they are on or meant for. */
  private podsByNode(ds: KubeObject): Map<string, KubeObject[]> {
    const byNode = new Map<string, KubeObject[]>();
    for (const pod of this.ownedPods(ds)) {
      const phase = pod.status?.phase;
      // A finished Pod on its way out is the kubelet's business now.
      if ((phase === 'Succeeded' || phase === 'Failed') && pod.metadata.deletionTimestamp) continue;
      const node = targetNodeName(pod);
      if (node === undefined) continue;
      const pods = byNode.get(node) ?? [];
      pods.push(pod);
      byNode.set(node, pods);
    }
    return byNode;
  }

  /** manage + podsShouldBeOnNode: creates the missing daemon Pods and deletes the ones that should not be. */
  private manage(ds: KubeObject, nodes: KubeObject[], byNode: Map<string, KubeObject[]>, hash: string): ApiError | undefined {
    const create: string[] = [];
    const remove: KubeObject[] = [];
    const surge = this.allowsSurge(ds);
    const known = new Set<string>();
    for (const node of nodes) {
      known.add(node.metadata.name);
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
      const pods = byNode.get(node.metadata.name) ?? [];
      if (shouldRun && pods.length === 0) {
        create.push(node.metadata.name);
      } else if (shouldContinueRunning) {
        const running: KubeObject[] = [];
        for (const pod of pods) {
          if (pod.metadata.deletionTimestamp) continue;
          if (pod.status?.phase === 'Failed') {
            this.deps.recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node.metadata.name}, will try to kill it`);
            remove.push(pod);
          } else if (pod.status?.phase === 'Succeeded') remove.push(pod);
          else running.push(pod);
        }
        remove.push(...this.excessPods(running.sort(byAgeAndPhase), surge, hash));
      } else if (!shouldContinueRunning) {
        remove.push(...pods.filter((pod) => !pod.metadata.deletionTimestamp));
      }
    }
    // Pods meant for nodes that no longer exist go too.
    for (const [node, pods] of byNode) if (!known.has(node)) remove.push(...pods.filter((pod) => !pod.metadata.deletionTimestamp));
    return this.syncNodes(ds, remove, create, hash);
  }

  /**
   * More than one daemon Pod running on a node: without surge the oldest stays. With surge, one
   * new and one old may overlap while the new one is not ready yet.
   */
  private excessPods(running: KubeObject[], surge: boolean, hash: string): KubeObject[] {
    if (running.length <= 1) return [];
    if (!surge) return running.slice(1);
    const extra: KubeObject[] = [];
    let oldestNew: KubeObject | undefined;
    let oldestOld: KubeObject | undefined;
    for (const pod of running) {
      if (pod.metadata.labels?.[REVISION_HASH_LABEL] === hash) {
        if (!oldestNew) oldestNew = pod;
        else extra.push(pod);
      } else if (!oldestOld) oldestOld = pod;
      else extra.push(pod);
    }
    if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodReady(oldestNew))) extra.push(oldestOld);
    return extra;
  }

  /** syncNodes: deletes, then creates one Pod per node with the DaemonSet as controller. */
  private syncNodes(ds: KubeObject, remove: readonly KubeObject[], create: readonly string[], hash: string): ApiError | undefined {
    for (const pod of remove) {
      try {
        this.deps.registry.delete(PODS, pod.metadata.namespace, pod.metadata.name, { preconditions: { uid: pod.metadata.uid } });
        this.deps.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.code === 404) continue;
        this.deps.recorder.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${error.message}`);
        return error;
      }
    }
    const generation = templateGeneration(ds.metadata);
    for (const nodeName of create) {
      const template = daemonPodTemplate(ds, hash, generation, nodeName);
      const metadata: KubeObject = { ...template.metadata, generateName: `${ds.metadata.name}-`, ownerReferences: [newControllerRef(ds)] };
      delete metadata.name;
      const error = createControlledPod(this.deps.registry, this.deps.recorder, ds, { apiVersion: 'v1', kind: 'Pod', metadata, spec: template.spec });
      if (error !== undefined) return error;
    }
    return undefined;
  }

  private allowsSurge(ds: KubeObject): boolean {
    const rolling = ds.spec?.updateStrategy;
    return rolling?.type === 'RollingUpdate' && `${rolling.rollingUpdate?.maxSurge ?? 0}` !== '0' && `${rolling.rollingUpdate?.maxSurge ?? 0}` !== '0%';
  }

  /** rollingUpdate: replaces old Pods within maxUnavailable, or surges within maxSurge. */
  private rollingUpdate(ds: KubeObject, nodes: KubeObject[], hash: string): void {
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const nodePods: NodePods[] = [];
    const byNode = this.podsByNode(ds);
    for (const node of nodes) {
      const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
      const pods = byNode.get(node.metadata.name);
      if (shouldRun || pods) nodePods.push({ node: node.metadata.name, shouldRun, pods: pods ?? [] });
    }
    const plan = rollingUpdateDeletions(ds, nodePods, {
      isUpdated: (pod) => isPodUpdated(pod, hash, templateGeneration(ds.metadata)),
      isAvailable: (pod) => this.deps.readiness.isAvailable(pod, minReady),
    });
    const failure = this.syncNodes(ds, plan.remove, plan.create, hash);
    if (failure) throw failure;
  }

  private liveHashes(ds: KubeObject): Set<string> {
    const hashes = new Set<string>();
    for (const pod of this.deps.index.dependents(ds.metadata.uid, PODS)) {
      const hash = pod.metadata.labels?.[REVISION_HASH_LABEL];
      if (hash) hashes.add(hash);
    }
    return hashes;
  }

  /** updateDaemonSetStatus: the counts per node that should run the daemon, written when they change. */
  private updateStatus(ds: KubeObject, nodes: KubeObject[], hash: string): void {
    const current = this.deps.store.peek(DAEMON_SETS, ds.metadata.namespace, ds.metadata.name);
    if (!current) return;
    const byNode = this.podsByNode(current);
    const minReady = current.spec?.minReadySeconds ?? 0;
    const generation = templateGeneration(current.metadata);
    let desired = 0;
    let scheduled = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (const node of nodes) {
      const pods = byNode.get(node.metadata.name) ?? [];
      if (!nodeShouldRunDaemonPod(node, current).shouldRun) {
        if (pods.length) misscheduled++;
        continue;
      }
      desired++;
      if (pods.length === 0) continue;
      scheduled++;
      const pod = [...pods].sort(byAgeAndPhase)[0]!;
      if (isPodReady(pod)) {
        ready++;
        if (this.deps.readiness.isAvailable(pod, minReady)) available++;
      }
      if (isPodUpdated(pod, hash, generation)) updated++;
    }
    // The four counters print even at 0; the others are omitempty.
    const status: KubeObject = {
      currentNumberScheduled: scheduled,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: current.metadata.generation,
      ...(updated ? { updatedNumberScheduled: updated } : {}),
      ...(available ? { numberAvailable: available } : {}),
      ...(desired - available ? { numberUnavailable: desired - available } : {}),
      ...(current.status?.collisionCount !== undefined ? { collisionCount: current.status.collisionCount } : {}),
      ...(current.status?.conditions ? { conditions: current.status.conditions } : {}),
    };
    if (isDeepStrictEqual(current.status, status)) return;
    this.deps.registry.update(DAEMON_SETS, current.metadata.namespace, current.metadata.name, { ...current, status }, { subresource: 'status' });
  }

  /** Ready Pods turn available with time alone: look again once minReadySeconds passed. */
  private requeueForAvailability(ds: KubeObject): void {
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (!minReady) return;
    const status = this.deps.store.peek(DAEMON_SETS, ds.metadata.namespace, ds.metadata.name)?.status;
    if ((status?.numberReady ?? 0) > (status?.numberAvailable ?? 0)) this.queue.addAfter(objectKey(ds), minReady * 1000);
  }
}
