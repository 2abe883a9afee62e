/**
 * defaultObject: what the apiserver's decoder turns a request body into before any strategy or
 * validation runs — the Go defaulters applied, then the object re-encoded the way Go writes it.
 */
import type { KubeObject } from '../../api/status.js';
import { rootStruct } from '../schema/go-schema.js';
import { toWire } from '../wire.js';
import { DEFAULTERS } from './kinds.js';

/**
 * Pure: returns a defaulted copy in the apiserver's field order. Defaulting an already-defaulted
 * object changes nothing, so a template read back compares equal to the one that was sent.
 * Kinds the sandbox has no Go types for come back unchanged (but copied).
 */
export function defaultObject(kind: string, obj: KubeObject): KubeObject {
  if (obj == null || typeof obj !== 'object') return obj;
  // Decode into the Go shape first (as the apiserver does before defaulting), so the defaulters
  // only ever see values of the right types. Encoding builds every struct, map and slice anew (only
  // RawExtension values are shared, and no defaulter writes into one), so it is the copy: a deep
  // copy before it doubled the cost of every write (issue 9).
  const decoded = rootStruct(kind, obj.apiVersion) ? toWire(kind, obj) : structuredClone(obj);
  DEFAULTERS[kind]?.(decoded);
  return toWire(kind, decoded);
}
