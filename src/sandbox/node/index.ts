/**
 * The simulated node `minikube`: a scheduler that binds Pods to it and a kubelet that runs them,
 * with container logs for the API server's `pods/log`.
 */
import type { SimClock } from '../clock.js';
import type { Registry } from '../registry/registry.js';
import { typeKey } from '../api/resources.js';
import type { ObjectStore, StoreEvent } from '../store/object-store.js';
import type { PodLogSource } from '../server/logs.js';
import { NODE_IP, NODE_NAME } from '../bootstrap.js';
import type { EventRecorder } from '../controllers/events/event-recorder.js';
import { NODES, PODS } from '../controllers/kinds.js';
import { ContainerLogs } from './container-logs.js';
import { ImagePuller } from './image-puller.js';
import { PodIpAllocator } from './ip-allocator.js';
import { Kubelet } from './kubelet.js';
import { Scheduler } from './scheduler.js';
import { TaskRunner } from './task-runner.js';

export interface SimNode {
  /** What `kubectl logs` reads, for the API server. */
  logSource: PodLogSource;
  stop(): void;
}

export function startNode({ store, registry, clock, events }: { store: ObjectStore; registry: Registry; clock: SimClock; events: EventRecorder }): SimNode {
  const logs = new ContainerLogs(store, clock);
  const runner = new TaskRunner(clock);
  const scheduler = new Scheduler(registry, NODE_NAME, events.eventsApi('default-scheduler', `default-scheduler-${NODE_NAME}`), runner);
  const kubelet = new Kubelet(
    {
      registry,
      clock,
      recorder: events.legacy({ component: 'kubelet', host: NODE_NAME }),
      logs,
      images: new ImagePuller(clock),
      ips: new PodIpAllocator(),
      hostIP: NODE_IP,
      runner,
      node: () => store.peek(NODES, undefined, NODE_NAME),
    },
    NODE_NAME,
  );
  const dispatch = (event: StoreEvent) => {
    scheduler.onEvent(event);
    kubelet.onEvent(event);
  };
  const unsubscribe = store.subscribe(dispatch);
  // Pods stored before the node started: bound ones are adopted, pending ones scheduled.
  for (const pod of store.list(PODS).items) {
    dispatch({ type: 'ADDED', typeKey: typeKey(PODS), object: pod, resourceVersion: Number(pod.metadata.resourceVersion) });
  }
  return {
    logSource: logs,
    stop() {
      unsubscribe();
      runner.stop();
      kubelet.stop();
    },
  };
}
