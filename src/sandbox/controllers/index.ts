/**
 * The sandbox's kube-controller-manager: the Deployment, ReplicaSet, DaemonSet, garbage-collector, namespace,
 * Endpoints, EndpointSlice, ServiceAccounts, ClusterRole aggregation and ResourceQuota controllers, fed by one subscription to the store (their informers)
 * and run from one set of work queues.
 */
import { RESOURCE_TYPES, typeKey } from '../api/resources.js';
import type { SimClock } from '../clock.js';
import type { Registry } from '../registry/registry.js';
import type { ObjectStore, StoreEvent } from '../store/object-store.js';
import { ClusterIndex } from './cluster-index.js';
import { DaemonSetController } from './daemonset/daemon-set-controller.js';
import { DeploymentController } from './deployment/deployment-controller.js';
import { ProgressMarks } from './deployment/progress-marks.js';
import { EndpointsController } from './endpoints/endpoints-controller.js';
import { EndpointSliceController } from './endpoints/endpointslice-controller.js';
import { ServiceMembers } from './endpoints/service-members.js';
import { EventRecorder } from './events/event-recorder.js';
import { EventExpiry } from './events/event-ttl.js';
import { GarbageCollector } from './garbage-collector.js';
import { NamespaceController } from './namespace-controller.js';
import { objectKey } from './object-meta.js';
import { PodReadiness } from './pod-readiness.js';
import { OwnedPodTally } from './replicaset/owned-pod-tally.js';
import { ReplicaSetController } from './replicaset/replica-set-controller.js';
import { WorkQueue } from './work-queue.js';
import { ServiceAccountsController } from './service-accounts.js';
import { ClusterRoleAggregationController } from './clusterrole-aggregation.js';
import { ResourceQuotaController } from './resource-quota.js';

export { EventRecorder } from './events/event-recorder.js';
export type { EventType, Recorder } from './events/event-recorder.js';

export interface ControllerManager {
  /** The recorder the controllers write Events with; the simulated node shares it. */
  events: EventRecorder;
  stop(): void;
}

export function startControllers({ store, registry, clock, eventTtlMs }: { store: ObjectStore; registry: Registry; clock: SimClock; eventTtlMs?: number }): ControllerManager {
  const events = new EventRecorder(registry);
  // Not a controller in kube-controller-manager: the apiserver's etcd leases, run here with them.
  const expiry = new EventExpiry(store, eventTtlMs);
  const index = new ClusterIndex();
  const readiness = new PodReadiness(clock);
  const tally = new OwnedPodTally();
  const work = new WorkQueue(clock);

  const namespaces = new NamespaceController(registry, index, work.queue('namespace', (key) => namespaces.sync(key)));
  const gc = new GarbageCollector(registry, index, work.queue('garbagecollector', (key) => gc.sync(key)));
  const replicaSets = new ReplicaSetController(
    { registry, store, clock, index, readiness, tally, recorder: events.legacy({ component: 'replicaset-controller' }) },
    work.queue('replicaset', (key) => replicaSets.sync(key)),
  );
  // Deployments read ReplicaSet statuses: they wait until no ReplicaSet sync is pending.
  const deploymentQueue = work.queue('deployment', (key) => deployments.sync(key), 'replicaset');
  const deployments = new DeploymentController(
    {
      registry,
      store,
      clock,
      recorder: events.legacy({ component: 'deployment-controller' }),
      progress: new ProgressMarks(clock),
      requeueAfter: (d, simMs) => deploymentQueue.addAfter(objectKey(d), simMs),
    },
    index,
    deploymentQueue,
  );
  const daemonSets = new DaemonSetController(
    { registry, store, index, readiness, recorder: events.legacy({ component: 'daemonset-controller' }) },
    work.queue('daemonset', (key) => daemonSets.sync(key)),
  );
  const members = new ServiceMembers(index);
  const endpoints = new EndpointsController(registry, members, work.queue('endpoint', (key) => endpoints.sync(key)));
  const slices = new EndpointSliceController(registry, index, members, work.queue('endpointslice', (key) => slices.sync(key)));
  const serviceAccounts = new ServiceAccountsController(registry, work.queue('serviceaccount', (key) => serviceAccounts.sync(key)));
  const aggregation = new ClusterRoleAggregationController(registry, work.queue('clusterrole-aggregation', (key) => aggregation.sync(key)));
  const quotas = new ResourceQuotaController(registry, clock, work.queue('resourcequota', (key) => quotas.sync(key)));
  const controllers = [namespaces, gc, replicaSets, deployments, daemonSets, endpoints, slices, serviceAccounts, aggregation, quotas];

  const dispatch = (event: StoreEvent) => {
    index.observe(event);
    readiness.observe(event);
    tally.observe(event);
    members.observe(event);
    for (const controller of controllers) controller.onEvent(event);
  };
  const unsubscribe = store.subscribe(dispatch);
  // The informers' initial list: everything already stored arrives as ADDED.
  for (const type of RESOURCE_TYPES) {
    for (const object of store.list(type).items) {
      dispatch({ type: 'ADDED', typeKey: typeKey(type), object, resourceVersion: Number(object.metadata.resourceVersion) });
    }
  }

  return {
    events,
    stop() {
      unsubscribe();
      expiry.stop();
      work.stop();
    },
  };
}
