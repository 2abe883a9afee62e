/**
 * Which table a resource gets: the kinds kube-apiserver registers a printer for
 * (printers.go `AddHandlers`) and `defaultTable` for everything else.
 */
import { controllerRevisionTable, daemonSetTable, deploymentTable, replicaSetTable, statefulSetTable } from './apps.js';
import { jobTable } from './batch.js';
import { namespaceTable, nodeTable } from './cluster.js';
import { leaseTable } from './coordination.js';
import { configMapTable, secretTable, serviceAccountTable } from './config.js';
import { defaultTable } from './default.js';
import { eventTable } from './events.js';
import { podTable } from './pods.js';
import { clusterRoleBindingTable, resourceQuotaTable, roleBindingTable } from './rbac-quota.js';
import { podDisruptionBudgetTable } from './policy.js';
import { endpointSliceTable, endpointsTable, serviceTable } from './services.js';
import type { TableHandler } from './types.js';

/** Keyed by `group/Kind`; the core group is the empty string (`/Pod`). */
const tableHandlers = new Map<string, TableHandler>([
  ['/Pod', podTable],
  ['/Service', serviceTable],
  ['/Endpoints', endpointsTable],
  ['/Node', nodeTable],
  ['/Namespace', namespaceTable],
  ['/Event', eventTable],
  ['/ConfigMap', configMapTable],
  ['/Secret', secretTable],
  ['/ServiceAccount', serviceAccountTable],
  ['apps/Deployment', deploymentTable],
  ['apps/ReplicaSet', replicaSetTable],
  ['apps/StatefulSet', statefulSetTable],
  ['apps/DaemonSet', daemonSetTable],
  ['apps/ControllerRevision', controllerRevisionTable],
  ['batch/Job', jobTable],
  ['policy/PodDisruptionBudget', podDisruptionBudgetTable],
  ['discovery.k8s.io/EndpointSlice', endpointSliceTable],
  ['coordination.k8s.io/Lease', leaseTable],
  ['/ResourceQuota', resourceQuotaTable],
  ['rbac.authorization.k8s.io/RoleBinding', roleBindingTable],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', clusterRoleBindingTable],
]);

export function tableHandlerFor(group: string, kind: string): TableHandler {
  return tableHandlers.get(`${group}/${kind}`) ?? defaultTable;
}
