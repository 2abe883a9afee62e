/**
 * Field errors with the exact bodies of k8s.io/apimachinery pkg/util/validation/field/errors.go
 * (`Required value`, `Invalid value: "x": detail`, ...) and the 422 they add up to.
 */
import { ApiError, invalid as invalidStatus, type FieldError } from '../api/status.js';
import { goQuote, type GoRendered } from './go-format.js';

export type { FieldError };

/** What a Go validator passed as BadValue: strings print quoted, numbers and bools bare. */
export type BadValue = string | number | boolean | null | undefined | GoRendered;

function renderValue(value: BadValue): string {
  if (value == null) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value.go;
}

const withDetail = (head: string, detail: string) => (detail ? `${head}: ${detail}` : head);

export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, detail: withDetail('Required value', detail) };
}

export function invalid(field: string, value: BadValue, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, detail: withDetail(`Invalid value: ${renderValue(value)}`, detail) };
}

/** field.NotSupported: `Unsupported value: "x": supported values: "a", "b"`. */
export function notSupported(field: string, value: BadValue, supported: readonly string[]): FieldError {
  const detail = supported.length ? `supported values: ${supported.map((v) => goQuote(v)).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field, detail: withDetail(`Unsupported value: ${renderValue(value)}`, detail) };
}

export function duplicate(field: string, value: BadValue): FieldError {
  return { type: 'FieldValueDuplicate', field, detail: `Duplicate value: ${renderValue(value)}` };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, detail: withDetail('Forbidden', detail) };
}

export function notFound(field: string, value: BadValue): FieldError {
  return { type: 'FieldValueNotFound', field, detail: `Not found: ${renderValue(value)}` };
}

/** field.TooLong: the value itself is never printed. */
export function tooLong(field: string, maxBytes: number): FieldError {
  return { type: 'FieldValueTooLong', field, detail: `Too long: may not be more than ${maxBytes} bytes` };
}

/** field.Path.Child: joins with dots, never starting with one. */
export const child = (path: string, ...names: string[]): string => [path, ...names].filter(Boolean).join('.');
export const index = (path: string, i: number): string => `${path}[${i}]`;
export const key = (path: string, k: string): string => `${path}[${k}]`;

/** apimachineryvalidation.ValidateImmutableField's message. */
export const FIELD_IMMUTABLE = 'field is immutable';
/** apimachineryvalidation.IsNegativeErrorMsg. */
export const IS_NEGATIVE = 'must be greater than or equal to 0';

export function nonNegative(value: number | undefined, field: string): FieldError[] {
  return (value ?? 0) < 0 ? [invalid(field, value, IS_NEGATIVE)] : [];
}

/**
 * errors.NewInvalid: the message lists each distinct error once (ErrorList.ToAggregate dedupes
 * by text), `Kind.group "name" is invalid: ...`.
 */
export function toApiError(kind: string, group: string, name: string, errors: readonly FieldError[]): ApiError {
  const seen = new Set<string>();
  const distinct = errors.filter((e) => {
    const text = `${e.field}: ${e.detail}`;
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
  if (distinct.length === 0) {
    return new ApiError(422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid`, { name, group: group || undefined, kind, causes: [] });
  }
  return invalidStatus(kind, group, name, distinct);
}
