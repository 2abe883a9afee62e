/**
 * JSON patch (RFC 6902, `application/json-patch+json`) as kube-apiserver applies it: jsonPatcher.applyJSPatch
 * (k8s.io/apiserver/pkg/endpoints/handlers/patch.go) decodes the body strictly into []jsonPatchOp
 * (fieldValidation defaults to Warn), then gopkg.in/evanphx/json-patch.v4 applies it. Where an
 * operation applies is decided here with evanphx's rules, which differ from the RFC (negative array
 * indices count from the end, `replace` of a missing object member adds it, `test` of a missing
 * member against null passes); fast-json-patch then performs it at the resolved pointer.
 * Any operation that does not apply fails the whole patch with the same opaque 422.
 */
// fast-json-patch is CommonJS whose named exports Node's ESM loader cannot see: use its default export.
import jsonpatch, { type Operation } from 'fast-json-patch';
import {
  genericUnprocessable,
  handlerPanicked,
  tooManyOperations,
  undecodablePatch,
  undecodableResult,
} from './patch-errors.js';
import { type JsonMap, isMap, setMember } from './json-value.js';

/** handlers/patch.go maxJSONPatchOperations */
const MAX_OPERATIONS = 10000;

/**
 * server.Config.JSONPatchMaxCopyBytes (3 MiB, the request body limit), which kube-apiserver sets as
 * evanphx's AccumulatedCopySizeLimit: the bytes all `copy` operations of one patch may add,
 * each counted as the JSON size of the value copied. Without it 26 operations of 1.4 KB double a
 * list until the process runs out of memory (issue #7).
 */
export const MAX_COPY_BYTES = 3 * 1024 * 1024;

/**
 * What one copied object or list counts for at least, besides its JSON bytes. Go holds a copy as
 * its JSON text; here every object and list is a heap object of ~60-100 bytes, so 3 MiB of `[["x"]]`
 * would be hundreds of megabytes and seconds of one thread. Real copies (a container, a label map)
 * are far from the limit either way (docs/decisions.md, "Sandbox: JSON-patch copy budget").
 */
const CONTAINER_COST = 64;

type Container = JsonMap | unknown[];

/** A resolved operation target: its container, the key in it, and the canonical pointer. */
interface Target {
  container: Container;
  key: string;
  parent: string;
}

/** Applies the operations in `patch` to `doc` (consumed: pass a copy). */
export function jsonPatch(doc: JsonMap, patch: unknown): JsonMap {
  const operations = decodeOperations(patch);
  if (operations.length > MAX_OPERATIONS) throw tooManyOperations(MAX_OPERATIONS, operations.length);
  let result: Container = doc;
  const copied = { bytes: 0 };
  for (const operation of operations) {
    result = applyOperation(result, operation ?? {}, copied);
  }
  if (!isMap(result)) {
    throw undecodableResult(
      JSON.stringify(result),
      'couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }',
    );
  }
  return result;
}

/** kjson.UnmarshalStrict into []jsonPatchOp: a list of objects (or nulls) whose op, path and from are strings. */
function decodeOperations(patch: unknown): (JsonMap | null)[] {
  const prefix = 'error decoding patch: ';
  if (patch === null) return [];
  if (!Array.isArray(patch)) throw undecodablePatch(patch, 'Go value of type []handlers.jsonPatchOp', prefix);
  for (const operation of patch) {
    if (operation === null) continue;
    if (!isMap(operation)) throw undecodablePatch(operation, 'Go value of type handlers.jsonPatchOp', prefix);
    for (const [field, value] of Object.entries(operation)) {
      const isStringField = field === 'op' || field === 'path' || field === 'from';
      if (isStringField && value !== null && typeof value !== 'string') {
        throw undecodablePatch(value, `Go struct field jsonPatchOp.${field} of type string`, prefix);
      }
    }
  }
  return patch as (JsonMap | null)[];
}

function applyOperation(doc: Container, operation: JsonMap, copied: { bytes: number }): Container {
  const path = stringField(operation, 'path');
  // evanphx's op.value(): a missing value is a nil node, which serializes as null.
  const value = Object.hasOwn(operation, 'value') ? operation.value : null;
  switch (operation.op) {
    case 'add':
      return add(doc, target(doc, path), value);
    case 'remove':
      return remove(doc, target(doc, path));
    case 'replace': {
      if (path === '') return replaceRoot(operation);
      const at = target(doc, path);
      // `__proto__` is a plain member in Go; fast-json-patch refuses it.
      if (!Array.isArray(at.container) && at.key === '__proto__') return add(doc, at, value);
      return perform(doc, { op: 'replace', path: existing(at), value });
    }
    case 'move': {
      const from = target(doc, stringField(operation, 'from'));
      const moved = valueAt(from);
      const removed = remove(doc, from);
      // The destination is looked up in the document the removal left.
      return add(removed, target(removed, path), moved);
    }
    case 'copy': {
      const value = valueAt(target(doc, stringField(operation, 'from'))) ?? null;
      // evanphx deepCopy marshals the value and counts its bytes against the limit; here the
      // copy stops as soon as the budget is spent, so a refused copy costs at most the budget.
      const copy = copyWithin(value, MAX_COPY_BYTES - copied.bytes);
      if (!copy) throw genericUnprocessable();
      copied.bytes += copy.bytes;
      return add(doc, target(doc, path), copy.value);
    }
    case 'test':
      test(doc, path, operation);
      return doc;
    default:
      throw genericUnprocessable();
  }
}

function stringField(operation: JsonMap, field: 'path' | 'from'): string {
  const value = operation[field];
  if (typeof value !== 'string') throw genericUnprocessable();
  return value;
}

/** findObject: every segment but the last must lead to an object or a list. */
function target(doc: Container, path: string): Target {
  const segments = path.split('/');
  if (segments.length < 2) throw genericUnprocessable();
  let container = doc;
  let parent = '';
  for (const segment of segments.slice(1, -1)) {
    const key = decodeKey(segment);
    const token = Array.isArray(container) ? indexWithin(key, container.length) : key;
    const next = token !== undefined && Object.hasOwn(container, token) ? (container as JsonMap)[token] : undefined;
    if (token === undefined || !(isMap(next) || Array.isArray(next))) throw genericUnprocessable();
    container = next;
    parent += `/${jsonpatch.escapePathComponent(String(token))}`;
  }
  return { container, key: decodeKey(segments.at(-1) as string), parent };
}

/** RFC 6901 unescaping, in evanphx's single pass. */
function decodeKey(segment: string): string {
  return segment.replace(/~[01]/g, (escape) => (escape === '~1' ? '/' : '~'));
}

/** strconv.Atoi, then evanphx's bounds: negative indices count from the end. */
function indexWithin(key: string, length: number): number | undefined {
  if (!/^[+-]?\d+$/.test(key)) return undefined;
  let index = Number(key);
  if (index < 0) index += length;
  return index >= 0 && index < length ? index : undefined;
}

/** The target of an operation that needs an existing element: list indices must be in range. */
function existing(at: Target): string {
  if (!Array.isArray(at.container)) return pointer(at, at.key);
  const index = indexWithin(at.key, at.container.length);
  if (index === undefined) throw genericUnprocessable();
  return pointer(at, String(index));
}

function pointer(at: Target, token: string): string {
  return `${at.parent}/${jsonpatch.escapePathComponent(token)}`;
}

/** partialDoc.get / partialArray.get: a missing object member is nil, a bad list index an error. */
function valueAt(at: Target): unknown {
  if (!Array.isArray(at.container)) return Object.hasOwn(at.container, at.key) ? at.container[at.key] : undefined;
  const index = indexWithin(at.key, at.container.length);
  if (index === undefined) throw genericUnprocessable();
  return at.container[index];
}

/** partialArray.add: `-` appends; an index may be one past the end, or negative from that end. */
function add(doc: Container, at: Target, value: unknown): Container {
  if (!Array.isArray(at.container) && at.key === '__proto__') {
    setMember(at.container, at.key, value);
    return doc;
  }
  if (!Array.isArray(at.container)) return perform(doc, { op: 'add', path: pointer(at, at.key), value });
  if (at.key === '-') return perform(doc, { op: 'add', path: pointer(at, '-'), value });
  const index = indexWithin(at.key, at.container.length + 1);
  if (index === undefined) throw genericUnprocessable();
  return perform(doc, { op: 'add', path: pointer(at, String(index)), value });
}

/** partialDoc.remove refuses a missing member; partialArray.remove an index out of range. */
function remove(doc: Container, at: Target): Container {
  if (!Array.isArray(at.container) && !Object.hasOwn(at.container, at.key)) throw genericUnprocessable();
  if (!Array.isArray(at.container) && at.key === '__proto__') {
    delete at.container[at.key];
    return doc;
  }
  return perform(doc, { op: 'remove', path: existing(at) });
}

/** `replace` of the whole document: only by an object or a list (Go dereferences a missing value). */
function replaceRoot(operation: JsonMap): Container {
  if (!Object.hasOwn(operation, 'value')) throw handlerPanicked();
  const { value } = operation;
  if (!isMap(value) && !Array.isArray(value)) throw genericUnprocessable();
  return value;
}

/** evanphx's test: a missing or null member equals only a missing or null value. */
function test(doc: Container, path: string, operation: JsonMap): void {
  const hasValue = Object.hasOwn(operation, 'value');
  // Comparing the whole document to a missing value dereferences nil in Go.
  if (path === '' && !hasValue) throw handlerPanicked();
  const actual = path === '' ? doc : valueAt(target(doc, path));
  const expected = hasValue ? operation.value : null;
  const passes = actual === undefined || actual === null ? expected === null : hasValue && lazyNodeEqual(actual, expected);
  if (!passes) throw genericUnprocessable();
}

/**
 * lazyNode.equal: members compare recursively (a null member equals only null), lists element by
 * element - where Go dereferences a null element and panics - and scalars by their JSON text.
 */
function lazyNodeEqual(actual: unknown, expected: unknown): boolean {
  if (isMap(actual)) {
    if (!isMap(expected) || Object.keys(actual).length !== Object.keys(expected).length) return false;
    return Object.entries(actual).every(([key, member]) => {
      if (!Object.hasOwn(expected, key) || (member === null) !== (expected[key] === null)) return false;
      return member === null || lazyNodeEqual(member, expected[key]);
    });
  }
  if (Array.isArray(actual)) {
    if (!Array.isArray(expected) || actual.length !== expected.length) return false;
    return actual.every((element, index) => {
      if (element === null || expected[index] === null) throw handlerPanicked();
      return lazyNodeEqual(element, expected[index]);
    });
  }
  return actual === expected;
}

/**
 * A deep copy of a JSON value and its size as JSON, or undefined once the size passes `budget`.
 * Iterative (copies nest a document deeper with every operation), and cheaper than structuredClone,
 * which is slow on the millions of small lists a copy bomb builds.
 */
function copyWithin(value: unknown, budget: number): { value: unknown; bytes: number } | undefined {
  let bytes = 0;
  const scalar = (item: unknown) => Buffer.byteLength(JSON.stringify(item) ?? 'null');
  if (value === null || typeof value !== 'object') {
    bytes = scalar(value);
    return bytes > budget ? undefined : { value, bytes };
  }
  const root: Container = Array.isArray(value) ? [] : {};
  const pending: [source: Container, copy: Container][] = [[value as Container, root]];
  while (pending.length > 0) {
    const [source, copy] = pending.pop()!;
    const keys = Array.isArray(source) ? undefined : Object.keys(source);
    const length = keys ? keys.length : (source as unknown[]).length;
    bytes += CONTAINER_COST + Math.max(0, length - 1);
    for (let i = 0; i < length; i++) {
      const key = keys ? keys[i]! : i;
      const child = (source as JsonMap)[key as string];
      if (keys) bytes += Buffer.byteLength(JSON.stringify(key)) + 1;
      let out = child;
      if (child !== null && typeof child === 'object') {
        out = Array.isArray(child) ? [] : {};
        pending.push([child as Container, out as Container]);
      } else {
        bytes += scalar(child);
      }
      if (keys) setMember(copy as JsonMap, key as string, out);
      else (copy as unknown[]).push(out);
    }
    if (bytes > budget) return undefined;
  }
  return { value: root, bytes };
}

/** fast-json-patch performs an operation already resolved to a valid pointer. */
function perform(doc: Container, operation: Operation): Container {
  try {
    return jsonpatch.applyOperation(doc, operation, false, true).newDocument;
  } catch {
    throw genericUnprocessable();
  }
}
