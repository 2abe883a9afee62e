/**
 * The JSON text of a stored object as the API serves it (with its TypeMeta), kept per object: a
 * stored object is never changed in place (a write stores a new one), so its text is fixed. The
 * write's response, every watcher's event for it and every GET until the next write then share one
 * serialization, as kube-apiserver's cachingObject shares one per object and encoding. Kept in a
 * WeakMap, so the text goes with the object.
 */
import type { KubeObject } from '../api/status.js';
import { groupVersion, type ResourceType } from '../api/resources.js';

const texts = new WeakMap<KubeObject, string>();

/** An object as served: the store keeps TypeMeta, list items go without it (as the apiserver's do). */
export function withTypeMeta(type: ResourceType, object: KubeObject): KubeObject {
  return { apiVersion: groupVersion(type.group, type.version), kind: type.kind, ...object };
}

/** `JSON.stringify(withTypeMeta(type, object))` for a stored object, serialized once. */
export function servedJson(type: ResourceType, object: KubeObject): string {
  let text = texts.get(object);
  if (text === undefined) texts.set(object, (text = JSON.stringify(withTypeMeta(type, object))));
  return text;
}
