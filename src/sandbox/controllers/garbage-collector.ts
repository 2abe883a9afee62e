/**
 * The garbage collector (pkg/controller/garbagecollector/garbagecollector.go): dependents whose owners
 * are all gone are deleted (Background); an owner deleted with the `foregroundDeletion` finalizer
 * waits until its blocking dependents are gone, then loses the finalizer; an owner deleted with the
 * `orphan` finalizer first has itself removed from its dependents' ownerReferences. The ownership
 * graph is the ClusterIndex, kept from the same change stream.
 */
import { isDeepStrictEqual } from 'node:util';
import { ApiError, type KubeObject } from '../api/status.js';
import type { ResourceType } from '../api/resources.js';
import type { DeleteOptions, Registry } from '../registry/registry.js';
import type { StoreEvent } from '../store/object-store.js';
import type { ClusterIndex } from './cluster-index.js';
import { hasFinalizer } from './object-meta.js';
import type { Queue } from './work-queue.js';

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';

type DeletePropagation = NonNullable<DeleteOptions['propagationPolicy']>;

const ownerRefs = (object: KubeObject | undefined): KubeObject[] => object?.metadata?.ownerReferences ?? [];

export class GarbageCollector {
  constructor(
    private readonly registry: Registry,
    private readonly index: ClusterIndex,
    private readonly queue: Queue,
  ) {}

  onEvent(event: StoreEvent): void {
    const object = event.object;
    const uid: string = object.metadata.uid;
    if (event.type === 'DELETED') {
      // Dependents may now be orphans; owners waiting in the foreground may now be free.
      for (const dependent of this.index.dependents(uid)) this.queue.add(dependent.metadata.uid);
      for (const ref of ownerRefs(object)) this.queue.add(ref.uid);
      return;
    }
    if (object.metadata.deletionTimestamp && (hasFinalizer(object, ORPHAN) || hasFinalizer(object, FOREGROUND))) this.queue.add(uid);
    const refs = ownerRefs(object);
    const before = ownerRefs(event.previous);
    if (before.length && !isDeepStrictEqual(before, refs)) for (const ref of before) this.queue.add(ref.uid);
    if (refs.length && (event.type === 'ADDED' || !isDeepStrictEqual(before, refs))) this.queue.add(uid);
  }

  readonly sync = (uid: string): void => {
    const object = this.index.get(uid);
    if (!object) return;
    if (object.metadata.deletionTimestamp) {
      if (hasFinalizer(object, ORPHAN)) this.orphanDependents(object);
      else if (hasFinalizer(object, FOREGROUND)) this.processDeletingDependents(object);
      return;
    }
    this.attemptToDelete(object);
  };

  /** attemptToDeleteItem: classify the owner references and act on them. */
  private attemptToDelete(object: KubeObject): void {
    const refs = ownerRefs(object);
    if (!refs.length) return;
    const solid: KubeObject[] = [];
    const gone: KubeObject[] = [];
    const waiting: KubeObject[] = [];
    for (const ref of refs) {
      const owner = this.owner(object, ref);
      if (!owner) gone.push(ref);
      else if (owner.metadata.deletionTimestamp && hasFinalizer(owner, FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length) {
      // Still owned: drop the references that would keep dead or deleting owners waiting.
      if (gone.length || waiting.length) this.removeOwnerRefs(object, new Set([...gone, ...waiting].map((r) => r.uid)));
      return;
    }
    if (waiting.length && this.index.hasDependents(object.metadata.uid)) return this.delete(object, 'Foreground');
    const policy: DeletePropagation = hasFinalizer(object, ORPHAN) ? 'Orphan' : hasFinalizer(object, FOREGROUND) ? 'Foreground' : 'Background';
    this.delete(object, policy);
  }

  /** isDangling: the owner is gone when no live object of its kind and name has its uid. */
  private owner(dependent: KubeObject, ref: KubeObject): KubeObject | undefined {
    const owner = this.index.get(ref.uid);
    if (!owner || owner.kind !== ref.kind || owner.metadata.name !== ref.name) return undefined;
    // A namespaced owner must live in the dependent's namespace.
    if (owner.metadata.namespace && owner.metadata.namespace !== dependent.metadata.namespace) return undefined;
    return owner;
  }

  /** processDeletingDependentsItem: the owner goes once no dependent blocks it. */
  private processDeletingDependents(owner: KubeObject): void {
    const blocking = this.index
      .dependents(owner.metadata.uid)
      .filter((dep) => ownerRefs(dep).some((ref) => ref.uid === owner.metadata.uid && ref.blockOwnerDeletion === true));
    if (!blocking.length) return this.removeFinalizer(owner, FOREGROUND);
    for (const dep of blocking) {
      if (!(dep.metadata.deletionTimestamp && hasFinalizer(dep, FOREGROUND))) this.queue.add(dep.metadata.uid);
    }
  }

  /** orphanDependents: dependents forget the owner, then the owner loses its `orphan` finalizer. */
  private orphanDependents(owner: KubeObject): void {
    for (const dep of this.index.dependents(owner.metadata.uid)) this.removeOwnerRefs(dep, new Set([owner.metadata.uid]));
    this.removeFinalizer(owner, ORPHAN);
  }

  private removeOwnerRefs(object: KubeObject, uids: Set<string>): void {
    const kept = ownerRefs(object).filter((ref) => !uids.has(ref.uid));
    const metadata = { ...object.metadata, ownerReferences: kept };
    if (!kept.length) delete metadata.ownerReferences;
    this.write(() => this.registry.update(this.typeOf(object), object.metadata.namespace, object.metadata.name, { ...object, metadata }));
  }

  private removeFinalizer(object: KubeObject, finalizer: string): void {
    const kept = (object.metadata.finalizers ?? []).filter((f: string) => f !== finalizer);
    const metadata = { ...object.metadata, finalizers: kept };
    if (!kept.length) delete metadata.finalizers;
    this.write(() => this.registry.update(this.typeOf(object), object.metadata.namespace, object.metadata.name, { ...object, metadata }));
  }

  private delete(object: KubeObject, propagationPolicy: DeletePropagation): void {
    const { namespace, name, uid } = object.metadata;
    this.write(() => this.registry.delete(this.typeOf(object), namespace, name, { propagationPolicy, preconditions: { uid } }));
  }

  private typeOf(object: KubeObject): ResourceType {
    const ref = this.index.ref(object.metadata.uid);
    if (!ref) throw new Error(`garbage collector lost track of ${object.metadata.name}`);
    return ref.type;
  }

  /** The object may be gone or replaced meanwhile: nothing left to do then. */
  private write(action: () => unknown): void {
    try {
      action();
    } catch (error) {
      if (error instanceof ApiError && (error.code === 404 || error.reason === 'Conflict')) return;
      throw error;
    }
  }
}
