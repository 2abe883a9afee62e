/**
 * Plain Kubernetes JSON as the apiserver (or an informer cache) hands it over, and the few typed
 * reads checks need from it. Objects stay loose on purpose: checks must survive fields a real
 * cluster adds, and report what is missing rather than throw.
 */
import type { LabelSelector } from './label-selector.js';

export interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  ownerReferences?: OwnerReference[];
  [field: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** The annotation the Deployment controller stamps on each ReplicaSet (and on the Deployment). */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

export function dig(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function nameOf(object: KubeObject): string {
  return object.metadata?.name ?? '';
}

/** Deleted but still around (graceful termination, finalizers): `Terminating` in kubectl. */
export function isTerminating(object: KubeObject): boolean {
  return object.metadata?.deletionTimestamp != null;
}

/** Ready as kubectl's READY column and Endpoints see it: the `Ready` condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  return asArray(dig(pod, 'status', 'conditions')).some(
    (condition) => dig(condition, 'type') === 'Ready' && dig(condition, 'status') === 'True',
  );
}

/** A live Pod that serves: not terminating and Ready. */
export function isServingPod(pod: KubeObject): boolean {
  return !isTerminating(pod) && isPodReady(pod);
}

/** Why a Pod is not ready, in kubectl's STATUS words: `ImagePullBackOff`, `ContainerCreating`, `Pending`. */
export function podTrouble(pod: KubeObject): string | undefined {
  for (const status of asArray(dig(pod, 'status', 'containerStatuses'))) {
    const reason = asString(dig(status, 'state', 'waiting', 'reason')) ?? asString(dig(status, 'state', 'terminated', 'reason'));
    if (reason !== undefined) return reason;
  }
  const phase = asString(dig(pod, 'status', 'phase'));
  return phase === 'Running' ? undefined : phase;
}

export function podIP(pod: KubeObject): string | undefined {
  return asString(dig(pod, 'status', 'podIP'));
}

/** The Deployment's (or ReplicaSet's) `spec.selector`; undefined when it has none. */
export function workloadSelector(workload: KubeObject): LabelSelector | undefined {
  const selector = dig(workload, 'spec', 'selector');
  return typeof selector === 'object' && selector !== null ? (selector as LabelSelector) : undefined;
}

/** `spec.replicas`, which the API defaults to 1. */
export function desiredReplicas(workload: KubeObject): number {
  const replicas = dig(workload, 'spec', 'replicas');
  return typeof replicas === 'number' ? replicas : 1;
}

/**
 * Is `child` owned by `owner` (of `ownerKind`: list items from the API carry no `kind`)?
 * By uid when both sides have one, since a re-created owner with the same name is another owner.
 */
export function isOwnedBy(child: KubeObject, owner: KubeObject, ownerKind: string): boolean {
  const uid = owner.metadata?.uid;
  return (child.metadata?.ownerReferences ?? []).some((reference) => {
    if (reference.kind !== ownerKind) return false;
    return uid !== undefined && reference.uid !== undefined ? reference.uid === uid : reference.name === nameOf(owner);
  });
}

export function revisionOf(object: KubeObject): number | undefined {
  const text = object.metadata?.annotations?.[REVISION_ANNOTATION];
  const revision = text === undefined ? NaN : Number(text);
  return Number.isInteger(revision) ? revision : undefined;
}

export interface ContainerSpec {
  name?: string;
  image?: string;
  ports?: { name?: string; containerPort?: number; protocol?: string }[];
}

/** The containers of a Pod, or of a workload's Pod template. */
export function containersOf(object: KubeObject): ContainerSpec[] {
  const own = dig(object, 'spec', 'containers');
  const list = Array.isArray(own) ? own : asArray(dig(object, 'spec', 'template', 'spec', 'containers'));
  return list.filter((item): item is ContainerSpec => typeof item === 'object' && item !== null);
}

/** Oldest first, then by name: the order kubectl's eye expects and a stable pick for "the" Pod. */
export function byAge(a: KubeObject, b: KubeObject): number {
  const ageA = a.metadata?.creationTimestamp ?? '';
  const ageB = b.metadata?.creationTimestamp ?? '';
  if (ageA !== ageB) return ageA < ageB ? -1 : 1;
  return compareNames(nameOf(a), nameOf(b));
}

/**
 * Object names in the order the API server lists them (etcd keys, byte by byte; names are ASCII).
 * Not `localeCompare`: its first call loads ICU's collator, ~5 MB of the app's RSS (issue 9).
 */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Objects kubedojo creates for itself (the downtime meter's Pod) carry this label. */
export const KUBEDOJO_OWN_LABEL = 'kubedojo.dev/meter';

/** kubedojo's own object: no lesson check and no panel counts it. */
export function isKubedojoOwn(object: KubeObject): boolean {
  return object.metadata?.labels?.[KUBEDOJO_OWN_LABEL] !== undefined;
}
