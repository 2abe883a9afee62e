/** The Pod table: `podColumnDefinitions` and `printPod` of printers.go. */
import type { KubeObject } from '../api/status.js';
import { ageColumn, column, nameColumn, wideColumn } from './columns.js';
import { corev1PodSpec, corev1PodStatus } from './descriptions.js';
import { ageSince, durationSince, parseTime } from './format.js';
import type { PrintedRow, TableHandler, TableRowCondition } from './types.js';

const podColumns = [
  nameColumn,
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column(
    'Restarts',
    'string',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  ageColumn,
  wideColumn('IP', 'string', corev1PodStatus.podIP),
  wideColumn('Node', 'string', corev1PodSpec.nodeName),
  wideColumn('Nominated Node', 'string', corev1PodStatus.nominatedNodeName),
  wideColumn('Readiness Gates', 'string', corev1PodSpec.readinessGates),
];

/** `podSuccessConditions` / `podFailedConditions`: clients may dim rows of finished pods. */
const finishedConditions: Record<string, TableRowCondition[]> = {
  Succeeded: [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }],
  Failed: [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }],
};

/** `node.NodeUnreachablePodReason` (pkg/util/node): the node controller's reason for pods of a lost node. */
const nodeUnreachablePodReason = 'NodeLost';

/** `podutil.IsRestartableInitContainer`: a sidecar, i.e. an init container with `restartPolicy: Always`. */
function isRestartableInitContainer(container: KubeObject | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

/** Keeps the latest `lastState.terminated.finishedAt` seen, like `lastRestartDate.Before(&terminatedDate)`. */
function laterRestart(current: Date | undefined, status: KubeObject): Date | undefined {
  const finishedAt = parseTime(status.lastState?.terminated?.finishedAt);
  if (!finishedAt) return current;
  return !current || current < finishedAt ? finishedAt : current;
}

/** Whether any condition of `type` matches `want` (`hasPodReadyCondition` and the SchedulingGated check). */
function hasCondition(pod: KubeObject, type: string, want: { status?: string; reason?: string }): boolean {
  const conditions: KubeObject[] = pod.status?.conditions ?? [];
  return conditions.some(
    (c) => c.type === type && (want.status === undefined || c.status === want.status) && (want.reason === undefined || c.reason === want.reason),
  );
}

/** `isPodInitializedConditionTrue`: only the first `Initialized` condition counts. */
function isPodInitialized(pod: KubeObject): boolean {
  const conditions: KubeObject[] = pod.status?.conditions ?? [];
  return conditions.find((c) => c.type === 'Initialized')?.status === 'True';
}

/** A terminated container's STATUS: its reason, else `Signal:n` or `ExitCode:n` (`Init:`-prefixed for init containers). */
function terminatedReason(terminated: KubeObject, prefix: string): string {
  if (terminated.reason) return prefix + terminated.reason;
  if (terminated.signal) return `${prefix}Signal:${terminated.signal}`;
  return `${prefix}ExitCode:${terminated.exitCode ?? 0}`;
}

/** `printPod`: READY n/m, the STATUS reason kubectl is famous for, RESTARTS with `(… ago)`. */
function printPod(pod: KubeObject, now: Date): PrintedRow {
  const spec: KubeObject = pod.spec ?? {};
  const status: KubeObject = pod.status ?? {};
  const phase: string = status.phase ?? '';
  const specInitContainers: KubeObject[] = spec.initContainers ?? [];
  const initContainerStatuses: KubeObject[] = status.initContainerStatuses ?? [];
  const containerStatuses: KubeObject[] = status.containerStatuses ?? [];

  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestartDate: Date | undefined;
  let lastRestartableInitContainerRestartDate: Date | undefined;

  let reason: string = status.reason || phase;
  // A pod held back by `spec.schedulingGates` carries {type: PodScheduled, reason: SchedulingGated}.
  if (hasCondition(pod, 'PodScheduled', { reason: 'SchedulingGated' })) reason = 'SchedulingGated';

  const initContainers = new Map<string, KubeObject>();
  for (const container of specInitContainers) {
    initContainers.set(container.name, container);
    // Sidecars run for the pod's whole life, so they count in READY's total.
    if (isRestartableInitContainer(container)) totalContainers++;
  }

  let initializing = false;
  for (const [i, container] of initContainerStatuses.entries()) {
    const sidecar = isRestartableInitContainer(initContainers.get(container.name));
    restarts += container.restartCount ?? 0;
    lastRestartDate = laterRestart(lastRestartDate, container);
    if (sidecar) {
      restartableInitContainerRestarts += container.restartCount ?? 0;
      lastRestartableInitContainerRestartDate = laterRestart(lastRestartableInitContainerRestartDate, container);
    }
    const terminated: KubeObject | undefined = container.state?.terminated;
    const waitingReason: string | undefined = container.state?.waiting?.reason;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      reason = terminatedReason(terminated, 'Init:');
    } else if (waitingReason && waitingReason !== 'PodInitializing') {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${i}/${specInitContainers.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || isPodInitialized(pod)) {
    // Init containers that ran to completion are not restarts of the running pod; sidecars are.
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    // Backwards, so the first container's state wins the STATUS column.
    for (const container of [...containerStatuses].reverse()) {
      restarts += container.restartCount ?? 0;
      lastRestartDate = laterRestart(lastRestartDate, container);
      const state: KubeObject = container.state ?? {};
      if (state.waiting?.reason) {
        reason = state.waiting.reason;
      } else if (state.terminated) {
        reason = terminatedReason(state.terminated, '');
      } else if (container.ready && state.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A "Completed" container beside one still running: the pod as a whole is not completed.
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(pod, 'Ready', { status: 'True' }) ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === nodeUnreachablePodReason) {
    reason = 'Unknown';
  } else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  const restartsCell =
    restarts !== 0 && lastRestartDate ? `${restarts} (${durationSince(lastRestartDate, now)} ago)` : String(restarts);

  const row: PrintedRow = {
    cells: [
      pod.metadata?.name ?? '',
      `${readyContainers}/${totalContainers}`,
      reason,
      restartsCell,
      ageSince(pod.metadata?.creationTimestamp, now),
      podIP(status) || '<none>',
      spec.nodeName || '<none>',
      status.nominatedNodeName || '<none>',
      readinessGates(pod),
    ],
  };
  const conditions = finishedConditions[phase];
  if (conditions) row.conditions = conditions;
  return row;
}

/** `podIPs[0].ip`; the v1→internal conversion fills `podIPs` from `podIP` when only that is set. */
function podIP(status: KubeObject): string {
  return status.podIPs?.[0]?.ip ?? status.podIP ?? '';
}

/** READINESS GATES: how many of the gates' conditions are `True`, as `n/m`. */
function readinessGates(pod: KubeObject): string {
  const gates: KubeObject[] = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions: KubeObject[] = pod.status?.conditions ?? [];
  // The first condition of the gate's type decides, as the Go loop `break`s on it.
  const trueConditions = gates.filter(
    (gate) => conditions.find((c) => c.type === gate.conditionType)?.status === 'True',
  ).length;
  return `${trueConditions}/${gates.length}`;
}

export const podTable: TableHandler = { columns: podColumns, print: printPod };
