/**
 * The shapes of meta.k8s.io/v1 `Table` (k8s.io/apimachinery/pkg/apis/meta/v1/types.go) and of
 * the per-kind printers that fill it (k8s.io/kubernetes/pkg/printers).
 */
import type { KubeObject } from '../api/status.js';

/**
 * `metav1.TableColumnDefinition`. `format` and `priority` have no `omitempty` in Go, so the
 * apiserver always sends them (`"format": ""`, `"priority": 0`).
 */
export interface TableColumnDefinition {
  name: string;
  /** An OpenAPI type: `string`, `integer`, `date`, ... */
  type: string;
  /** `name` marks the column that identifies the object; otherwise empty. */
  format: string;
  description: string;
  /** 0 = always shown; 1 = only with `kubectl get -o wide` (kubectl filters, the server sends all). */
  priority: number;
}

/** A cell as the printers produce it: Go `string` or `int64`. */
export type Cell = string | number;

/** `metav1.TableRowCondition`; the printers only ever set `Completed` (pods that finished). */
export interface TableRowCondition {
  type: 'Completed';
  status: 'True';
  reason: string;
  message: string;
}

/** What a print function (`printPod`, `printDeployment`, ...) returns for one object. */
export interface PrintedRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
}

/**
 * One `h.TableHandler(columns, printX)` registration. `now` replaces Go's `time.Since`, so ages
 * are reproducible.
 */
export interface TableHandler {
  columns: TableColumnDefinition[];
  print(obj: KubeObject, now: Date): PrintedRow;
}
