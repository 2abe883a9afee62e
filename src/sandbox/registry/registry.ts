/**
 * The generic registry between the HTTP handlers (and the controllers) and the store: admission
 * (defaulting, validation, strict fields), the per-type strategies, optimistic concurrency, graceful
 * deletion, finalizers and the propagation policies. Mirrors k8s.io/apiserver/pkg/registry/generic/registry/store.go.
 */
import { isDeepStrictEqual } from 'node:util';
import { ApiError, badRequest, conflict, invalid, notFound, staleUpdate, type KubeObject } from '../api/status.js';
import { findType, groupVersion, type ResourceType } from '../api/resources.js';
import { randomSuffix, type ObjectStore } from '../store/object-store.js';
import type { SimClock } from '../clock.js';
import { admitCreate, admitUpdate, checkDecoding, type FieldValidation, type WriteSource } from './admission.js';
import { applyPatch, STRATEGIC_MERGE_PATCH } from '../patch/index.js';
import { undecodableResult } from '../patch/patch-errors.js';
import { checkImmortalNamespace } from './namespace-lifecycle.js';
import { decodedTypeError } from './decoded-type.js';
import type { StrategyHooks } from '../admission/index.js';
import { ServiceAllocator } from './service-allocator.js';
import { quotaAdmission } from './quota-admission.js';

export interface WriteOptions {
  dryRun?: boolean;
  /**
   * How to treat fields the Go types do not have. Absent means an in-process writer (a controller,
   * the node): trusted code whose objects skip the decode checks, which would only cost time.
   */
  fieldValidation?: FieldValidation;
  subresource?: string;
  /**
   * A last check of the admitted object before it is stored, with the request's user in view
   * (RBAC's escalation check on Roles and bindings); throws to refuse.
   */
  guard?: (object: KubeObject) => void;
}

export interface WriteResult {
  object: KubeObject;
  /** `Warning:` headers for the response (unknown fields under fieldValidation=Warn). */
  warnings: string[];
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface DeleteResult {
  object: KubeObject;
  /** False while finalizers or a grace period keep the object (HTTP 202). */
  removed: boolean;
}

export const NAMESPACE = findType('', 'namespaces')!;
const PODS = findType('', 'pods')!;

/** Types the garbage collector deletes dependents of in the background by default. */
const FINALIZER_ORPHAN = 'orphan';
const FINALIZER_FOREGROUND = 'foregroundDeletion';

export class Registry {
  readonly services = new ServiceAllocator();
  private readonly hooks: StrategyHooks;

  constructor(
    readonly store: ObjectStore,
    readonly clock: SimClock,
  ) {
    this.hooks = {
      allocateServiceAddresses: (service, previous) => this.services.allocate(service, previous),
      now: () => clock.timestamp(),
    };
  }

  create(type: ResourceType, namespace: string | undefined, body: KubeObject, options: WriteOptions = {}): WriteResult {
    const object = this.checkBody(type, body);
    const meta = (object.metadata ??= {});
    if (type.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = namespace ?? meta.namespace;
      this.checkNamespaceWritable(type, meta.namespace, meta.name ?? meta.generateName ?? '');
    } else {
      delete meta.namespace;
    }
    if (!meta.name && !meta.generateName) {
      throw invalid(type.kind, type.group, '', [{ type: 'FieldValueRequired', field: 'metadata.name', detail: 'Required value: name or generateName is required' }]);
    }
    // Admission plugins name the object as it was sent: before a name is generated, by its generateName.
    const requestName = String(meta.name || meta.generateName);
    // rest.BeforeCreate names a generateName object before validation (names.SimpleNameGenerator:
    // the base cut to 58 characters, five random ones appended).
    if (!meta.name) meta.name = String(meta.generateName).slice(0, 58) + randomSuffix();
    const warnings = checkDecoding(type, object, options.fieldValidation);
    const admitted = admitCreate(type, object, this.hooks, quotaAdmission(this.store, this.clock, type, meta.namespace, requestName));
    options.guard?.(admitted);
    if (options.dryRun) return { object: { ...admitted, metadata: { ...admitted.metadata, uid: 'dry-run', creationTimestamp: this.clock.timestamp() } }, warnings };
    return { object: this.store.create(type, admitted), warnings };
  }

  update(type: ResourceType, namespace: string | undefined, name: string, body: KubeObject, options: WriteOptions = {}): WriteResult {
    const object = this.checkBody(type, body, options.subresource);
    const meta = (object.metadata ??= {});
    if (meta.name !== undefined && meta.name !== name) {
      throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    }
    if (type.namespaced && meta.namespace && namespace && meta.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.name = name;
    if (type.namespaced) meta.namespace = namespace;
    const old = this.store.get(type, namespace, name);
    const warnings = checkDecoding(type, object, options.fieldValidation);
    return { object: this.commitUpdate(type, object, old, options), warnings };
  }

  patch(type: ResourceType, namespace: string | undefined, name: string, patchType: string, patchBody: unknown, options: WriteOptions = {}): WriteResult {
    const old = this.store.get(type, namespace, name);
    const patched = applyPatch(patchType, old, patchBody, type.kind);
    this.checkPatchedType(type, patchType, patched);
    // A patch that names a resourceVersion asks for a precondition; otherwise it applies to the
    // current version (the apiserver retries patches on conflict, so they never go stale).
    const asked = (patchBody as KubeObject | null)?.metadata?.resourceVersion;
    patched.metadata ??= {};
    patched.metadata.resourceVersion = typeof asked === 'string' ? asked : old.metadata.resourceVersion;
    if (patched.metadata.name !== name) throw badRequest(`metadata.name: Invalid value: "${patched.metadata.name}": field is immutable`);
    const source: WriteSource = { kind: 'patch', patchType, patch: patchBody };
    const warnings = checkDecoding(type, patched, options.fieldValidation, source);
    return { object: this.commitUpdate(type, patched, old, options), warnings };
  }

  /**
   * A patch may not turn an object into another type. The JSON patchers decode the result into the
   * endpoint's type, and a `kind` or `apiVersion` that names another one fails that decoding (a 422
   * on `patch`, jsonPatcher.applyPatchToCurrentObject); a strategic merge patch's result is converted
   * from a map into the endpoint's versioned type, whose own TypeMeta wins.
   */
  private checkPatchedType(type: ResourceType, patchType: string, patched: KubeObject): void {
    const expectedVersion = groupVersion(type.group, type.version);
    if (patchType.startsWith(STRATEGIC_MERGE_PATCH)) {
      patched.kind = type.kind;
      patched.apiVersion = expectedVersion;
      return;
    }
    if (patched.kind === type.kind && patched.apiVersion === expectedVersion) return;
    throw undecodableResult(JSON.stringify(patched), decodedTypeError(type, patched.apiVersion, patched.kind));
  }

  /**
   * The optimistic-concurrency precondition, checked before any validation as the generic store's
   * GuaranteedUpdate does (a stale write is a 409, even when it is also invalid). A missing or "0"
   * resourceVersion is an unconditional update: every type here allows those.
   */
  private checkPrecondition(type: ResourceType, object: KubeObject, old: KubeObject): void {
    const asked = object.metadata?.resourceVersion;
    if (asked === undefined || asked === '' || asked === '0') {
      object.metadata.resourceVersion = old.metadata.resourceVersion;
      return;
    }
    if (asked !== old.metadata.resourceVersion) throw staleUpdate(type.plural, type.group, old.metadata.name);
  }

  /** The shared tail of update and patch: strategy, admission, store, finalizer-driven removal. */
  private commitUpdate(type: ResourceType, object: KubeObject, old: KubeObject, options: WriteOptions): KubeObject {
    this.checkPrecondition(type, object, old);
    if (options.subresource === 'finalize') {
      // Namespaces' spec.finalizers change only through /finalize; nothing else does there.
      object = { ...structuredClone(old), metadata: { ...old.metadata, resourceVersion: object.metadata.resourceVersion }, spec: { ...old.spec, finalizers: object.spec?.finalizers ?? [] } };
      if (object.spec.finalizers.length === 0) delete object.spec.finalizers;
      const stored = this.store.update(type, object);
      return this.removeIfFinalized(type, stored) ?? stored;
    }
    const admitted = admitUpdate(type, object, old, this.hooks, options.subresource);
    options.guard?.(admitted);
    // An update that changes nothing is not written: etcd3's GuaranteedUpdate compares the bytes and
    // keeps the existing object, resourceVersion included, so kubectl prints `(no change)`.
    if (isDeepStrictEqual(admitted, old)) return old;
    if (options.dryRun) return admitted;
    const stored = this.store.update(type, admitted);
    return this.removeIfFinalized(type, stored) ?? stored;
  }

  delete(type: ResourceType, namespace: string | undefined, name: string, options: DeleteOptions = {}): DeleteResult {
    const current = this.store.get(type, namespace, name);
    if (type === NAMESPACE) checkImmortalNamespace(name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw conflict(type.plural, type.group, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(type.plural, type.group, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
    }
    if (options.dryRun) return { object: current, removed: false };

    // Only metadata (and a Namespace's status, replaced below) changes: the rest is shared with the
    // stored object, which nothing writes into.
    const next: KubeObject = { ...current, metadata: { ...current.metadata } };
    const finalizers = new Set<string>(next.metadata.finalizers ?? []);
    const policy = options.propagationPolicy;
    if (policy === 'Orphan') finalizers.add(FINALIZER_ORPHAN);
    if (policy === 'Foreground') finalizers.add(FINALIZER_FOREGROUND);
    if (policy && policy !== 'Orphan') finalizers.delete(FINALIZER_ORPHAN);
    if (policy && policy !== 'Foreground') finalizers.delete(FINALIZER_FOREGROUND);

    const grace = this.gracePeriod(type, current, options);
    const pending = finalizers.size > 0 || grace > 0 || (type.kind === 'Namespace');
    if (!pending) return { object: this.finalRemove(type, current), removed: true };

    if (finalizers.size) next.metadata.finalizers = [...finalizers];
    const deadline = new Date(this.clock.now().getTime() + (grace * 1000) / this.clock.speed);
    const existing = current.metadata.deletionTimestamp;
    // A second delete may shorten a grace period but never extend it (BeforeDelete in rest/delete.go).
    if (!existing || Date.parse(existing) > deadline.getTime()) {
      next.metadata.deletionTimestamp = this.clock.timestamp(deadline);
      next.metadata.deletionGracePeriodSeconds = grace;
    }
    if (type.kind === 'Namespace') next.status = { ...next.status, phase: 'Terminating' };
    const stored = this.store.update(type, next);
    const removed = this.removeIfFinalized(type, stored);
    return removed ? { object: removed, removed: true } : { object: stored, removed: false };
  }

  deleteCollection(type: ResourceType, namespace: string | undefined, selectors: { labelSelector?: string; fieldSelector?: string }, options: DeleteOptions = {}): KubeObject[] {
    const { items } = this.store.list(type, { namespace, ...selectors });
    return items.map((item) => this.delete(type, item.metadata.namespace, item.metadata.name, options).object);
  }

  /**
   * Pods bound to a node die gracefully: the kubelet (the simulated node) removes them once their
   * containers stopped. Everything else goes at once unless finalizers hold it.
   */
  private gracePeriod(type: ResourceType, object: KubeObject, options: DeleteOptions): number {
    if (type !== PODS) return 0;
    if (!object.spec?.nodeName) return 0;
    if (object.status?.phase === 'Succeeded' || object.status?.phase === 'Failed') return 0;
    const grace = options.gracePeriodSeconds ?? object.spec?.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, grace);
  }

  /** Removes an object whose deletion has nothing left to wait for. */
  private removeIfFinalized(type: ResourceType, object: KubeObject): KubeObject | undefined {
    const meta = object.metadata;
    if (!meta.deletionTimestamp) return undefined;
    if ((meta.finalizers ?? []).length > 0) return undefined;
    if (type.kind === 'Namespace' && (object.spec?.finalizers ?? []).length > 0) return undefined;
    if (type === PODS && (meta.deletionGracePeriodSeconds ?? 0) > 0) return undefined;
    return this.finalRemove(type, object);
  }

  /** Takes an object out of the store for good, freeing what its allocators gave it. */
  private finalRemove(type: ResourceType, object: KubeObject): KubeObject {
    if (type.kind === 'Service') this.services.release(object);
    return this.store.remove(type, object.metadata.namespace, object.metadata.name);
  }

  /** Force-removes a terminated Pod: the kubelet's final `delete --grace-period=0`. */
  removePod(namespace: string, name: string): KubeObject | undefined {
    const pod = this.store.peek(PODS, namespace, name);
    if (!pod) return undefined;
    const next = { ...pod, metadata: { ...pod.metadata } };
    next.metadata.deletionGracePeriodSeconds = 0;
    next.metadata.deletionTimestamp ??= this.clock.timestamp();
    if ((next.metadata.finalizers ?? []).length > 0) return this.store.update(PODS, next);
    return this.store.remove(PODS, namespace, name);
  }

  private checkBody(type: ResourceType, body: KubeObject, subresource?: string): KubeObject {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw badRequest('the object provided is unrecognized (must be of type ' + type.kind + ')');
    }
    const expectedKind = subresource === 'scale' ? 'Scale' : type.kind;
    const expectedVersion = subresource === 'scale' ? 'autoscaling/v1' : groupVersion(type.group, type.version);
    if (body.kind !== undefined && body.kind !== expectedKind) {
      throw badRequest(`the object provided is unrecognized (must be of type ${expectedKind}): couldn't get version/kind; json parse error: kind ${body.kind} does not match ${expectedKind}`);
    }
    if (body.apiVersion !== undefined && body.apiVersion !== expectedVersion) {
      throw badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${expectedVersion})`);
    }
    if (body.metadata !== undefined && (typeof body.metadata !== 'object' || body.metadata === null || Array.isArray(body.metadata))) {
      throw badRequest(`Object 'metadata' is not an object`);
    }
    // Shallow copies: admission builds a fresh object, only these two levels are written before it.
    return { ...body, kind: expectedKind, apiVersion: expectedVersion, metadata: { ...(body.metadata ?? {}) } };
  }

  private checkNamespaceWritable(type: ResourceType, namespace: string | undefined, name: string): void {
    if (!namespace) throw badRequest('the server could not find the requested resource');
    const ns = this.store.peek(NAMESPACE, undefined, namespace);
    if (!ns) throw notFound('namespaces', '', namespace);
    if (ns.metadata.deletionTimestamp) {
      throw new ApiError(403, 'Forbidden', `${type.plural}${type.group ? '.' + type.group : ''} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`, {
        name,
        group: type.group || undefined,
        kind: type.plural,
        causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
      });
    }
  }
}
