/**
 * kube-apiserver's authorizer chain for the sandbox: the system:masters group is allowed everything
 * before any policy is read (authorizerfactory.NewPrivilegedGroups), then RBAC decides
 * (plugin/pkg/auth/authorizer/rbac/rbac.go). There is no Node authorizer: the sandbox's kubelet
 * is in-process and never authenticates.
 */
import type { RequestAttributes } from '../request-info.js';
import { SYSTEM_PRIVILEGED_GROUP, type UserInfo } from '../user.js';
import { ruleAllows, type PolicyRule } from './evaluation.js';
import { aggregateMessage, rulesFor, visitRulesFor, type RbacSource } from './resolver.js';
import type { VisitedRule } from './rule-cache.js';

export interface Decision {
  allowed: boolean;
  /** `RBAC: allowed by …` when allowed; the resolution errors (or nothing) when not. */
  reason: string;
}

export function authorize(rbac: RbacSource, user: UserInfo, attributes: RequestAttributes): Decision {
  if (user.groups.includes(SYSTEM_PRIVILEGED_GROUP)) return { allowed: true, reason: '' };
  let allowedBy: string | undefined;
  const errors: string[] = [];
  visitRulesFor(rbac, user, attributes.namespace, (source, rule, error) => {
    if (rule && ruleAllows(attributes, rule)) {
      allowedBy = `RBAC: allowed by ${source}`;
      return false;
    }
    if (error) errors.push(error);
    return true;
  });
  if (allowedBy !== undefined) return { allowed: true, reason: allowedBy };
  return { allowed: false, reason: errors.length > 0 ? `RBAC: ${aggregateMessage(errors)}` : '' };
}

/** `authorize` over a walk resolved before (rule-cache.ts): the same decision, without the walk. */
export function authorizeVisited(walk: readonly VisitedRule[], user: UserInfo, attributes: RequestAttributes): Decision {
  if (user.groups.includes(SYSTEM_PRIVILEGED_GROUP)) return { allowed: true, reason: '' };
  const errors: string[] = [];
  for (const step of walk) {
    if (step.rule !== undefined) {
      if (ruleAllows(attributes, step.rule)) return { allowed: true, reason: `RBAC: allowed by ${step.source}` };
    } else errors.push(step.error);
  }
  return { allowed: false, reason: errors.length > 0 ? `RBAC: ${aggregateMessage(errors)}` : '' };
}

export interface ResourceRuleInfo {
  verbs: string[];
  apiGroups?: string[];
  resources: string[];
  resourceNames?: string[];
}

export interface NonResourceRuleInfo {
  verbs: string[];
  nonResourceURLs: string[];
}

export interface SubjectRules {
  resourceRules: ResourceRuleInfo[];
  nonResourceRules: NonResourceRuleInfo[];
  incomplete: boolean;
  evaluationError?: string;
}

/** RBACAuthorizer.RulesFor, shaped as a SelfSubjectRulesReview's status. */
export function subjectRules(rbac: RbacSource, user: UserInfo, namespace: string): SubjectRules {
  const { rules, error } = rulesFor(rbac, user, namespace);
  const resourceRules: ResourceRuleInfo[] = [];
  const nonResourceRules: NonResourceRuleInfo[] = [];
  for (const rule of rules as PolicyRule[]) {
    if ((rule.resources ?? []).length > 0) {
      // authorization/v1 ResourceRule: apiGroups, resources and resourceNames are omitempty.
      const info: ResourceRuleInfo = { verbs: rule.verbs ?? [], resources: rule.resources ?? [] };
      if ((rule.apiGroups ?? []).length > 0) info.apiGroups = rule.apiGroups;
      if ((rule.resourceNames ?? []).length > 0) info.resourceNames = rule.resourceNames;
      resourceRules.push(info);
    }
    if ((rule.nonResourceURLs ?? []).length > 0) nonResourceRules.push({ verbs: rule.verbs ?? [], nonResourceURLs: rule.nonResourceURLs ?? [] });
  }
  const result: SubjectRules = { resourceRules, nonResourceRules, incomplete: false };
  if (error) result.evaluationError = error;
  return result;
}
