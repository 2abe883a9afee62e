/**
 * The scheduler of a one-node cluster: every Pod without a node that names the default scheduler is
 * bound to the node if it fits (node-resources.ts), with the `Scheduled` event the real
 * kube-scheduler writes through events.k8s.io. A cordoned or missing node, or one without room,
 * leaves Pods Pending with `FailedScheduling` and PodScheduled=False; they are tried again — and the
 * event repeats, as the scheduler's does — when the node changes or a Pod on it goes away.
 */
import { typeKey } from '../api/resources.js';
import { ApiError, type KubeObject } from '../api/status.js';
import type { Registry } from '../registry/registry.js';
import type { StoreEvent } from '../store/object-store.js';
import type { Recorder } from '../controllers/events/event-recorder.js';
import { NODES, PODS } from '../controllers/kinds.js';
import { isPodTerminal } from '../controllers/pod-util.js';
import { bindPod } from './binding.js';
import { NodeAllocation } from './node-resources.js';
import type { TaskRunner } from './task-runner.js';

const POD_KEY = typeKey(PODS);
const NODE_KEY = typeKey(NODES);

/** The 1.32 scheduler's FitError message for one node. */
function fitError(reasons: string[]): string {
  const preemption = reasons.some((r) => r.startsWith('Insufficient') || r === 'Too many pods') ? '1 No preemption victims found for incoming pod' : '1 Preemption is not helpful for scheduling';
  return `0/1 nodes are available: ${reasons.map((r) => `1 ${r}`).join(', ')}. preemption: 0/1 nodes are available: ${preemption}.`;
}

export class Scheduler {
  /** Pods queued to be scheduled, by `namespace/name`. */
  private readonly pending = new Set<string>();
  /** Pods that could not be scheduled, tried again when something changes. */
  private readonly unschedulable = new Set<string>();
  private readonly allocation: NodeAllocation;

  constructor(
    private readonly registry: Registry,
    private readonly nodeName: string,
    private readonly recorder: Recorder,
    private readonly runner: TaskRunner,
    podLimit = false,
  ) {
    this.allocation = new NodeAllocation(nodeName, podLimit);
  }

  onEvent(event: StoreEvent): void {
    if (event.typeKey === NODE_KEY && event.object.metadata.name === this.nodeName) return this.retry();
    if (event.typeKey !== POD_KEY) return;
    if (this.allocation.observe(event.object, event.type === 'DELETED')) this.retry();
    if (event.type !== 'DELETED') this.consider(event.object);
  }

  /** The node changed (uncordoned, say) or has room again: try the Pods that could not go anywhere. */
  private retry(): void {
    const waiting = [...this.unschedulable];
    this.unschedulable.clear();
    for (const key of waiting) {
      const [namespace, name] = key.split('/') as [string, string];
      const pod = this.registry.store.peek(PODS, namespace, name);
      if (pod) this.consider(pod, true);
    }
  }

  private consider(pod: KubeObject, again = false): void {
    if (pod.spec?.nodeName || pod.metadata.deletionTimestamp || isPodTerminal(pod)) return;
    if ((pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') return;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (this.pending.has(key) || (!again && this.unschedulable.has(key))) return;
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
    if (!node) return this.fail(pod, key, 'no nodes available to schedule pods');
    if (node.spec?.unschedulable) return this.fail(pod, key, fitError(['node(s) were unschedulable']));
    const misfits = this.allocation.misfits(pod, node);
    if (misfits.length) return this.fail(pod, key, fitError(misfits));
    try {
      const bound = bindPod(this.registry, namespace, name, this.nodeName);
      this.recorder.event(bound, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${this.nodeName}`, { action: 'Binding' });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  /** FailedScheduling and PodScheduled=False, worded as the 1.32 scheduler words them for one node. */
  private fail(pod: KubeObject, key: string, message: string): void {
    this.unschedulable.add(key);
    this.recorder.event(pod, 'Warning', 'FailedScheduling', message, { action: 'Scheduling' });
    const old = (pod.status?.conditions ?? []).find((c: KubeObject) => c.type === 'PodScheduled');
    if (old?.status === 'False' && old.message === message) return;
    const condition = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: this.registry.clock.timestamp(), reason: 'Unschedulable', message };
    const conditions = (pod.status?.conditions ?? []).filter((c: KubeObject) => c.type !== 'PodScheduled');
    const { namespace, name } = pod.metadata;
    this.registry.update(PODS, namespace, name, { ...pod, status: { ...pod.status, conditions: [...conditions, condition] } }, { subresource: 'status' });
  }
}
