/**
 * The Go types behind each kind, parsed lazily from the generated tables: what the apiserver's JSON
 * decoder knows (strict field checks) and how its encoder writes an object back (field order,
 * omitempty, always-present structs).
 */
import { APPS_TYPES } from './types-apps.js';
import { CORE_TYPES } from './types-core.js';
import { META_TYPES } from './types-meta.js';
import { NAMED_TYPES } from './named-types.js';
import { POD_TYPES } from './types-pod.js';

export type ScalarKind = 'string' | 'bool' | 'int32' | 'int64' | 'float64';

export type GoType =
  | { kind: 'scalar'; scalar: ScalarKind; name: string }
  /** []byte: base64 in JSON. */
  | { kind: 'bytes' }
  /** metav1.Time / MicroTime: RFC 3339 string, `null` when zero. */
  | { kind: 'time'; micro: boolean }
  | { kind: 'quantity'; resourceList: boolean }
  | { kind: 'intOrString' }
  /** RawExtension, FieldsV1, Duration: kept as sent. */
  | { kind: 'raw'; name: string }
  | { kind: 'pointer'; elem: GoType }
  | { kind: 'slice'; elem: GoType }
  | { kind: 'map'; key: GoType; elem: GoType; name?: string }
  | { kind: 'struct'; name: string };

export interface GoField {
  json: string;
  omitempty: boolean;
  type: GoType;
}

const TABLE: Readonly<Record<string, string>> = { ...META_TYPES, ...CORE_TYPES, ...POD_TYPES, ...APPS_TYPES };

const LEAVES: Record<string, GoType> = {
  'meta.Time': { kind: 'time', micro: false },
  'meta.MicroTime': { kind: 'time', micro: true },
  'meta.Duration': { kind: 'raw', name: 'v1.Duration' },
  'meta.FieldsV1': { kind: 'raw', name: 'v1.FieldsV1' },
  'runtime.RawExtension': { kind: 'raw', name: 'runtime.RawExtension' },
  'resource.Quantity': { kind: 'quantity', resourceList: false },
  'intstr.IntOrString': { kind: 'intOrString' },
  'types.UID': { kind: 'scalar', scalar: 'string', name: 'types.UID' },
};

const BUILTIN: Record<string, ScalarKind> = { string: 'string', bool: 'bool', int32: 'int32', int64: 'int64', int: 'int64', float64: 'float64' };

/** `v1.PullPolicy` — reflect's name for a type in any of the `v1` packages. */
const goName = (key: string) => `v1.${key.slice(key.indexOf('.') + 1)}`;

/** Parses one Go type expression of the tables (`*[]map[string]Foo`). */
export function parseGoType(expr: string): GoType {
  if (expr.startsWith('*')) return { kind: 'pointer', elem: parseGoType(expr.slice(1)) };
  if (expr === '[]byte') return { kind: 'bytes' };
  if (expr.startsWith('[]')) return { kind: 'slice', elem: parseGoType(expr.slice(2)) };
  if (expr.startsWith('map[')) {
    const close = expr.indexOf(']');
    return { kind: 'map', key: parseGoType(expr.slice(4, close)), elem: parseGoType(expr.slice(close + 1)) };
  }
  const builtin = BUILTIN[expr];
  if (builtin) return { kind: 'scalar', scalar: builtin, name: expr };
  const leaf = LEAVES[expr];
  if (leaf) return leaf;
  // ResourceList values get SetDefaults_ResourceList's rounding, so the type remembers it.
  if (expr === 'ResourceList') return { kind: 'map', key: parseGoType('string'), elem: { kind: 'quantity', resourceList: true }, name: 'v1.ResourceList' };
  const underlying = NAMED_TYPES[expr];
  if (underlying !== undefined) {
    const base = parseGoType(underlying);
    if (base.kind === 'scalar') return { ...base, name: goName(expr) };
    if (base.kind === 'map') return { ...base, name: goName(expr) };
    return base;
  }
  if (TABLE[expr] !== undefined) return { kind: 'struct', name: expr };
  throw new Error(`admission schema: unknown Go type ${expr}`);
}

const fieldCache = new Map<string, readonly GoField[]>();

/** The JSON fields of a struct in Go declaration order, inline-embedded structs flattened. */
export function structFields(name: string): readonly GoField[] {
  const cached = fieldCache.get(name);
  if (cached) return cached;
  const spec = TABLE[name];
  if (spec === undefined) throw new Error(`admission schema: unknown struct ${name}`);
  const fields: GoField[] = [];
  for (const token of spec.split(' ')) {
    if (token.startsWith('...')) {
      fields.push(...structFields(token.slice(3)));
      continue;
    }
    const colon = token.indexOf(':');
    const head = token.slice(0, colon);
    const omitempty = head.endsWith('?');
    fields.push({ json: omitempty ? head.slice(0, -1) : head, omitempty, type: parseGoType(token.slice(colon + 1)) });
  }
  fieldCache.set(name, fields);
  return fields;
}

const fieldIndexCache = new Map<string, ReadonlyMap<string, GoField>>();

export function structField(name: string, json: string): GoField | undefined {
  let byJson = fieldIndexCache.get(name);
  if (!byJson) {
    byJson = new Map(structFields(name).map((f) => [f.json, f]));
    fieldIndexCache.set(name, byJson);
  }
  return byJson.get(json);
}

/** Go's reflect name of a type, as decode errors print it (`int32`, `[]v1.Container`). */
export function goTypeName(t: GoType): string {
  switch (t.kind) {
    case 'scalar':
      return t.name;
    case 'bytes':
      return '[]uint8';
    case 'time':
      return t.micro ? 'v1.MicroTime' : 'v1.Time';
    case 'quantity':
      return 'resource.Quantity';
    case 'intOrString':
      return 'intstr.IntOrString';
    case 'raw':
      return t.name;
    case 'pointer':
      return `*${goTypeName(t.elem)}`;
    case 'slice':
      return `[]${goTypeName(t.elem)}`;
    case 'map':
      return t.name ?? `map[${goTypeName(t.key)}]${goTypeName(t.elem)}`;
    case 'struct':
      return goName(t.name);
  }
}

/** The struct name without its package (`DeploymentSpec`), as UnmarshalTypeError.Struct prints it. */
export const bareStructName = (name: string): string => name.slice(name.indexOf('.') + 1);

const ROOT_STRUCTS: Readonly<Record<string, string>> = {
  Pod: 'Pod',
  Service: 'Service',
  Namespace: 'Namespace',
  Node: 'Node',
  Endpoints: 'Endpoints',
  ConfigMap: 'ConfigMap',
  Secret: 'Secret',
  Event: 'Event',
  ServiceAccount: 'ServiceAccount',
  PersistentVolumeClaim: 'PersistentVolumeClaim',
  PersistentVolume: 'PersistentVolume',
  ReplicationController: 'ReplicationController',
  PodTemplate: 'PodTemplate',
  LimitRange: 'LimitRange',
  ResourceQuota: 'ResourceQuota',
  Deployment: 'apps.Deployment',
  ReplicaSet: 'apps.ReplicaSet',
  StatefulSet: 'apps.StatefulSet',
  DaemonSet: 'apps.DaemonSet',
  ControllerRevision: 'apps.ControllerRevision',
  EndpointSlice: 'discovery.EndpointSlice',
};

/** The top-level struct of a kind; events.k8s.io Events have their own shape. Unknown kinds: none. */
export function rootStruct(kind: string, apiVersion?: string): string | undefined {
  if (kind === 'Event' && apiVersion?.startsWith('events.k8s.io/')) return 'events.Event';
  return ROOT_STRUCTS[kind];
}
