/**
 * Server-side printing: turning objects into a meta.k8s.io `Table`, as kube-apiserver does when
 * kubectl asks for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. Mirrors
 * k8s.io/apiserver/pkg/endpoints/handlers/response.go (`asTable`, `optionsForTransform`) around
 * k8s.io/kubernetes/pkg/printers (`TableConvertor.ConvertToTable` → `GenerateTable`).
 */
import { badRequest, type KubeObject } from '../api/status.js';
import { defaultTable } from './default.js';
import { tableHandlerFor } from './registry.js';
import type { Cell, TableColumnDefinition, TableRowCondition } from './types.js';

/** `metav1.IncludeObjectPolicy`: what each row's `object` carries. */
export type IncludeObjectPolicy = 'None' | 'Metadata' | 'Object';

/**
 * The meta.k8s.io version the client asked the Table in (`v=` of the Accept clause). kubectl sends
 * `v1` first and `v1beta1` as a fallback; both are the same type, only `apiVersion` differs.
 */
export type TableVersion = 'v1' | 'v1beta1';

export interface TableResource {
  /** API group, `''` for the core group. */
  group: string;
  /** The version the request was served in; `includeObject=Object` rows carry it. */
  version: string;
  kind: string;
}

/** The `metadata` (`metav1.ListMeta`) of the list the objects came from; all of it `omitempty`. */
export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface TableOptions {
  /** Stands in for the clock of every age in the table. */
  now: Date;
  includeObject: IncludeObjectPolicy;
  /**
   * Set when the objects are a list; the Table then copies its resourceVersion / continue /
   * remainingItemCount. Without it the objects are one GET (or one watch event) and the Table takes
   * that object's resourceVersion, as `GenerateTable` does through `meta.CommonAccessor`.
   */
  listMeta?: TableListMeta;
  /**
   * Leave out `columnDefinitions` (sent as `null`). Watches need it: the apiserver's
   * `watchEmbeddedEncoder` (handlers/response.go) converts each event's object into a one-row
   * Table and, after encoding the first one, sets `TableOptions.NoHeaders` so that only the first
   * event of a watch carries the column definitions. kubectl (`get -w`) keeps the columns of the
   * last table it printed and reuses them for tables without any.
   */
  noHeaders?: boolean;
  /** Defaults to `v1`. */
  version?: TableVersion;
}

export type TableRow = {
  cells: Cell[];
  conditions?: TableRowCondition[];
  /**
   * A `runtime.RawExtension`. Go's `omitempty` never omits a struct, so `includeObject=None`
   * serializes as `"object": null` rather than leaving the key out.
   */
  object: KubeObject | null;
};

/** A `metav1.Table` as JSON. */
export type Table = {
  kind: 'Table';
  apiVersion: string;
  metadata: TableListMeta;
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[] | null;
};

/**
 * The Table of `objects` (one object, or the items of a list) of one resource. Do not pass a
 * `Status`: the apiserver sends those (watch ERROR events) untransformed.
 */
export function toTable(resource: TableResource, objects: KubeObject[], opts: TableOptions): Table {
  const groupVersion = `meta.k8s.io/${opts.version ?? 'v1'}`;
  const handler = tableHandlerFor(resource.group, resource.kind);
  const rows = objects.map((obj): TableRow => {
    const printed = handler.print(obj, opts.now);
    const row: TableRow = { cells: printed.cells, object: rowObject(resource, obj, opts.includeObject, groupVersion) };
    if (printed.conditions) row.conditions = printed.conditions;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: groupVersion,
    metadata: tableMetadata(objects, opts.listMeta),
    // The apiserver always prints wide (`GenerateOptions{Wide: true}`): every column goes out and
    // kubectl drops the `priority: 1` ones itself unless `-o wide`.
    columnDefinitions: opts.noHeaders ? null : handler.columns,
    // The printers build their rows with make([]TableRow, 0, n); defaultTableConvertor appends to a
    // nil slice, so its empty list goes out as `null`.
    rows: rows.length === 0 && handler === defaultTable ? null : rows,
  };
}

/**
 * `asTable`'s handling of `TableOptions.IncludeObject`: the whole object, nothing, or by default a
 * `PartialObjectMetadata` of the Table's own group version carrying the full `metadata`
 * (`meta.AsPartialObjectMetadata` copies every ObjectMeta field).
 */
function rowObject(
  resource: TableResource,
  obj: KubeObject,
  includeObject: IncludeObjectPolicy,
  groupVersion: string,
): KubeObject | null {
  switch (includeObject) {
    case 'Object': {
      // `scope.Convertor.ConvertToVersion` sets the TypeMeta that list items otherwise go without.
      const { kind: _kind, apiVersion: _apiVersion, ...rest } = obj;
      const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
      return { kind: resource.kind, apiVersion, ...rest };
    }
    case 'None':
      return null;
    case 'Metadata':
      return { kind: 'PartialObjectMetadata', apiVersion: groupVersion, metadata: obj.metadata };
  }
}

/** Only the set fields of ListMeta, which are all `omitempty`. */
function tableMetadata(objects: KubeObject[], listMeta: TableListMeta | undefined): TableListMeta {
  const source = listMeta ?? (objects.length === 1 ? { resourceVersion: objects[0]?.metadata?.resourceVersion } : {});
  const metadata: TableListMeta = {};
  if (source.resourceVersion) metadata.resourceVersion = source.resourceVersion;
  if (listMeta?.continue) metadata.continue = listMeta.continue;
  if (listMeta?.remainingItemCount !== undefined) metadata.remainingItemCount = listMeta.remainingItemCount;
  return metadata;
}

/**
 * The `includeObject` query parameter (decoded into `metav1.TableOptions` by `optionsForTransform`,
 * for lists, single GETs and watches alike). Absent or empty means `Metadata`; kubectl sends
 * `Object` only for `--sort-by`. Anything else is the apiserver's 400, which it raises before
 * reading storage.
 */
export function parseIncludeObject(value: string | null | undefined): IncludeObjectPolicy {
  if (!value) return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  throw badRequest(
    `Unable to convert to Table as requested: includeObject: Invalid value: ${JSON.stringify(value)}: must be 'Metadata', 'Object', 'None', or empty`,
  );
}
