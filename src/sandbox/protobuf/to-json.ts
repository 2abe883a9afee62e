/**
 * Turns a decoded protobuf message into the JSON kube-apiserver would serve for the same object:
 * what Go's encoding/json writes for the k8s.io/api struct, except that a Go `null` (a nil pointer,
 * slice or map, a zero `metav1.Time`) is left out rather than written.
 */
import protobuf from 'protobufjs';
import type { KubeObject } from '../api/status.js';
import { INLINE_FIELDS, RENAMED_FIELDS, ZERO_KEPT_FIELDS } from './go-json-fields.js';
import { qualifiedName } from './schema.js';

/** A protobufjs message instance read by field name: fields present on the wire are own properties. */
type DecodedMessage = Record<string, unknown>;

/** A value Go would marshal as `null`, which the JSON we build leaves out. */
const ABSENT = undefined;

/**
 * Thrown when a message decodes but Go would refuse it (a malformed quantity, an impossible
 * IntOrString); its message is the Go error text.
 */
export class UnrepresentableValue extends Error {}

export function messageToJson(type: protobuf.Type, message: protobuf.Message): KubeObject {
  return structToJson(type, message as unknown as DecodedMessage);
}

function structToJson(type: protobuf.Type, message: DecodedMessage): KubeObject {
  const json: KubeObject = {};
  const typeName = qualifiedName(type);
  for (const field of type.fieldsArray) {
    const fieldName = `${typeName}.${field.name}`;
    const value = fieldToJson(field, fieldName, message[field.name], Object.hasOwn(message, field.name));
    if (value === ABSENT) continue;
    if (INLINE_FIELDS.has(fieldName)) Object.assign(json, value);
    else json[RENAMED_FIELDS.get(fieldName) ?? field.name] = value;
  }
  return json;
}

function fieldToJson(field: protobuf.Field, fieldName: string, value: unknown, present: boolean): unknown {
  if (field.map) {
    const entries = Object.entries(value as Record<string, unknown>);
    // Object.fromEntries, not assignment: a ConfigMap key may legitimately be `__proto__`.
    return entries.length ? Object.fromEntries(entries.map(([key, v]) => [key, valueToJson(field, v)])) : ABSENT;
  }
  if (field.repeated) {
    const items = value as unknown[];
    // An element Go would write as null stays null: dropping it would shift the others.
    return items.length ? items.map((item) => valueToJson(field, item) ?? null) : ABSENT;
  }
  if (!present) return ABSENT;
  if (!(field.resolvedType instanceof protobuf.Type) && isZero(value) && !ZERO_KEPT_FIELDS.has(fieldName)) {
    return ABSENT;
  }
  return valueToJson(field, value);
}

function valueToJson(field: protobuf.Field, value: unknown): unknown {
  if (field.resolvedType instanceof protobuf.Type) {
    const type = field.resolvedType;
    const custom = CUSTOM_JSON[qualifiedName(type)];
    return custom ? custom(value as DecodedMessage) : structToJson(type, value as DecodedMessage);
  }
  if (field.type === 'bytes') return Buffer.from(value as Uint8Array).toString('base64');
  return isLong(value) ? longToNumber(value) : value;
}

function isZero(value: unknown): boolean {
  if (isLong(value)) return value.low === 0 && value.high === 0;
  if (value instanceof Uint8Array) return value.length === 0;
  return value === '' || value === 0 || value === false;
}

/**
 * int64 fields decode to { low, high } Long objects. Go's encoding/json writes them as plain
 * numbers, and every int64 in the API (generations, seconds, user ids) fits a double exactly.
 */
function isLong(value: unknown): value is protobuf.Long {
  return typeof value === 'object' && value !== null && 'low' in value && 'high' in value;
}

function longToNumber(value: protobuf.Long): number {
  return protobuf.util.LongBits.from(value).toNumber(value.unsigned);
}

function numberOf(value: unknown): number {
  return isLong(value) ? longToNumber(value) : Number(value ?? 0);
}

/** apimachinery types with a hand-written MarshalJSON, and what each writes. */
const CUSTOM_JSON: Readonly<Record<string, (message: DecodedMessage) => unknown>> = {
  'k8s.io.apimachinery.pkg.apis.meta.v1.Time': (message) => timestampToJson(message, 0),
  'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': (message) => timestampToJson(message, 6),
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': intOrStringToJson,
  'k8s.io.apimachinery.pkg.api.resource.Quantity': quantityToJson,
  'k8s.io.apimachinery.pkg.runtime.RawExtension': (message) => embeddedJson(message.raw),
  'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': (message) => embeddedJson(message.Raw),
};

/** Seconds from the Unix epoch to 0001-01-01T00:00:00Z, Go's zero time.Time. */
const GO_ZERO_TIME_SECONDS = -62135596800;

/** `2024-01-02T03:04:05Z` (metav1.Time) or `2024-01-02T03:04:05.123456Z` (metav1.MicroTime), in UTC. */
function timestampToJson(message: DecodedMessage, fractionDigits: 0 | 6): string | undefined {
  // Go marshals a zero time as an empty message and reads one back as the zero time, written `null`.
  if (!Object.hasOwn(message, 'seconds') && !Object.hasOwn(message, 'nanos')) return ABSENT;
  const seconds = numberOf(message.seconds);
  const nanos = numberOf(message.nanos);
  if (seconds === GO_ZERO_TIME_SECONDS && nanos === 0) return ABSENT;
  const date = new Date(seconds * 1000);
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new UnrepresentableValue(`timestamp ${seconds}s is outside years 0-9999`);
  const wholeSeconds = date.toISOString().slice(0, 19);
  // Go's time formatting truncates the fraction, it does not round it.
  const fraction = fractionDigits ? `.${String(Math.floor(nanos / 1000)).padStart(6, '0')}` : '';
  return `${wholeSeconds}${fraction}Z`;
}

/** intstr.IntOrString: `type` 0 is an int, 1 a string (intstr.Int, intstr.String). */
function intOrStringToJson(message: DecodedMessage): number | string {
  const type = numberOf(message.type);
  if (type === 0) return numberOf(message.intVal);
  if (type === 1) return (message.strVal as string | undefined) ?? '';
  throw new UnrepresentableValue('impossible IntOrString.Type');
}

const QUANTITY_FORMAT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
const QUANTITY_PATTERN = new RegExp(QUANTITY_FORMAT);

/**
 * resource.Quantity travels as its string. Go clients send the canonical form (Quantity.String()),
 * which is also what the apiserver would serve back, so it passes through unchanged; a string Go's
 * ParseQuantity would reject fails the same way it does there.
 */
function quantityToJson(message: DecodedMessage): string {
  if (!Object.hasOwn(message, 'string')) return '0';
  const quantity = message.string as string;
  if (!QUANTITY_PATTERN.test(quantity)) {
    throw new UnrepresentableValue(`quantities must match the regular expression '${QUANTITY_FORMAT}'`);
  }
  return quantity;
}

/** runtime.RawExtension and metav1.FieldsV1 carry JSON bytes that Go's MarshalJSON embeds verbatim. */
function embeddedJson(raw: unknown): unknown {
  if (!(raw instanceof Uint8Array) || raw.length === 0) return ABSENT;
  try {
    return JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch (error) {
    throw new UnrepresentableValue(`embedded object is not JSON: ${(error as Error).message}`);
  }
}
