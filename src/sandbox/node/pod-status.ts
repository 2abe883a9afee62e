/**
 * A Pod's status from what the kubelet knows about its sandbox and containers
 * (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, status/generate.go): phase, the five conditions
 * in the kubelet's order — a condition keeps its lastTransitionTime while its status holds — IPs,
 * and the container statuses.
 */
import type { KubeObject } from '../api/status.js';

export type ContainerState =
  | { kind: 'waiting'; reason: string }
  | { kind: 'running'; startedAt: string }
  | { kind: 'terminated'; exitCode: number; reason: string; startedAt: string; finishedAt: string };

export interface ContainerRuntimeStatus {
  name: string;
  /** The image as the Pod spec names it, until the runtime reports its own `image` and `imageID`. */
  image: string;
  imageID: string;
  containerID?: string;
  state: ContainerState;
  ready: boolean;
  started: boolean;
  restartCount: number;
}

export interface PodRuntimeStatus {
  hostIP: string;
  podIP?: string;
  startTime: string;
  sandboxReady: boolean;
  /** Set once every container stopped for good (the Pod is being deleted). */
  terminalPhase?: 'Succeeded' | 'Failed';
  containers: ContainerRuntimeStatus[];
}

function containerStatus(c: ContainerRuntimeStatus): KubeObject {
  const state =
    c.state.kind === 'waiting'
      ? { waiting: { reason: c.state.reason } }
      : c.state.kind === 'running'
        ? { running: { startedAt: c.state.startedAt } }
        : { terminated: { exitCode: c.state.exitCode, reason: c.state.reason, startedAt: c.state.startedAt, finishedAt: c.state.finishedAt, containerID: c.containerID } };
  const status: KubeObject = { name: c.name, state, lastState: {}, ready: c.ready, restartCount: c.restartCount, image: c.image, imageID: c.imageID, started: c.started };
  if (c.containerID) status.containerID = c.containerID;
  return status;
}

function podPhase(runtime: PodRuntimeStatus): string {
  if (runtime.terminalPhase) return runtime.terminalPhase;
  return runtime.containers.some((c) => c.state.kind === 'running') ? 'Running' : 'Pending';
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
  const unready = runtime.containers.filter((c) => !c.ready).map((c) => c.name);
  const [reason, message] = runtime.terminalPhase ? ['PodCompleted', undefined] : ['ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`];
  const ready = unready.length === 0 && !runtime.terminalPhase;
  const conditions = [
    condition('PodReadyToStartContainers', runtime.sandboxReady),
    condition('Initialized', true),
    ready ? condition('Ready', true) : condition('Ready', false, reason, message),
    ready ? condition('ContainersReady', true) : condition('ContainersReady', false, reason, message),
    ...previous.filter((c) => c.type === 'PodScheduled'),
  ];
  const status: KubeObject = {
    phase: podPhase(runtime),
    conditions,
    hostIP: runtime.hostIP,
    hostIPs: [{ ip: runtime.hostIP }],
    startTime: runtime.startTime,
    containerStatuses: runtime.containers.map(containerStatus),
  };
  if (runtime.podIP) {
    status.podIP = runtime.podIP;
    status.podIPs = [{ ip: runtime.podIP }];
  }
  if (stored?.qosClass) status.qosClass = stored.qosClass;
  return status;
}
