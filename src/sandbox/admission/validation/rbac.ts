/**
 * rbac.authorization.k8s.io validation (pkg/apis/rbac/validation/validation.go): names are path
 * segments (`system:aggregate-to-admin` is fine), each rule needs verbs and either resources with API
 * groups or non-resource URLs (never in a Role), bindings name a role of a kind they may, and a
 * binding's roleRef never changes.
 */
import type { KubeObject } from '../../api/status.js';
import { child, index, invalid, notSupported, required, type FieldError } from '../field-errors.js';
import { rendered, goStringSlice } from '../go-format.js';
import { validateObjectMeta, validateObjectMetaUpdate, type NameRule } from '../meta-validation.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** path.IsValidPathSegmentName (and its prefix form for generateName). */
const pathSegmentName: NameRule = (name, prefix) => {
  const errs: string[] = [];
  if (!prefix && (name === '.' || name === '..')) errs.push(`may not be '${name}'`);
  if (name.includes('/')) errs.push("may not contain '/'");
  if (name.includes('%')) errs.push("may not contain '%'");
  return errs;
};

function validatePolicyRule(rule: KubeObject, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!(rule.verbs ?? []).length) errs.push(required(child(path, 'verbs'), 'verbs must contain at least one value'));
  const urls: string[] = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    if (namespaced) errs.push(invalid(child(path, 'nonResourceURLs'), rendered(goStringSlice(urls)), 'namespaced rules cannot apply to non-resource URLs'));
    if ((rule.apiGroups ?? []).length || (rule.resources ?? []).length || (rule.resourceNames ?? []).length) {
      errs.push(invalid(child(path, 'nonResourceURLs'), rendered(goStringSlice(urls)), 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (!(rule.apiGroups ?? []).length) errs.push(required(child(path, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (!(rule.resources ?? []).length) errs.push(required(child(path, 'resources'), 'resource rules must supply at least one resource'));
  return errs;
}

function validateRole(role: KubeObject, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(role.metadata, namespaced, pathSegmentName);
  (role.rules ?? []).forEach((rule: KubeObject, i: number) => errs.push(...validatePolicyRule(rule ?? {}, namespaced, index('rules', i))));
  return errs;
}

function validateSubject(subject: KubeObject, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!subject.name) errs.push(required(child(path, 'name')));
  switch (subject.kind) {
    case 'ServiceAccount':
      if (subject.apiGroup) errs.push(notSupported(child(path, 'apiGroup'), subject.apiGroup, ['']));
      if (!namespaced && !subject.namespace) errs.push(required(child(path, 'namespace')));
      break;
    case 'User':
    case 'Group':
      if (subject.apiGroup !== RBAC_GROUP) errs.push(notSupported(child(path, 'apiGroup'), subject.apiGroup ?? '', [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(child(path, 'kind'), subject.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(binding: KubeObject, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(binding.metadata, namespaced, pathSegmentName);
  const ref = binding.roleRef ?? {};
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required('roleRef.name'));
  else errs.push(...pathSegmentName(ref.name, false).map((msg) => invalid('roleRef.name', ref.name, msg)));
  (binding.subjects ?? []).forEach((subject: KubeObject, i: number) => errs.push(...validateSubject(subject ?? {}, namespaced, index('subjects', i))));
  return errs;
}

function roleRefUnchanged(binding: KubeObject, old: KubeObject): FieldError[] {
  const a = binding.roleRef ?? {};
  const b = old.roleRef ?? {};
  if (a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name) return [];
  return [invalid('roleRef', rendered(`v1.RoleRef{APIGroup:${JSON.stringify(a.apiGroup ?? '')}, Kind:${JSON.stringify(a.kind ?? '')}, Name:${JSON.stringify(a.name ?? '')}}`), 'cannot change roleRef')];
}

export const RBAC_CREATE: Record<string, (obj: KubeObject) => FieldError[]> = {
  Role: (r) => validateRole(r, true),
  ClusterRole: (r) => validateRole(r, false),
  RoleBinding: (b) => validateBinding(b, true),
  ClusterRoleBinding: (b) => validateBinding(b, false),
};

export const RBAC_UPDATE: Record<string, (obj: KubeObject, old: KubeObject) => FieldError[]> = {
  Role: (r, old) => [...validateObjectMetaUpdate(r.metadata, old.metadata), ...validateRole(r, true)],
  ClusterRole: (r, old) => [...validateObjectMetaUpdate(r.metadata, old.metadata), ...validateRole(r, false)],
  RoleBinding: (b, old) => [...validateObjectMetaUpdate(b.metadata, old.metadata), ...validateBinding(b, true), ...roleRefUnchanged(b, old)],
  ClusterRoleBinding: (b, old) => [...validateObjectMetaUpdate(b.metadata, old.metadata), ...validateBinding(b, false), ...roleRefUnchanged(b, old)],
};
