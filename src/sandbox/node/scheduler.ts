/**
 * The scheduler of a one-node cluster: every Pod without a node that names the default scheduler is
 * bound to the node, with the `Scheduled` event the real kube-scheduler writes through events.k8s.io.
 * A cordoned or missing node leaves Pods Pending with `FailedScheduling`, retried when the node changes.
 */
import { typeKey } from '../api/resources.js';
import { ApiError, type KubeObject } from '../api/status.js';
import type { Registry } from '../registry/registry.js';
import type { StoreEvent } from '../store/object-store.js';
import type { Recorder } from '../controllers/events/event-recorder.js';
import { NODES, PODS } from '../controllers/kinds.js';
import { isPodTerminal } from '../controllers/pod-util.js';
import { bindPod } from './binding.js';
import type { TaskRunner } from './task-runner.js';

const POD_KEY = typeKey(PODS);
const NODE_KEY = typeKey(NODES);

export class Scheduler {
  /** Pods queued to be scheduled, by `namespace/name`. */
  private readonly pending = new Set<string>();
  /** Pods already told why they cannot be scheduled. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly registry: Registry,
    private readonly nodeName: string,
    private readonly recorder: Recorder,
    private readonly runner: TaskRunner,
  ) {}

  onEvent(event: StoreEvent): void {
    if (event.typeKey === NODE_KEY && event.object.metadata.name === this.nodeName) {
      // The node appeared or changed (uncordoned, say): try the Pods that could not go anywhere.
      const waiting = [...this.reported];
      this.reported.clear();
      for (const key of waiting) {
        const [namespace, name] = key.split('/') as [string, string];
        const pod = this.registry.store.peek(PODS, namespace, name);
        if (pod) this.consider(pod);
      }
    } else if (event.typeKey === POD_KEY && event.type !== 'DELETED') this.consider(event.object);
  }

  private consider(pod: KubeObject): void {
    if (pod.spec?.nodeName || pod.metadata.deletionTimestamp || isPodTerminal(pod)) return;
    if ((pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') return;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (this.pending.has(key)) return;
    this.pending.add(key);
    // Scheduling happens after the write that created the Pod returns, like a separate process.
    this.runner.run(() => {
      this.pending.delete(key);
      this.schedule(key);
    });
  }

  private schedule(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const pod = this.registry.store.peek(PODS, namespace, name);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return;
    const node = this.registry.store.peek(NODES, undefined, this.nodeName);
    if (!node || node.spec?.unschedulable) return this.unschedulable(pod, key, !!node);
    try {
      const bound = bindPod(this.registry, namespace, name, this.nodeName);
      this.reported.delete(key);
      this.recorder.event(bound, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${this.nodeName}`, { action: 'Binding' });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  /** FailedScheduling and PodScheduled=False, worded as the 1.32 scheduler words them for one node. */
  private unschedulable(pod: KubeObject, key: string, nodeExists: boolean): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const message = nodeExists
      ? '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.'
      : 'no nodes available to schedule pods';
    this.recorder.event(pod, 'Warning', 'FailedScheduling', message, { action: 'Scheduling' });
    const condition = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: this.registry.clock.timestamp(), reason: 'Unschedulable', message };
    const conditions = (pod.status?.conditions ?? []).filter((c: KubeObject) => c.type !== 'PodScheduled');
    const { namespace, name } = pod.metadata;
    this.registry.update(PODS, namespace, name, { ...pod, status: { ...pod.status, conditions: [...conditions, condition] } }, { subresource: 'status' });
  }
}
