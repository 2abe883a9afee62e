/**
 * Rows of the Pods panel, computed the way `kubectl get pods` prints its READY, STATUS and
 * RESTARTS columns (printPod in kubectl's printers.go). The sandbox has the full port in
 * src/sandbox/tables, but it is not part of that module's exports and is written against the
 * sandbox's own object type; this is the small subset a Pods panel shows (no sidecar subtleties,
 * no "(5m ago)" after restarts). AGE is formatted by the view-model mapper, against its clock.
 */
import { asArray, asString, compareNames, dig, nameOf, type KubeObject } from '../checks/k8s.js';

export interface PodRow {
  name: string;
  /** `ready/total` containers. */
  ready: string;
  /** kubectl's STATUS word: Running, ContainerCreating, ImagePullBackOff, Terminating, Init:0/1 … */
  status: string;
  restarts: number;
  /** `metadata.creationTimestamp`, for the AGE column. */
  createdAt: string | undefined;
}

/** One row per Pod, sorted by name as kubectl lists them (the API server's key order). */
export function podRows(pods: readonly KubeObject[]): PodRow[] {
  return pods.map(podRow).sort((a, b) => compareNames(a.name, b.name));
}

export function podRow(pod: KubeObject): PodRow {
  const phase = asString(dig(pod, 'status', 'phase')) ?? '';
  let status = asString(dig(pod, 'status', 'reason')) || phase;
  let restarts = 0;
  let ready = 0;

  const init = initProblem(pod);
  if (init !== undefined) {
    status = init.status;
    restarts = init.restarts;
  } else {
    let running = false;
    // Backwards, so the first container's state wins the STATUS column (as in kubectl).
    for (const container of [...asArray(dig(pod, 'status', 'containerStatuses'))].reverse()) {
      restarts += numberOr0(dig(container, 'restartCount'));
      const waiting = asString(dig(container, 'state', 'waiting', 'reason'));
      const terminated = dig(container, 'state', 'terminated');
      if (waiting) status = waiting;
      else if (terminated !== undefined) status = terminatedReason(terminated, '');
      else if (dig(container, 'ready') === true && dig(container, 'state', 'running') !== undefined) {
        running = true;
        ready += 1;
      }
    }
    // A finished container next to a running one: the Pod as a whole is not "Completed".
    if (status === 'Completed' && running) status = hasReadyCondition(pod) ? 'Running' : 'NotReady';
  }
  if (pod.metadata?.deletionTimestamp != null && phase !== 'Succeeded' && phase !== 'Failed') status = 'Terminating';

  const total = asArray(dig(pod, 'spec', 'containers')).length;
  return { name: nameOf(pod), ready: `${ready}/${total}`, status: status || 'Pending', restarts, createdAt: pod.metadata?.creationTimestamp };
}

/** While init containers have not all succeeded, STATUS is `Init:<reason>` or `Init:n/m`. */
function initProblem(pod: KubeObject): { status: string; restarts: number } | undefined {
  const statuses = asArray(dig(pod, 'status', 'initContainerStatuses'));
  const total = asArray(dig(pod, 'spec', 'initContainers')).length;
  let restarts = 0;
  for (const [index, container] of statuses.entries()) {
    restarts += numberOr0(dig(container, 'restartCount'));
    const terminated = dig(container, 'state', 'terminated');
    if (terminated !== undefined && numberOr0(dig(terminated, 'exitCode')) === 0) continue;
    const waiting = asString(dig(container, 'state', 'waiting', 'reason'));
    if (terminated !== undefined) return { status: terminatedReason(terminated, 'Init:'), restarts };
    if (waiting && waiting !== 'PodInitializing') return { status: `Init:${waiting}`, restarts };
    return { status: `Init:${index}/${total}`, restarts };
  }
  return undefined;
}

function terminatedReason(terminated: unknown, prefix: string): string {
  const reason = asString(dig(terminated, 'reason'));
  if (reason) return prefix + reason;
  const signal = numberOr0(dig(terminated, 'signal'));
  if (signal !== 0) return `${prefix}Signal:${signal}`;
  return `${prefix}ExitCode:${numberOr0(dig(terminated, 'exitCode'))}`;
}

function hasReadyCondition(pod: KubeObject): boolean {
  return asArray(dig(pod, 'status', 'conditions')).some((c) => dig(c, 'type') === 'Ready' && dig(c, 'status') === 'True');
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
