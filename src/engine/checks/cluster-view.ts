/**
 * What checks read: a snapshot-like view of the cluster. The engine implements it over its
 * informer caches (tutorial namespace for namespaced kinds, cluster-wide for Node and Namespace);
 * tests and `kubedojo rehearse` dry runs use {@link createStaticView}.
 */
import type { Kind } from './kinds.js';
import { KINDS } from './kinds.js';
import type { KubeObject } from './k8s.js';
import { nameOf } from './k8s.js';
import { matchesSelector, type LabelSelector } from './label-selector.js';

export interface ClusterView {
  /** The object of `kind` named `name`, or undefined when there is none. */
  get(kind: Kind, name: string): KubeObject | undefined;
  /** Every object of `kind`, only those whose labels match `selector` when one is given. */
  list(kind: Kind, selector?: LabelSelector): KubeObject[];
}

export type ObjectsByKind = Partial<Record<Kind, readonly KubeObject[]>>;

/**
 * A view over fixed objects: either grouped by kind, or one flat list whose items carry `kind`
 * (list items from the API do not, hence the grouped form).
 */
export function createStaticView(objects: readonly KubeObject[] | ObjectsByKind): ClusterView {
  const byKind = Array.isArray(objects) ? groupByKind(objects) : (objects as ObjectsByKind);
  const of = (kind: Kind): readonly KubeObject[] => byKind[kind] ?? [];
  return {
    get: (kind, name) => of(kind).find((object) => nameOf(object) === name),
    list: (kind, selector) =>
      selector === undefined ? [...of(kind)] : of(kind).filter((object) => matchesSelector(object.metadata?.labels, selector)),
  };
}

function groupByKind(objects: readonly KubeObject[]): ObjectsByKind {
  const grouped: Partial<Record<Kind, KubeObject[]>> = {};
  for (const object of objects) {
    const kind = KINDS.find((known) => known === object.kind);
    if (kind !== undefined) (grouped[kind] ??= []).push(object);
  }
  return grouped;
}
