/** Cluster-scoped tables: Node and Namespace (`printNode`, `printNamespace` of printers.go). */
import type { KubeObject } from '../api/status.js';
import { ageColumn, column, nameColumn, wideColumn } from './columns.js';
import { corev1NodeStatus, corev1NodeSystemInfo } from './descriptions.js';
import { ageSince } from './format.js';
import type { TableHandler } from './types.js';

/** `labelNodeRolePrefix`: `node-role.kubernetes.io/<role>` labels name a role. */
const nodeRoleLabelPrefix = 'node-role.kubernetes.io/';
/** `nodeLabelRole`: the older `kubernetes.io/role=<role>` label. */
const nodeRoleLabel = 'kubernetes.io/role';

/**
 * STATUS: `Ready` / `NotReady` from the Ready condition (`Unknown` without one), then
 * `SchedulingDisabled` for a cordoned node. Only the Ready condition is consulted
 * (`NodeAllConditions`); when it appears twice the last one wins, as in the Go map.
 */
function nodeStatus(node: KubeObject): string {
  const conditions: KubeObject[] = node.status?.conditions ?? [];
  const ready = conditions.findLast((c) => c.type === 'Ready');
  const status = ready ? [ready.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** `findNodeRoles`: the roles named by role labels, sorted and de-duplicated, or `<none>`. */
function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries<string>(node.metadata?.labels ?? {})) {
    if (key.startsWith(nodeRoleLabelPrefix)) {
      const role = key.slice(nodeRoleLabelPrefix.length);
      if (role) roles.add(role);
    } else if (key === nodeRoleLabel && value !== '') {
      roles.add(value);
    }
  }
  return [...roles].sort().join(',') || '<none>';
}

/** `getNodeInternalIP` / `getNodeExternalIP`: the first address of the type, or `<none>`. */
function nodeAddress(node: KubeObject, type: string): string {
  const addresses: KubeObject[] = node.status?.addresses ?? [];
  return addresses.find((a) => a.type === type)?.address ?? '<none>';
}

export const nodeTable: TableHandler = {
  columns: [
    nameColumn,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn,
    column('Version', 'string', corev1NodeSystemInfo.kubeletVersion),
    wideColumn('Internal-IP', 'string', corev1NodeStatus.addresses),
    wideColumn('External-IP', 'string', corev1NodeStatus.addresses),
    wideColumn('OS-Image', 'string', corev1NodeSystemInfo.osImage),
    wideColumn('Kernel-Version', 'string', corev1NodeSystemInfo.kernelVersion),
    wideColumn('Container-Runtime', 'string', corev1NodeSystemInfo.containerRuntimeVersion),
  ],
  print(node, now) {
    const nodeInfo: KubeObject = node.status?.nodeInfo ?? {};
    return {
      cells: [
        node.metadata?.name ?? '',
        nodeStatus(node),
        nodeRoles(node),
        ageSince(node.metadata?.creationTimestamp, now),
        nodeInfo.kubeletVersion ?? '',
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        nodeInfo.osImage || '<unknown>',
        nodeInfo.kernelVersion || '<unknown>',
        nodeInfo.containerRuntimeVersion || '<unknown>',
      ],
    };
  },
};

export const namespaceTable: TableHandler = {
  columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
  print(namespace, now) {
    return {
      cells: [namespace.metadata?.name ?? '', namespace.status?.phase ?? '', ageSince(namespace.metadata?.creationTimestamp, now)],
    };
  },
};
