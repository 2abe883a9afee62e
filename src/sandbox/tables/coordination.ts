/** The coordination.k8s.io Lease table: `leaseColumnDefinitions` and `printLease` of printers.go. */
import { ageColumn, column, nameColumn } from './columns.js';
import { coordinationv1LeaseSpec } from './descriptions.js';
import { ageSince } from './format.js';
import type { TableHandler } from './types.js';

export const leaseTable: TableHandler = {
  columns: [nameColumn, column('Holder', 'string', coordinationv1LeaseSpec.holderIdentity), ageColumn],
  print(lease, now) {
    return {
      cells: [lease.metadata?.name ?? '', lease.spec?.holderIdentity ?? '', ageSince(lease.metadata?.creationTimestamp, now)],
    };
  },
};
