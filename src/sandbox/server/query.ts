/** Query parameters of API requests, parsed and checked like the apiserver's ParameterCodec. */
import { badRequest } from '../api/status.js';
import type { FieldValidation } from '../registry/admission.js';
import { parseIncludeObject, type IncludeObjectPolicy } from '../tables/index.js';

export interface ApiQuery {
  watch: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  limit?: number;
  continue?: string;
  timeoutSeconds?: number;
  allowWatchBookmarks: boolean;
  sendInitialEvents: boolean;
  dryRun: boolean;
  /** The server's default is Warn (k8s 1.27+). */
  fieldValidation: FieldValidation;
  includeObject: IncludeObjectPolicy;
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  params: URLSearchParams;
}

function bool(value: string | null): boolean {
  return value === 'true' || value === '1';
}

function integer(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw badRequest(`invalid ${name} "${value}": strconv.ParseInt: parsing "${value}": invalid syntax`);
  return n;
}

export function parseQuery(params: URLSearchParams): ApiQuery {
  const fieldValidation = params.get('fieldValidation') ?? undefined;
  if (fieldValidation && !['Strict', 'Warn', 'Ignore'].includes(fieldValidation)) {
    throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict" but got ${fieldValidation}`);
  }
  const propagationPolicy = params.get('propagationPolicy') ?? undefined;
  if (propagationPolicy && !['Orphan', 'Background', 'Foreground'].includes(propagationPolicy)) {
    throw badRequest(`propagationPolicy: Unsupported value: "${propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  const dryRun = params.getAll('dryRun');
  if (dryRun.some((v) => v !== 'All')) throw badRequest(`dryRun: Unsupported value: "${dryRun.find((v) => v !== 'All')}": supported values: "All"`);
  return {
    watch: bool(params.get('watch')),
    labelSelector: params.get('labelSelector') ?? undefined,
    fieldSelector: params.get('fieldSelector') ?? undefined,
    resourceVersion: params.get('resourceVersion') ?? undefined,
    limit: integer(params, 'limit'),
    continue: params.get('continue') ?? undefined,
    timeoutSeconds: integer(params, 'timeoutSeconds'),
    allowWatchBookmarks: bool(params.get('allowWatchBookmarks')),
    sendInitialEvents: bool(params.get('sendInitialEvents')),
    dryRun: dryRun.length > 0,
    fieldValidation: (fieldValidation as FieldValidation | undefined) ?? 'Warn',
    includeObject: parseIncludeObject(params.get('includeObject')),
    gracePeriodSeconds: integer(params, 'gracePeriodSeconds'),
    propagationPolicy: propagationPolicy as ApiQuery['propagationPolicy'],
    params,
  };
}
