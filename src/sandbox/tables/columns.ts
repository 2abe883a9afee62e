/** Builders for the column definitions every printer repeats. */
import { metav1ObjectMeta } from './descriptions.js';
import type { TableColumnDefinition } from './types.js';

/** A column as `AddHandlers` declares it; `priority: 1` columns are the `-o wide` ones. */
export function column(
  name: string,
  type: string,
  description: string,
  priority = 0,
): TableColumnDefinition {
  return { name, type, format: '', description, priority };
}

/** A `priority: 1` column: kubectl only prints it with `-o wide`. */
export function wideColumn(name: string, type: string, description: string): TableColumnDefinition {
  return column(name, type, description, 1);
}

/** `{Name: "Name", Type: "string", Format: "name", ...}`, the first column of nearly every table. */
export const nameColumn: TableColumnDefinition = {
  ...column('Name', 'string', metav1ObjectMeta.name),
  format: 'name',
};

export const ageColumn: TableColumnDefinition = column('Age', 'string', metav1ObjectMeta.creationTimestamp);

/** The wide Containers / Images pair of every pod-template-owning workload. */
export const containersColumn = wideColumn('Containers', 'string', 'Names of each container in the template.');
export const imagesColumn = wideColumn('Images', 'string', 'Images referenced by each container in the template.');
