/**
 * RBAC's rule matching, ported from k8s.io/kubernetes/pkg/apis/rbac/v1/evaluation_helpers.go and
 * plugin/pkg/auth/authorizer/rbac/rbac.go (RuleAllows), and the subject matching of
 * pkg/registry/rbac/validation/rule.go (appliesToUser). Pure functions over plain objects.
 */
import type { RequestAttributes } from '../request-info.js';
import { matchesServiceAccountUsername, type UserInfo } from '../user.js';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup?: string;
  kind: string;
  name: string;
}

const ALL = '*';

export function verbMatches(rule: PolicyRule, requestedVerb: string): boolean {
  return (rule.verbs ?? []).some((verb) => verb === ALL || verb === requestedVerb);
}

export function apiGroupMatches(rule: PolicyRule, requestedGroup: string): boolean {
  return (rule.apiGroups ?? []).some((group) => group === ALL || group === requestedGroup);
}

/**
 * `*` matches everything, `pods/log` matches exactly, and `* /log` (without the space) matches the
 * `log` subresource of any resource; `pods` does not match `pods/log`.
 */
export function resourceMatches(rule: PolicyRule, combinedRequestedResource: string, requestedSubresource: string): boolean {
  for (const ruleResource of rule.resources ?? []) {
    if (ruleResource === ALL) return true;
    if (ruleResource === combinedRequestedResource) return true;
    if (requestedSubresource.length === 0) continue;
    if (ruleResource.length === requestedSubresource.length + 2 && ruleResource.startsWith('*/') && ruleResource.endsWith(requestedSubresource)) return true;
  }
  return false;
}

/** No resourceNames allows every name, including none (list, create). */
export function resourceNameMatches(rule: PolicyRule, requestedName: string): boolean {
  const names = rule.resourceNames ?? [];
  if (names.length === 0) return true;
  return names.includes(requestedName);
}

/** `*` everything, an exact path, or a prefix ending in `*`. */
export function nonResourceURLMatches(rule: PolicyRule, requestedURL: string): boolean {
  for (const ruleURL of rule.nonResourceURLs ?? []) {
    if (ruleURL === ALL) return true;
    if (ruleURL === requestedURL) return true;
    if (ruleURL.endsWith('*') && requestedURL.startsWith(ruleURL.replace(/\*+$/, ''))) return true;
  }
  return false;
}

/** RuleAllows */
export function ruleAllows(attributes: RequestAttributes, rule: PolicyRule): boolean {
  if (attributes.isResourceRequest) {
    const combined = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
    return (
      verbMatches(rule, attributes.verb) &&
      apiGroupMatches(rule, attributes.apiGroup) &&
      resourceMatches(rule, combined, attributes.subresource) &&
      resourceNameMatches(rule, attributes.name)
    );
  }
  return verbMatches(rule, attributes.verb) && nonResourceURLMatches(rule, attributes.path);
}

/**
 * appliesToUser: a ServiceAccount subject without a namespace means the binding's own namespace
 * (and never matches from a ClusterRoleBinding).
 */
export function appliesToUser(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const saNamespace = subject.namespace || namespace;
      if (!saNamespace) return false;
      return matchesServiceAccountUsername(saNamespace, subject.name, user.name);
    }
    default:
      return false;
  }
}

/** The index of the first subject that applies, or -1. */
export function appliesTo(user: UserInfo, subjects: Subject[] | undefined, namespace: string): number {
  return (subjects ?? []).findIndex((subject) => appliesToUser(user, subject, namespace));
}

/** describeSubject: `ServiceAccount "learner/kubedojo-ana"`, `Group "system:masters"`. */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') return `${subject.kind} ${goQuote(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  return `${subject.kind} ${goQuote(subject.name)}`;
}

/** Go's %q for the strings that appear here. */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}
