/**
 * An object as the apiserver writes it back after decoding it into its Go struct: unknown fields
 * dropped, fields in struct order, omitempty zero values gone, non-pointer structs always present
 * (`resources: {}`, `creationTimestamp: null`), map keys sorted, quantities canonical.
 * This is encoding/json over the k8s.io/api types, so running it twice changes nothing.
 */
import type { KubeObject } from '../api/status.js';
import { canonicalQuantity } from './quantity.js';
import { rootStruct, structFields, type GoType } from './schema/go-schema.js';

/** Encodes `obj` as the apiserver would store it; kinds without a schema pass through untouched. */
export function toWire(kind: string, obj: KubeObject): KubeObject {
  const root = rootStruct(kind, obj?.apiVersion);
  if (!root || obj == null || typeof obj !== 'object') return obj;
  return encodeStruct(root, obj);
}

/** Encodes a value of a named struct of the schema (used for nested pieces such as a PodSpec). */
export function encodeStruct(name: string, obj: Record<string, unknown>): KubeObject {
  const out: KubeObject = {};
  for (const f of structFields(name)) {
    const raw = obj[f.json];
    const value = raw == null ? zeroOf(f.type) : encode(f.type, raw);
    if (f.omitempty && isEmpty(f.type, value)) continue;
    out[f.json] = value;
  }
  return out;
}

/** What a field holds after decoding a missing or `null` value: Go's zero value, encoded. */
function zeroOf(t: GoType): unknown {
  switch (t.kind) {
    case 'scalar':
      return t.scalar === 'string' ? '' : t.scalar === 'bool' ? false : 0;
    case 'struct':
      return encodeStruct(t.name, {});
    case 'quantity':
      return '0';
    case 'intOrString':
      return 0;
    default:
      // nil pointers, slices and maps, zero times and raw extensions all encode as null.
      return null;
  }
}

/** encoding/json's isEmptyValue; structs (Time, Quantity, IntOrString included) are never empty. */
function isEmpty(t: GoType, value: unknown): boolean {
  switch (t.kind) {
    case 'scalar':
      return value === '' || value === 0 || value === false;
    case 'pointer':
    case 'raw':
      return value === null;
    case 'slice':
    case 'bytes':
      return value === null || (Array.isArray(value) && value.length === 0) || value === '';
    case 'map':
      return value === null || (typeof value === 'object' && Object.keys(value as object).length === 0);
    default:
      return false;
  }
}

/**
 * A value of the wrong JSON type would have failed decoding (see decodeBody); it is encoded as
 * the field's zero value so that nothing downstream meets a shape Go could never hold.
 */
function encode(t: GoType, value: unknown): unknown {
  switch (t.kind) {
    case 'pointer':
      return encode(t.elem, value);
    case 'struct':
      return isObject(value) ? encodeStruct(t.name, value) : zeroOf(t);
    case 'slice':
      return Array.isArray(value) ? value.map((v) => (v == null ? zeroOf(t.elem) : encode(t.elem, v))) : null;
    case 'map': {
      if (!isObject(value)) return null;
      // Every write encodes its object three times (admission/index.ts), and labels, annotations
      // and data are maps: built key by key, without a sorted copy when the keys are in order
      // already (they are, once stored) or an entries array per key.
      const keys = Object.keys(value);
      if (!inOrder(keys)) keys.sort();
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const encoded = value[k] == null ? zeroOf(t.elem) : encode(t.elem, value[k]);
        // A Go map key may be `__proto__`, which an assignment would swallow.
        if (k === '__proto__') Object.defineProperty(out, k, { value: encoded, enumerable: true, writable: true, configurable: true });
        else out[k] = encoded;
      }
      return out;
    }
    case 'scalar': {
      const want = t.scalar === 'string' ? 'string' : t.scalar === 'bool' ? 'boolean' : 'number';
      return typeof value === want ? value : zeroOf(t);
    }
    case 'bytes':
      return typeof value === 'string' ? value : null;
    case 'quantity':
      return typeof value === 'string' || typeof value === 'number' ? (canonicalQuantity(value, t.resourceList) ?? value) : zeroOf(t);
    case 'intOrString':
      return typeof value === 'string' || typeof value === 'number' ? value : zeroOf(t);
    case 'time':
      return typeof value === 'string' ? formatTime(value, t.micro) : null;
    case 'raw':
      return value;
  }
}

/** Whether `keys` are in the order Array.prototype.sort() would put them. */
function inOrder(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** metav1.Time marshals as RFC 3339 in UTC to the second; MicroTime keeps six fractional digits. */
const CANONICAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const CANONICAL_MICRO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

function formatTime(value: string, micro: boolean): string {
  // Nearly every timestamp is already canonical (the sandbox wrote it): skip the Date round trip.
  if ((micro ? CANONICAL_MICRO_TIME : CANONICAL_TIME).test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  const iso = new Date(ms).toISOString();
  if (!micro) return iso.replace(/\.\d+Z$/, 'Z');
  const fraction = /\.(\d+)(?:Z|[+-]\d\d:\d\d)$/.exec(value)?.[1] ?? '';
  return `${iso.slice(0, 19)}.${fraction.padEnd(6, '0').slice(0, 6)}Z`;
}
