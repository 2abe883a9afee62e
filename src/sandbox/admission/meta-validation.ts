/**
 * ObjectMeta, labels, annotations and label selectors: k8s.io/apimachinery pkg/api/validation
 * (objectmeta.go, generic.go) and pkg/apis/meta/v1/validation, plus core's finalizer rule.
 */
import type { KubeObject } from '../api/status.js';
import { FIELD_IMMUTABLE, child, forbidden, index, invalid, nonNegative, required, tooLong, type BadValue, type FieldError } from './field-errors.js';
import { goStringSlice, rendered } from './go-format.js';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './name-rules.js';

/** ValidateNameFunc: `prefix` is true for generateName, whose trailing dash is allowed. */
export type NameRule = (name: string, prefix: boolean) => string[];

// maskTrailingDash: a generateName may end in '-' because a random suffix follows.
const maskTrailingDash = (name: string) => (name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name);
const nameRule = (check: (v: string) => string[]): NameRule => (name, prefix) => check(prefix ? maskTrailingDash(name) : name);

export const nameIsDNSSubdomain = nameRule(isDNS1123Subdomain);
export const nameIsDNSLabel = nameRule(isDNS1123Label);
export const nameIsDNS1035Label = nameRule(isDNS1035Label);

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** ValidateLabelName. */
export function validateLabelName(name: string, field: string): FieldError[] {
  return isQualifiedName(name).map((msg) => invalid(field, name, msg));
}

/** ValidateLabels: keys and values, reported against the map's own path. */
export function validateLabels(labels: Record<string, unknown> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, field));
    errs.push(...isValidLabelValue(String(v)).map((msg) => invalid(field, String(v), msg)));
  }
  return errs;
}

/** ValidateAnnotations: keys are case-insensitive qualified names; all of it at most 256 KiB. */
export function validateAnnotations(annotations: Record<string, unknown> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    errs.push(...isQualifiedName(k.toLowerCase()).map((msg) => invalid(field, k, msg)));
    size += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function validateOwnerReferences(refs: KubeObject[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const version = String(ref.apiVersion ?? '').split('/').at(-1);
    if (!version) errs.push(invalid(child(field, 'apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(child(field, 'kind'), ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(invalid(child(field, 'name'), ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(invalid(child(field, 'uid'), ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller === true) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(invalid(field, rendered('[]v1.OwnerReference{...}'), `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
      } else firstController = current;
    }
  }
  return errs;
}

/** ValidateFinalizers plus core's validateKubeFinalizerName (pkg/apis/core/validation). */
function validateFinalizers(finalizers: string[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers ?? []) errs.push(...isQualifiedName(f).map((msg) => invalid(field, f, msg)));
  const list = finalizers ?? [];
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid(field, rendered(goStringSlice(list)), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  list.forEach((f, i) => {
    const path = index(field, i);
    errs.push(...isQualifiedName(f).map((msg) => invalid(path, f, msg)));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

/** ValidateObjectMeta (create). Cluster-scoped objects have had their namespace cleared already. */
export function validateObjectMeta(meta: KubeObject | undefined, requiresNamespace: boolean, rule: NameRule, field = 'metadata'): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    errs.push(...rule(m.generateName, true).map((msg) => invalid(child(field, 'generateName'), m.generateName, msg)));
  }
  if (!m.name) errs.push(required(child(field, 'name'), 'name or generateName is required'));
  else errs.push(...rule(m.name, false).map((msg) => invalid(child(field, 'name'), m.name, msg)));
  if (requiresNamespace) {
    if (!m.namespace) errs.push(required(child(field, 'namespace')));
    else errs.push(...nameIsDNSLabel(m.namespace, false).map((msg) => invalid(child(field, 'namespace'), m.namespace, msg)));
  } else if (m.namespace) {
    errs.push(forbidden(child(field, 'namespace'), 'not allowed on this type'));
  }
  errs.push(...nonNegative(m.generation, child(field, 'generation')));
  errs.push(...validateLabels(m.labels, child(field, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(field, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(field, 'ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, child(field, 'finalizers')));
  return errs;
}

/** time.Time's String(), which is what an immutable-timestamp error prints. */
const goTime = (t: unknown): BadValue => {
  if (t == null) return null;
  const iso = new Date(String(t)).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
  return rendered(`${iso} +0000 UTC`);
};

/**
 * ValidateObjectMetaUpdate, after rest.BeforeUpdate's carry-overs: an update that leaves out uid,
 * creationTimestamp or the deletion markers keeps the stored ones, so only a different value is an
 * error. The resourceVersion rule is left out: every type here allows unconditional updates, for
 * which the store fills in the current resourceVersion before validating.
 */
export function validateObjectMetaUpdate(next: KubeObject | undefined, old: KubeObject | undefined, field = 'metadata'): FieldError[] {
  const n = next ?? {};
  const o = old ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const added = (n.finalizers ?? []).filter((f: string) => !(o.finalizers ?? []).includes(f));
    if (added.length) {
      const list = goStringSlice([...new Set<string>(added)].sort());
      errs.push(forbidden(child(field, 'finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers ${list}`));
    }
  }
  if ((n.generation ?? 0) < (o.generation ?? 0)) errs.push(invalid(child(field, 'generation'), n.generation ?? 0, 'must not be decremented'));
  const immutable = (name: string, show: (v: unknown) => BadValue, carriedOver: boolean) => {
    const value = carriedOver && (n[name] == null || n[name] === '') ? o[name] : n[name];
    if ((value ?? '') !== (o[name] ?? '')) errs.push(invalid(child(field, name), show(value), FIELD_IMMUTABLE));
  };
  immutable('name', (v) => String(v ?? ''), false);
  immutable('namespace', (v) => String(v ?? ''), false);
  immutable('uid', (v) => String(v ?? ''), true);
  immutable('creationTimestamp', goTime, true);
  immutable('deletionTimestamp', goTime, o.deletionTimestamp != null);
  immutable('deletionGracePeriodSeconds', (v) => (v == null ? null : Number(v)), true);
  errs.push(...validateLabels(n.labels, child(field, 'labels')));
  errs.push(...validateAnnotations(n.annotations, child(field, 'annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, child(field, 'ownerReferences')));
  // Core's ValidateObjectMetaUpdate re-checks each finalizer name.
  (n.finalizers ?? []).forEach((f: string, i: number) => {
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(invalid(index(child(field, 'finalizers'), i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

/** ValidateLabelSelector (strict values, known operators). */
export function validateLabelSelector(sel: KubeObject | undefined, field: string): FieldError[] {
  if (sel == null) return [];
  const errs = validateLabels(sel.matchLabels, child(field, 'matchLabels'));
  (sel.matchExpressions ?? []).forEach((expr: KubeObject, i: number) => {
    const path = index(child(field, 'matchExpressions'), i);
    const values: string[] = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(child(path, 'operator'), expr.operator ?? '', 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(expr.key ?? '', child(path, 'key')));
    values.forEach((v, j) => errs.push(...isValidLabelValue(v).map((msg) => invalid(index(child(path, 'values'), j), v, msg))));
  });
  return errs;
}

/** labels.Selector.Matches for a metav1.LabelSelector (LabelSelectorAsSelector semantics). */
export function selectorMatches(sel: KubeObject | undefined, labels: Record<string, string> | undefined): boolean {
  const have = labels ?? {};
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (have[k] !== v) return false;
  for (const e of (sel?.matchExpressions ?? []) as KubeObject[]) {
    const present = Object.hasOwn(have, e.key);
    const values: string[] = e.values ?? [];
    if (e.operator === 'In' && !(present && values.includes(have[e.key]!))) return false;
    if (e.operator === 'NotIn' && present && values.includes(have[e.key]!)) return false;
    if (e.operator === 'Exists' && !present) return false;
    if (e.operator === 'DoesNotExist' && present) return false;
  }
  return true;
}

/** An empty selector (no requirements) selects nothing to validate against. */
export const selectorIsEmpty = (sel: KubeObject | undefined): boolean =>
  Object.keys(sel?.matchLabels ?? {}).length + (sel?.matchExpressions?.length ?? 0) === 0;
