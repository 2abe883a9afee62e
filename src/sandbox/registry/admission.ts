/**
 * The admission chain of a write: strict field checking (fieldValidation), defaulting, validation.
 */
import { badRequest, invalid, type KubeObject } from '../api/status.js';
import type { ResourceType } from '../api/resources.js';
import { defaultObject, findUnknownFields, validateCreate, validateUpdate } from '../admission/index.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/**
 * Unknown fields: 400 under Strict, `Warning:` headers under Warn (the server default), nothing under
 * Ignore — the message text is the apiserver's strict decoding error.
 */
export function checkFields(type: ResourceType, object: KubeObject, mode: FieldValidation = 'Warn'): string[] {
  if (mode === 'Ignore') return [];
  const unknown = findUnknownFields(type.kind, object);
  if (unknown.length === 0) return [];
  const messages = unknown.map((path) => `unknown field "${path}"`);
  if (mode === 'Strict') throw badRequest(`strict decoding error: ${messages.join(', ')}`);
  return messages;
}

/** Defaults, then validates; a failing object becomes the apiserver's 422 Invalid. */
export function admit(type: ResourceType, object: KubeObject, old?: KubeObject): KubeObject {
  const defaulted = defaultObject(type.kind, object);
  const errors = old ? validateUpdate(type.kind, defaulted, old) : validateCreate(type.kind, defaulted);
  if (errors.length > 0) throw invalid(type.kind, type.group, defaulted.metadata?.name ?? '', errors);
  return defaulted;
}
