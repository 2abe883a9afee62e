/**
 * The RoleBinding, ClusterRoleBinding and ResourceQuota tables (`printRoleBinding`,
 * `printClusterRoleBinding`, `printResourceQuota` of printers.go). Roles, ClusterRoles and
 * LimitRanges print name and creation time, which the default table already does.
 */
import type { KubeObject } from '../api/status.js';
import { ageColumn, column, nameColumn, wideColumn } from './columns.js';
import { ageSince } from './format.js';
import type { TableHandler } from './types.js';

const ROLE_BINDING_ROLE_REF = 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.';
const CLUSTER_ROLE_BINDING_ROLE_REF = 'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.';

/** rbac.SubjectsStrings: users, groups and `namespace/name` ServiceAccounts. */
function subjectsStrings(subjects: KubeObject[] | undefined): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const accounts: string[] = [];
  for (const subject of subjects ?? []) {
    if (subject.kind === 'User') users.push(subject.name);
    else if (subject.kind === 'Group') groups.push(subject.name);
    else if (subject.kind === 'ServiceAccount') accounts.push(`${subject.namespace ?? ''}/${subject.name}`);
  }
  return [users.join(', '), groups.join(', '), accounts.join(', ')];
}

function bindingTable(roleRefDescription: string, kind: string): TableHandler {
  return {
    columns: [
      nameColumn,
      column('Role', 'string', roleRefDescription),
      ageColumn,
      wideColumn('Users', 'string', `Users in the ${kind}`),
      wideColumn('Groups', 'string', `Groups in the ${kind}`),
      wideColumn('ServiceAccounts', 'string', `ServiceAccounts in the ${kind}`),
    ],
    print(binding, now) {
      const roleRef = `${binding.roleRef?.kind ?? ''}/${binding.roleRef?.name ?? ''}`;
      return { cells: [binding.metadata?.name ?? '', roleRef, ageSince(binding.metadata?.creationTimestamp, now), ...subjectsStrings(binding.subjects)] };
    },
  };
}

export const roleBindingTable = bindingTable(ROLE_BINDING_ROLE_REF, 'roleBinding');
export const clusterRoleBindingTable = bindingTable(CLUSTER_ROLE_BINDING_ROLE_REF, 'clusterRoleBinding');

export const resourceQuotaTable: TableHandler = {
  columns: [
    nameColumn,
    ageColumn,
    column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
  ],
  print(quota, now) {
    const hard: Record<string, string> = quota.status?.hard ?? {};
    const used: Record<string, string> = quota.status?.used ?? {};
    const requests: string[] = [];
    const limits: string[] = [];
    for (const resource of Object.keys(hard).sort()) {
      const cell = `${resource}: ${used[resource] ?? '0'}/${hard[resource]}`;
      const pieces = resource.split('.');
      (pieces.length > 1 && pieces[0] === 'limits' ? limits : requests).push(cell);
    }
    return { cells: [quota.metadata?.name ?? '', ageSince(quota.metadata?.creationTimestamp, now), requests.join(', '), limits.join(', ')] };
  },
};
