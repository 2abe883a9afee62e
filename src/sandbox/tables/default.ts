/**
 * The table of every resource without a printer: k8s.io/apiserver/pkg/registry/rest/table.go,
 * `defaultTableConvertor` (the registry store's fallback). Unlike the printers it sends the
 * creation time itself (`Created At`, type `date`), which kubectl turns into an age.
 */
import { column, nameColumn } from './columns.js';
import { metav1ObjectMeta } from './descriptions.js';
import { parseTime } from './format.js';
import type { TableHandler } from './types.js';

/** Go's zero time in RFC3339, which is what an object without `creationTimestamp` shows. */
const zeroTime = '0001-01-01T00:00:00Z';

/** `time.RFC3339` in UTC: seconds precision, `Z`. */
function rfc3339(timestamp: unknown): string {
  const time = parseTime(timestamp);
  return time ? time.toISOString().replace(/\.\d{3}Z$/, 'Z') : zeroTime;
}

export const defaultTable: TableHandler = {
  columns: [nameColumn, column('Created At', 'date', metav1ObjectMeta.creationTimestamp)],
  print(obj) {
    return { cells: [obj.metadata?.name ?? '', rfc3339(obj.metadata?.creationTimestamp)] };
  },
};
