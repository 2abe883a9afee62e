/**
 * RBAC's escalation check (pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/
 * policybased and component-helpers/auth/rbac/validation): a user may write a Role only with rules
 * it holds itself (or the `escalate` verb on it), and a binding only to a role whose rules it holds
 * (or the `bind` verb on it). system:masters is exempt. The refusal is upstream's:
 *   roles.rbac.authorization.k8s.io "x" is forbidden: user "…" (groups=["…"]) is attempting to grant
 *   RBAC permissions not currently held:
 *   {APIGroups:[""], Resources:["secrets"], Verbs:["get"]}
 */
import type { KubeObject } from '../../api/status.js';
import type { RequestAttributes } from '../request-info.js';
import { SYSTEM_PRIVILEGED_GROUP, type UserInfo } from '../user.js';
import { authorize } from './authorizer.js';
import type { PolicyRule } from './evaluation.js';
import { roleReferenceRules, rulesFor, type RbacSource } from './resolver.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const ROLE_KINDS: Record<string, { resource: string; role: boolean }> = {
  Role: { resource: 'roles', role: true },
  ClusterRole: { resource: 'clusterroles', role: true },
  RoleBinding: { resource: 'rolebindings', role: false },
  ClusterRoleBinding: { resource: 'clusterrolebindings', role: false },
};

const has = (set: readonly string[] | undefined, value: string) => (set ?? []).includes(value);
const hasAll = (set: readonly string[] | undefined, values: readonly string[] | undefined) => (values ?? []).every((v) => has(set, v));

function resourceCoversAll(set: readonly string[] | undefined, covers: readonly string[] | undefined): boolean {
  if (has(set, '*') || hasAll(set, covers)) return true;
  for (const path of covers ?? []) {
    if (has(set, path)) continue;
    const slash = path.indexOf('/');
    if (slash < 0) return false;
    if (!has(set, `*/${path.slice(slash + 1)}`)) return false;
  }
  return true;
}

function nonResourceURLCovers(owner: string, sub: string): boolean {
  return owner === sub || (owner.endsWith('*') && sub.startsWith(owner.replace(/\*+$/, '')));
}

function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourceCoversAll(owner.resources, sub.resources);
  const urls = (sub.nonResourceURLs ?? []).every((path) => (owner.nonResourceURLs ?? []).some((o) => nonResourceURLCovers(o, path)));
  const ownerNames = owner.resourceNames ?? [];
  const names = (sub.resourceNames ?? []).length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, sub.resourceNames);
  return verbs && groups && resources && names && urls;
}

/** BreakdownRule: one verb, group, resource (and name) at a time. */
function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if ((rule.resourceNames ?? []).length > 0) {
          for (const name of rule.resourceNames!) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        } else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

/** Covers: whether the owner's rules cover every one of the servant's, and the ones they do not. */
export function covers(ownerRules: readonly PolicyRule[], servantRules: readonly PolicyRule[]): PolicyRule[] {
  const missing: PolicyRule[] = [];
  for (const rule of servantRules) for (const sub of breakdown(rule)) if (!ownerRules.some((owner) => ruleCovers(owner, sub))) missing.push(sub);
  return missing;
}

/** CompactRules: the single-group, single-resource rules merged across verbs. */
function compact(rules: PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const isSimple = (rule.resourceNames ?? []).length <= 1 && (rule.nonResourceURLs ?? []).length === 0 && (rule.apiGroups ?? []).length === 1 && (rule.resources ?? []).length === 1;
    if (!isSimple) {
      out.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups![0], rule.resources![0], rule.resourceNames?.[0] ?? null]);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...rule.verbs];
    else simple.set(key, { ...rule, verbs: [...rule.verbs] });
  }
  return [...out, ...simple.values()];
}

/** Go's %q of a []string: `["a" "b"]`. */
const goStrings = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;

/** rbacv1helpers.CompactString */
export function compactString(rule: PolicyRule): string {
  const parts: string[] = [];
  if ((rule.apiGroups ?? []).length) parts.push(`APIGroups:${goStrings(rule.apiGroups!)}`);
  if ((rule.resources ?? []).length) parts.push(`Resources:${goStrings(rule.resources!)}`);
  if ((rule.nonResourceURLs ?? []).length) parts.push(`NonResourceURLs:${goStrings(rule.nonResourceURLs!)}`);
  if ((rule.resourceNames ?? []).length) parts.push(`ResourceNames:${goStrings(rule.resourceNames!)}`);
  if ((rule.verbs ?? []).length) parts.push(`Verbs:${goStrings(rule.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/** ConfirmNoEscalation: undefined, or the error text. */
function confirmNoEscalation(rbac: RbacSource, user: UserInfo, namespace: string, rules: readonly PolicyRule[]): string | undefined {
  const owner = rulesFor(rbac, user, namespace);
  const missing = covers(owner.rules, rules);
  if (missing.length === 0) return undefined;
  const descriptions = [...new Set(compact(missing).map(compactString))].sort();
  let message = `user ${JSON.stringify(user.name)} (groups=${goStrings(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}`;
  if (owner.error) message += `; resolution errors: [${owner.error}]`;
  return message;
}

function allowedVerb(rbac: RbacSource, user: UserInfo, verb: string, resource: string, namespace: string, name: string): boolean {
  const attributes: RequestAttributes = { isResourceRequest: true, path: '', verb, apiGroup: RBAC_GROUP, apiVersion: '*', namespace, resource, subresource: '', name };
  return authorize(rbac, user, attributes).allowed;
}

export interface EscalationRefusal {
  /** 403 Forbidden; 500 when a binding's role cannot be resolved (upstream's InternalError). */
  code: 403 | 500;
  message: string;
}

/**
 * The escalation check of a write of an RBAC object `object` of `kind` by `user` (in the request's
 * namespace): undefined when allowed.
 */
export function escalationRefusal(rbac: RbacSource, user: UserInfo, kind: string, object: KubeObject, namespace: string): EscalationRefusal | undefined {
  const error = escalationError(rbac, user, kind, object, namespace);
  if (typeof error === 'string') return { code: 403, message: error };
  return error;
}

function escalationError(rbac: RbacSource, user: UserInfo, kind: string, object: KubeObject, namespace: string): string | EscalationRefusal | undefined {
  const entry = ROLE_KINDS[kind];
  if (!entry || user.groups.includes(SYSTEM_PRIVILEGED_GROUP)) return undefined;
  if (entry.role) {
    if (allowedVerb(rbac, user, 'escalate', entry.resource, namespace, object.metadata?.name ?? '')) return undefined;
    return confirmNoEscalation(rbac, user, namespace, object.rules ?? []);
  }
  const ref = object.roleRef ?? {};
  const refResource = ref.kind === 'Role' ? 'roles' : 'clusterroles';
  if (allowedVerb(rbac, user, 'bind', refResource, namespace, ref.name ?? '')) return undefined;
  const rules = roleReferenceRules(rbac, ref, namespace);
  if (typeof rules === 'string') return { code: 500, message: rules };
  return confirmNoEscalation(rbac, user, namespace, rules);
}
