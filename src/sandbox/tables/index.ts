/** Server-side printing (meta.k8s.io Tables) for the sandbox apiserver; see table.ts. */
export { parseIncludeObject, toTable } from './table.js';
export type { IncludeObjectPolicy, Table, TableListMeta, TableOptions, TableResource, TableRow, TableVersion } from './table.js';
export { humanDuration, shortHumanDuration } from './duration.js';
