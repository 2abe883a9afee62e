/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go syncDeployment, and
 * sync.go's paused and scaling paths). Changes of Deployments, of the ReplicaSets they control and
 * deletions of their Pods queue the Deployment; a sync picks the path: status only while deleting,
 * scale only while paused or on a scaling event, else the strategy's rollout.
 */
import { typeKey } from '../../api/resources.js';
import type { KubeObject } from '../../api/status.js';
import type { StoreEvent } from '../../store/object-store.js';
import type { ClusterIndex } from '../cluster-index.js';
import { DEPLOYMENTS, PODS, REPLICA_SETS } from '../kinds.js';
import { controllerOf, isControlledBy, objectKey, splitKey } from '../object-meta.js';
import type { Queue } from '../work-queue.js';
import { annotationNumber, DesiredReplicasAnnotation } from './annotations.js';
import { getCondition, newCondition, PausedDeployReason, ResumedDeployReason, setCondition, TimedOutReason } from './conditions.js';
import type { DeploymentContext } from './context.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { rolloutRecreate, type PodMap } from './recreate.js';
import { hasProgressDeadline } from './replica-math.js';
import { filterActive, specReplicas } from './replica-sets.js';
import { rolloutRolling } from './rolling.js';
import { cleanupDeployment, scale } from './scaling.js';
import { syncDeploymentStatus, writeDeploymentStatus } from './status.js';

const DEPLOYMENT_KEY = typeKey(DEPLOYMENTS);
const REPLICA_SET_KEY = typeKey(REPLICA_SETS);
const POD_KEY = typeKey(PODS);

export class DeploymentController {
  constructor(
    private readonly ctx: DeploymentContext,
    private readonly index: ClusterIndex,
    private readonly queue: Queue,
  ) {}

  onEvent(event: StoreEvent): void {
    if (event.typeKey === DEPLOYMENT_KEY) {
      if (event.type === 'DELETED') this.ctx.progress.forget(event.object.metadata.uid);
      else this.queue.add(objectKey(event.object));
    } else if (event.typeKey === REPLICA_SET_KEY) {
      // A ReplicaSet changed owner: both the old and the new Deployment need a look.
      for (const rs of [event.previous, event.object]) this.enqueueOwner(rs);
    } else if (event.typeKey === POD_KEY && event.type === 'DELETED') {
      // Recreate waits for the last old Pod to be gone.
      const rsRef = controllerOf(event.object);
      const rs = rsRef?.kind === 'ReplicaSet' ? this.index.get(rsRef.uid) : undefined;
      this.enqueueOwner(rs);
    }
  }

  private enqueueOwner(rs: KubeObject | undefined): void {
    const ref = rs && controllerOf(rs);
    if (rs && ref?.kind === 'Deployment') this.queue.add(`${rs.metadata.namespace}/${ref.name}`);
  }

  readonly sync = (key: string): void => {
    const { namespace, name } = splitKey(key);
    const stored = this.ctx.store.peek(DEPLOYMENTS, namespace, name);
    if (!stored) return;
    const d = structuredClone(stored);
    d.status ??= {};
    const ctx = this.ctx;

    if (d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, this.replicaSetsOf(d), false);
      return syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
    }
    this.checkPausedConditions(d);
    if (d.spec.paused || this.isScalingEvent(d)) return this.scaleOnly(d);
    if (d.spec.strategy?.type === 'Recreate') {
      const rsList = this.replicaSetsOf(d);
      return rolloutRecreate(ctx, d, rsList, this.podMap(rsList));
    }
    rolloutRolling(ctx, d, this.replicaSetsOf(d));
  };

  /** sync: reconciles a scaling event or a paused Deployment, without rolling anything out. */
  private scaleOnly(d: KubeObject): void {
    const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(this.ctx, d, this.replicaSetsOf(d), false);
    scale(this.ctx, d, newRS, oldRSs);
    // Clean up a paused Deployment's history too (no rollback can be in flight in apps/v1).
    if (d.spec.paused) cleanupDeployment(this.ctx, oldRSs, d);
    syncDeploymentStatus(this.ctx, [...oldRSs, newRS], newRS, d);
  }

  /**
   * checkPausedConditions: a paused Deployment reports Progressing Unknown, so the time spent paused
   * never counts against its progress deadline.
   */
  private checkPausedConditions(d: KubeObject): void {
    if (!hasProgressDeadline(d)) return;
    const current = getCondition(d.status, 'Progressing');
    if (current?.reason === TimedOutReason) return;
    const pausedConditionExists = current?.reason === PausedDeployReason;
    const now = this.ctx.clock.timestamp();
    if (d.spec.paused && !pausedConditionExists) {
      setCondition(d.status, newCondition('Progressing', 'Unknown', PausedDeployReason, 'Deployment is paused', now));
    } else if (!d.spec.paused && pausedConditionExists) {
      setCondition(d.status, newCondition('Progressing', 'Unknown', ResumedDeployReason, 'Deployment is resumed', now));
    } else return;
    writeDeploymentStatus(this.ctx, d);
  }

  /** isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas. */
  private isScalingEvent(d: KubeObject): boolean {
    const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(this.ctx, d, this.replicaSetsOf(d), false);
    return filterActive([...oldRSs, newRS]).some((rs) => {
      const desired = annotationNumber(rs, DesiredReplicasAnnotation);
      return desired !== undefined && desired !== specReplicas(d);
    });
  }

  /** getReplicaSetsForDeployment, read fresh from the store: the sandbox's cache is never stale. */
  private replicaSetsOf(d: KubeObject): KubeObject[] {
    return this.index.dependents(d.metadata.uid, REPLICA_SETS).filter((rs) => isControlledBy(rs, d));
  }

  private podMap(rsList: KubeObject[]): PodMap {
    const map: PodMap = new Map();
    for (const rs of rsList) map.set(rs.metadata.uid, this.index.dependents(rs.metadata.uid, PODS).filter((pod) => isControlledBy(pod, rs)));
    return map;
  }
}
