/**
 * A Pod's status from what the kubelet knows about its sandbox and containers
 * (pkg/kubelet/kubelet_pods.go generateAPIPodStatus and getPhase, status/generate.go): phase, the
 * five conditions in the kubelet's order — a condition keeps its lastTransitionTime while its status
 * holds — IPs, and the container statuses with their state, last state and restart count.
 */
import type { KubeObject } from '../api/status.js';

export interface TerminatedState {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: string;
  finishedAt: string;
  containerID?: string;
}

export type ContainerState = { kind: 'waiting'; reason: string; message?: string } | { kind: 'running'; startedAt: string } | ({ kind: 'terminated' } & TerminatedState);

export interface ContainerRuntimeStatus {
  name: string;
  /** The image as the Pod spec names it, until the runtime reports its own `image` and `imageID`. */
  image: string;
  imageID: string;
  containerID?: string;
  state: ContainerState;
  lastTerminated?: TerminatedState;
  ready: boolean;
  started: boolean;
  restartCount: number;
}

export interface PodRuntimeStatus {
  hostIP: string;
  podIP?: string;
  startTime: string;
  sandboxReady: boolean;
  restartPolicy: string;
  /** Every container stopped for good: the Pod is being deleted (podIsTerminal). */
  terminal: boolean;
  containers: ContainerRuntimeStatus[];
  /** The init containers the node runs (sidecars excepted), in order; empty when the Pod has none. */
  initContainers: ContainerRuntimeStatus[];
  /** Every init container has run to completion (or there are none). */
  initialized: boolean;
}

function terminated(t: TerminatedState): KubeObject {
  const out: KubeObject = { exitCode: t.exitCode, reason: t.reason, startedAt: t.startedAt, finishedAt: t.finishedAt };
  if (t.message) out.message = t.message;
  if (t.containerID) out.containerID = t.containerID;
  return out;
}

function containerStatus(c: ContainerRuntimeStatus): KubeObject {
  const s = c.state;
  const state =
    s.kind === 'waiting'
      ? { waiting: s.message ? { reason: s.reason, message: s.message } : { reason: s.reason } }
      : s.kind === 'running'
        ? { running: { startedAt: s.startedAt } }
        : { terminated: terminated(s) };
  const status: KubeObject = { name: c.name, state, lastState: c.lastTerminated ? { terminated: terminated(c.lastTerminated) } : {}, ready: c.ready, restartCount: c.restartCount, image: c.image, imageID: c.imageID, started: c.started };
  if (c.containerID) status.containerID = c.containerID;
  return status;
}

/** getPhase: waiting containers keep a Pod Pending; one that ran before counts as stopped. */
export function podPhase(runtime: PodRuntimeStatus): string {
  // Init containers still to run keep the Pod Pending (or fail it when they may not restart).
  if (!runtime.initialized && !runtime.terminal) {
    const failed = runtime.initContainers.some((c) => c.state.kind === 'terminated' && c.state.exitCode !== 0);
    return failed && runtime.restartPolicy === 'Never' ? 'Failed' : 'Pending';
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of runtime.containers) {
    if (c.state.kind === 'running') running++;
    else if (c.state.kind === 'terminated') {
      stopped++;
      if (c.state.exitCode === 0) succeeded++;
    } else if (c.lastTerminated && !runtime.terminal) stopped++;
    else if (runtime.terminal) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (runtime.restartPolicy === 'Always' && !runtime.terminal) return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (runtime.restartPolicy === 'Never' || runtime.terminal) return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** The status to write, given the stored one (for PodScheduled, qosClass and transition times). */
export function podStatus(stored: KubeObject | undefined, runtime: PodRuntimeStatus, now: string): KubeObject {
  const previous: KubeObject[] = stored?.conditions ?? [];
  const condition = (type: string, status: boolean, reason?: string, message?: string): KubeObject => {
    const value = status ? 'True' : 'False';
    const old = previous.find((c) => c.type === type);
    const out: KubeObject = { type, status: value, lastProbeTime: null, lastTransitionTime: old?.status === value ? old.lastTransitionTime : now };
    if (reason) out.reason = reason;
    if (message) out.message = message;
    return out;
  };
  const phase = podPhase(runtime);
  const unready = runtime.containers.filter((c) => !c.ready).map((c) => c.name);
  const containersReady =
    unready.length === 0 ? condition('ContainersReady', true) : phase === 'Succeeded' ? condition('ContainersReady', false, 'PodCompleted') : condition('ContainersReady', false, 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`);
  const ready =
    phase === 'Failed' ? condition('Ready', false, 'PodFailed') : containersReady.status === 'True' ? condition('Ready', true) : condition('Ready', false, containersReady.reason, containersReady.message);
  const status: KubeObject = {
    phase,
    conditions: [condition('PodReadyToStartContainers', runtime.sandboxReady), initializedCondition(runtime, condition), ready, containersReady, ...previous.filter((c) => c.type === 'PodScheduled')],
    hostIP: runtime.hostIP,
    hostIPs: [{ ip: runtime.hostIP }],
    startTime: runtime.startTime,
    ...(runtime.initContainers.length ? { initContainerStatuses: runtime.initContainers.map(containerStatus) } : {}),
    containerStatuses: runtime.containers.map(containerStatus),
  };
  if (runtime.podIP) {
    status.podIP = runtime.podIP;
    status.podIPs = [{ ip: runtime.podIP }];
  }
  if (stored?.qosClass) status.qosClass = stored.qosClass;
  return status;
}

/** The Initialized condition: False, naming the init containers not yet completed, until all are. */
function initializedCondition(runtime: PodRuntimeStatus, condition: (type: string, status: boolean, reason?: string, message?: string) => KubeObject): KubeObject {
  if (runtime.initialized) return condition('Initialized', true);
  const incomplete = runtime.initContainers.filter((c) => !(c.state.kind === 'terminated' && c.state.exitCode === 0)).map((c) => c.name);
  return condition('Initialized', false, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`);
}
