/**
 * The namespace controller (pkg/controller/namespace/deletion/namespaced_resources_deleter.go): a
 * namespace being deleted has all its content deleted, reports what remains in its status
 * conditions, and once it is empty loses the `kubernetes` finalizer, so the registry removes it.
 */
import { isDeepStrictEqual } from 'node:util';
import { RESOURCE_TYPES, typeKey } from '../api/resources.js';
import { ApiError, type KubeObject } from '../api/status.js';
import type { Registry } from '../registry/registry.js';
import type { StoreEvent } from '../store/object-store.js';
import type { ClusterIndex } from './cluster-index.js';
import { typeOfKey } from './cluster-index.js';
import { NAMESPACES } from './kinds.js';
import type { Queue } from './work-queue.js';

const NAMESPACE_KEY = typeKey(NAMESPACES);
const NAMESPACED_TYPES = RESOURCE_TYPES.filter((t) => t.namespaced);
/** Deletions per sync, so a namespace of thousands of objects empties in several turns. */
const BATCH = 100;

/** The five deletion conditions, in the order the controller writes them, with their "ok" variants. */
const OK_CONDITIONS: [type: string, reason: string, message: string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

export class NamespaceController {
  private readonly terminating = new Set<string>();

  constructor(
    private readonly registry: Registry,
    private readonly index: ClusterIndex,
    private readonly queue: Queue,
  ) {}

  onEvent(event: StoreEvent): void {
    const meta = event.object.metadata;
    if (event.typeKey === NAMESPACE_KEY) {
      if (event.type !== 'DELETED' && meta.deletionTimestamp) {
        this.terminating.add(meta.name);
        this.queue.add(meta.name);
      } else this.terminating.delete(meta.name);
    } else if (meta.namespace && this.terminating.has(meta.namespace) && (event.type === 'DELETED' || meta.deletionTimestamp)) {
      this.queue.add(meta.namespace);
    }
  }

  readonly sync = (name: string): void => {
    const namespace = this.registry.store.peek(NAMESPACES, undefined, name);
    if (!namespace?.metadata.deletionTimestamp) return;
    this.deleteContent(name);
    const remaining = this.index.namespaceContents(name);
    if (remaining.size === 0) return this.finalize(namespace);
    this.updateConditions(namespace, remaining);
  };

  /** deleteAllContent: a Background delete of every object not already going. */
  private deleteContent(namespace: string): void {
    let deleted = 0;
    for (const type of NAMESPACED_TYPES) {
      for (const object of this.index.inNamespace(type, namespace)) {
        if (object.metadata.deletionTimestamp) continue;
        if (deleted++ === BATCH) return this.queue.add(namespace);
        try {
          this.registry.delete(type, namespace, object.metadata.name, { propagationPolicy: 'Background' });
        } catch (error) {
          if (!(error instanceof ApiError && error.code === 404)) throw error;
        }
      }
    }
  }

  /** Removes the `kubernetes` finalizer through the finalize subresource. */
  private finalize(namespace: KubeObject): void {
    const finalizers = (namespace.spec?.finalizers ?? []).filter((f: string) => f !== 'kubernetes');
    this.registry.update(NAMESPACES, undefined, namespace.metadata.name, { ...namespace, spec: { ...namespace.spec, finalizers } }, { subresource: 'finalize' });
  }

  /** The conditions `kubectl get namespace -o yaml` shows while content remains. */
  private updateConditions(namespace: KubeObject, remaining: Map<string, number>): void {
    const resources: string[] = [];
    const finalizerCounts = new Map<string, number>();
    for (const [key, count] of remaining) {
      const type = typeOfKey(key);
      resources.push(`${type.group ? `${type.plural}.${type.group}` : type.plural} has ${count} resource instances`);
      for (const object of this.index.inNamespace(type, namespace.metadata.name)) {
        for (const finalizer of object.metadata.finalizers ?? []) finalizerCounts.set(finalizer, (finalizerCounts.get(finalizer) ?? 0) + 1);
      }
    }
    const finalizers = [...finalizerCounts].map(([f, n]) => `${f} in ${n} resource instances`);
    const failing = new Map<string, [string, string]>([
      ['NamespaceContentRemaining', ['SomeResourcesRemain', `Some resources are remaining: ${resources.sort().join(', ')}`]],
    ]);
    if (finalizers.length) failing.set('NamespaceFinalizersRemaining', ['SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${finalizers.sort().join(', ')}`]);

    const old: KubeObject[] = namespace.status?.conditions ?? [];
    const conditions = OK_CONDITIONS.map(([type, okReason, okMessage]) => {
      const [reason, message] = failing.get(type) ?? [okReason, okMessage];
      const previous = old.find((c) => c.type === type);
      // Only a new condition gets a new timestamp (namespaceConditionUpdater.Update).
      const lastTransitionTime = previous?.lastTransitionTime ?? this.registry.clock.timestamp();
      return { type, status: failing.has(type) ? 'True' : 'False', lastTransitionTime, reason, message };
    });
    if (isDeepStrictEqual(old, conditions)) return;
    this.registry.update(NAMESPACES, undefined, namespace.metadata.name, { ...namespace, status: { ...namespace.status, conditions } }, { subresource: 'status' });
  }
}
