/**
 * Strict field validation (`fieldValidation=Strict|Warn`), as the apiserver's decoders report it:
 * sigs.k8s.io/json for request bodies (unknown and duplicate fields, in document order, plus Go's
 * type errors) and runtime.DefaultUnstructuredConverter for patched objects.
 */
import { badRequest, type ApiError, type KubeObject } from '../api/status.js';
import { invalid, toApiError } from './field-errors.js';
import { goQuote } from './go-format.js';
import { parseJsonTree, type JsonNode } from './json-tree.js';
import { parseQuantity, QUANTITY_REGEX_ERROR } from './quantity.js';
import { bareStructName, goTypeName, rootStruct, structField, structFields, type GoType } from './schema/go-schema.js';

/** runtime.NewStrictDecodingError(...).Error(). */
export const strictDecodingError = (errors: readonly string[]): string => `strict decoding error: ${errors.join(', ')}`;

/** Each strict error as its own text, the form `fieldValidation=Warn` turns into `Warning:` headers. */
export const unknownFieldMessages = (paths: readonly string[]): string[] => paths.map((p) => `unknown field "${p}"`);

export interface BodyDecodeReport {
  /** A fatal decode error (Go type mismatch, bad quantity); strict errors do not count then. */
  decodeError?: string;
  /** `unknown field "spec.foo"`, `duplicate field "spec.replicas"`, at most 100, deduplicated. */
  strictErrors: string[];
}

interface WalkState {
  strict: string[];
  typeError?: string;
  fatal?: string;
}

const MAX_STRICT_ERRORS = 100;

function saveStrict(state: WalkState, message: string): void {
  if (state.strict.length < MAX_STRICT_ERRORS && !state.strict.includes(message)) state.strict.push(message);
}

const joinPath = (path: string, key: string) => (path ? `${path}.${key}` : key);
const nodeKind = (n: JsonNode) => (n.type === 'bool' ? 'bool' : n.type);

/** Where in the Go structs the decoder is: innermost struct and the json names leading to it. */
interface Context {
  path: string;
  struct?: string;
  fields: string[];
}

function typeError(state: WalkState, ctx: Context, value: string, t: GoType): void {
  if (state.typeError) return;
  const target = goTypeName(t.kind === 'pointer' ? t.elem : t);
  state.typeError = ctx.struct
    ? `json: cannot unmarshal ${value} into Go struct field ${bareStructName(ctx.struct)}.${ctx.fields.join('.')} of type ${target}`
    : `json: cannot unmarshal ${value} into Go value of type ${target}`;
}

const INT_RANGES = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] } as const;

function walk(t: GoType, node: JsonNode, ctx: Context, state: WalkState): void {
  if (state.fatal || node.type === 'null') return;
  switch (t.kind) {
    case 'pointer':
      return walk(t.elem, node, ctx, state);
    case 'struct': {
      if (node.type !== 'object') return typeError(state, ctx, nodeKind(node), t);
      const seen = new Set<string>();
      for (const [k, v] of node.entries) {
        const f = structField(t.name, k);
        if (!f) {
          saveStrict(state, `unknown field "${joinPath(ctx.path, k)}"`);
          continue;
        }
        if (seen.has(k)) saveStrict(state, `duplicate field "${joinPath(ctx.path, k)}"`);
        seen.add(k);
        walk(f.type, v, { path: joinPath(ctx.path, k), struct: t.name, fields: [...ctx.fields, k] }, state);
      }
      return;
    }
    case 'map': {
      if (node.type !== 'object') return typeError(state, ctx, nodeKind(node), t);
      const seen = new Set<string>();
      for (const [k, v] of node.entries) {
        if (seen.has(k)) saveStrict(state, `duplicate field "${joinPath(ctx.path, k)}"`);
        seen.add(k);
        walk(t.elem, v, { ...ctx, path: joinPath(ctx.path, k) }, state);
      }
      return;
    }
    case 'slice':
      if (node.type !== 'array') return typeError(state, ctx, nodeKind(node), t);
      node.items.forEach((item, i) => walk(t.elem, item, { ...ctx, path: `${ctx.path}[${i}]` }, state));
      return;
    case 'bytes':
      if (node.type !== 'string') typeError(state, ctx, nodeKind(node), t);
      return;
    case 'scalar': {
      const want = t.scalar === 'string' ? 'string' : t.scalar === 'bool' ? 'bool' : 'number';
      if (node.type !== want) return typeError(state, ctx, nodeKind(node), t);
      if (node.type === 'number' && (t.scalar === 'int32' || t.scalar === 'int64')) {
        const [lo, hi] = INT_RANGES[t.scalar];
        const n = Number(node.raw);
        if (!/^-?\d+$/.test(node.raw) || n < lo || n > hi) typeError(state, ctx, `number ${node.raw}`, t);
      }
      return;
    }
    case 'quantity':
      // Quantity.UnmarshalJSON parses strings and bare numbers alike; its error ends decoding.
      if (!parseQuantity(node.type === 'string' ? node.value : node.type === 'number' ? node.raw : '?')) state.fatal = QUANTITY_REGEX_ERROR;
      return;
    case 'intOrString':
      // IntOrString.UnmarshalJSON: a string, else json.Unmarshal into an int32 (no struct context).
      if (node.type === 'number' && !/^-?\d+$/.test(node.raw)) state.fatal = `json: cannot unmarshal number ${node.raw} into Go value of type int32`;
      else if (node.type !== 'string' && node.type !== 'number') state.fatal = `json: cannot unmarshal ${nodeKind(node)} into Go value of type int32`;
      return;
    case 'time':
      if (node.type !== 'string') state.fatal = `json: cannot unmarshal ${nodeKind(node)} into Go value of type string`;
      else if (Number.isNaN(Date.parse(node.value)) || !/^\d{4}-\d\d-\d\dT/.test(node.value)) {
        state.fatal = `parsing time ${goQuote(node.value)} as "2006-01-02T15:04:05Z07:00": cannot parse ${goQuote(node.value)} as "2006"`;
      }
      return;
    default:
      return;
  }
}

/**
 * Decodes a request body the way the create/update handlers do with the strict serializer.
 * Kinds without a schema report nothing.
 */
export function decodeBody(kind: string, body: string): BodyDecodeReport {
  const tree = parseJsonTree(body);
  const apiVersion = tree.type === 'object' ? tree.entries.find(([k]) => k === 'apiVersion')?.[1] : undefined;
  const root = rootStruct(kind, apiVersion?.type === 'string' ? apiVersion.value : undefined);
  if (!root) return { strictErrors: [] };
  const state: WalkState = { strict: [] };
  walk({ kind: 'struct', name: root }, tree, { path: '', fields: [] }, state);
  const decodeError = state.fatal ?? state.typeError;
  return decodeError ? { decodeError, strictErrors: [] } : { strictErrors: state.strict };
}

/** The JSON tree of an already-parsed value (number literals as JavaScript prints them). */
function treeOf(value: unknown): JsonNode {
  if (value === null || value === undefined) return { type: 'null' };
  if (Array.isArray(value)) return { type: 'array', items: value.map(treeOf) };
  if (typeof value === 'object') return { type: 'object', entries: Object.entries(value).map(([k, v]) => [k, treeOf(v)]) };
  if (typeof value === 'string') return { type: 'string', value };
  if (typeof value === 'boolean') return { type: 'bool', value };
  return { type: 'number', raw: String(value) };
}

/** decodeBody's fatal error for an object that was parsed already (a patched object, say). */
export function findDecodeError(kind: string, obj: KubeObject): string | undefined {
  const root = rootStruct(kind, obj?.apiVersion);
  if (!root) return undefined;
  const state: WalkState = { strict: [] };
  walk({ kind: 'struct', name: root }, treeOf(obj), { path: '', fields: [] }, state);
  return state.fatal ?? state.typeError;
}

/** handlers.transformDecodeError: the 400 a body that does not fit its Go type gets. */
export function decodeFailure(kind: string, version: string, error: string): ApiError {
  return badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${error}`);
}

/**
 * Unknown fields of an already-parsed object, as runtime.DefaultUnstructuredConverter finds them
 * (PATCH): known fields are descended first, then a level's unknown keys are reported.
 */
export function findUnknownFields(kind: string, obj: KubeObject): string[] {
  const root = rootStruct(kind, obj?.apiVersion);
  if (!root || obj == null || typeof obj !== 'object') return [];
  const out: string[] = [];
  collectUnknown({ kind: 'struct', name: root }, obj, '', out);
  return out;
}

function collectUnknown(t: GoType, value: unknown, path: string, out: string[]): void {
  if (value == null) return;
  if (t.kind === 'pointer') return collectUnknown(t.elem, value, path, out);
  if (t.kind === 'slice' && Array.isArray(value)) value.forEach((v, i) => collectUnknown(t.elem, v, `${path}[${i}]`, out));
  if (t.kind === 'map' && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) collectUnknown(t.elem, v, joinPath(path, k), out);
  }
  if (t.kind !== 'struct' || typeof value !== 'object' || Array.isArray(value)) return;
  const obj = value as Record<string, unknown>;
  for (const f of structFields(t.name)) if (f.json in obj) collectUnknown(f.type, obj[f.json], joinPath(path, f.json), out);
  for (const k of Object.keys(obj)) if (!structField(t.name, k)) out.push(joinPath(path, k));
}

/** Go's `%+v` of the map[string]interface{} a patch decodes into. */
export function goMapString(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goMapString).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value).sort().map((k) => `${k}:${goMapString((value as Record<string, unknown>)[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(value);
}

/**
 * The 422 a PATCH gets under Strict (handlers/patch.go): `patch: Invalid value: ...: strict decoding
 * error: ...` with an empty kind and name. A strategic merge patch shows the patch as Go prints its
 * map (`map[spec:map[foo:1]]`); JSON and merge patches show the patched object's JSON.
 */
export function patchStrictFailure(patchType: 'strategic' | 'merge' | 'json', patch: unknown, patched: KubeObject, errors: readonly string[]): ApiError {
  const shown = patchType === 'strategic' ? goMapString(patch) : JSON.stringify(patched);
  return toApiError('', '', '', [invalid('patch', shown, strictDecodingError(errors))]);
}
