/**
 * Small ObjectMeta helpers the controllers share: keys, controller references and finalizers
 * (metav1.GetControllerOf, metav1.NewControllerRef, cache.MetaNamespaceKeyFunc).
 */
import type { KubeObject } from '../api/status.js';

/** `namespace/name`, or `name` for a cluster-scoped object — the informer cache key. */
export function objectKey(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return namespace ? `${namespace}/${name}` : name;
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The owner reference with `controller: true`, if any. */
export function controllerOf(object: KubeObject): KubeObject | undefined {
  return (object.metadata?.ownerReferences ?? []).find((ref: KubeObject) => ref.controller === true);
}

export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  return controllerOf(object)?.uid === owner.metadata.uid;
}

/** The reference a controller puts on what it creates: it controls it and blocks its owner's foreground deletion. */
export function newControllerRef(owner: KubeObject): KubeObject {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function hasFinalizer(object: KubeObject, finalizer: string): boolean {
  return (object.metadata?.finalizers ?? []).includes(finalizer);
}

/** Go's omitempty: drops keys whose value is undefined, 0, '' or an empty list, so statuses compare and print like the real ones. */
export function omitEmpty<T extends KubeObject>(object: T): T {
  const out: KubeObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || value === 0 || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out as T;
}
