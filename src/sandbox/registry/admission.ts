/**
 * The admission chain of a write, in kube-apiserver's order: decode checks (Go types, unknown fields
 * under fieldValidation), defaulting, the registry strategy (PrepareForCreate / PrepareForUpdate),
 * the mutating plugins (for Pods), validation, and finally the object as Go would serialize it.
 */
import type { KubeObject } from '../api/status.js';
import type { ResourceType } from '../api/resources.js';
import {
  admitPodCreate,
  decodeFailure,
  defaultObject,
  findDecodeError,
  findUnknownFields,
  patchStrictFailure,
  prepareForCreate,
  prepareForStatusUpdate,
  prepareForUpdate,
  strictDecodingError,
  toApiError,
  toWire,
  unknownFieldMessages,
  validateCreate,
  validateStatusUpdate,
  validateUpdate,
  type StrategyHooks,
} from '../admission/index.js';
import { randomSuffix } from '../store/object-store.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** How the object arrived: a whole body (create / update) or the result of a PATCH. */
export type WriteSource = { kind: 'body' } | { kind: 'patch'; patchType: string; patch: unknown };

const PATCH_KINDS: Record<string, 'strategic' | 'merge' | 'json'> = {
  'application/strategic-merge-patch+json': 'strategic',
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
};

/**
 * Go type errors always fail (400); unknown fields fail under Strict, become `Warning:` headers under
 * Warn (the server's default) and are dropped silently under Ignore.
 */
export function checkDecoding(type: ResourceType, object: KubeObject, mode: FieldValidation | undefined, source: WriteSource = { kind: 'body' }): string[] {
  if (mode === undefined) return [];
  const typeError = findDecodeError(type.kind, object);
  if (typeError) throw decodeFailure(type.kind, type.version, typeError);
  if (mode === 'Ignore') return [];
  const unknown = unknownFieldMessages(findUnknownFields(type.kind, object));
  if (unknown.length === 0) return [];
  if (mode === 'Strict') {
    if (source.kind === 'patch') throw patchStrictFailure(PATCH_KINDS[source.patchType] ?? 'merge', source.patch, object, unknown);
    throw decodeFailure(type.kind, type.version, strictDecodingError(unknown));
  }
  return unknown;
}

/**
 * The admission plugins that read other objects (LimitRanger, ResourceQuota): `mutate` runs with
 * the mutating plugins, `validate` after the strategy's validation, as the validating plugins do.
 */
export interface AdmissionPlugins {
  mutate(object: KubeObject): void;
  validate(object: KubeObject): void;
}

export function admitCreate(type: ResourceType, object: KubeObject, hooks: StrategyHooks, plugins?: AdmissionPlugins): KubeObject {
  const defaulted = defaultObject(type.kind, object);
  prepareForCreate(type.kind, defaulted, hooks);
  plugins?.mutate(defaulted);
  if (type.kind === 'Pod') admitPodCreate(defaulted, { tokenVolumeSuffix: randomSuffix() });
  const errors = validateCreate(type.kind, defaulted);
  if (errors.length > 0) throw toApiError(type.kind, type.group, defaulted.metadata?.name ?? '', errors);
  plugins?.validate(defaulted);
  return toWire(type.kind, defaulted);
}

export function admitUpdate(type: ResourceType, object: KubeObject, old: KubeObject, hooks: StrategyHooks, subresource?: string): KubeObject {
  const defaulted = defaultObject(type.kind, object);
  if (subresource === 'status') prepareForStatusUpdate(type.kind, defaulted, old);
  else prepareForUpdate(type.kind, defaulted, old, hooks);
  const errors = subresource === 'status' ? validateStatusUpdate(type.kind, defaulted, old) : validateUpdate(type.kind, defaulted, old);
  if (errors.length > 0) throw toApiError(type.kind, type.group, defaulted.metadata?.name ?? '', errors);
  return toWire(type.kind, defaulted);
}
