/** The policy/v1 PodDisruptionBudget table: `printPodDisruptionBudget` of printers.go. */
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './format.js';
import type { TableHandler } from './types.js';

/** `IntOrString.String()` of an optional field, `N/A` when unset. */
function intOrStringOrNA(value: unknown): string {
  return value === undefined || value === null ? 'N/A' : String(value);
}

export const podDisruptionBudgetTable: TableHandler = {
  columns: [
    nameColumn,
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageColumn,
  ],
  print(pdb, now) {
    return {
      cells: [
        pdb.metadata?.name ?? '',
        intOrStringOrNA(pdb.spec?.minAvailable),
        intOrStringOrNA(pdb.spec?.maxUnavailable),
        pdb.status?.disruptionsAllowed ?? 0,
        ageSince(pdb.metadata?.creationTimestamp, now),
      ],
    };
  },
};
