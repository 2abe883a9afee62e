/**
 * DefaultRuleResolver (pkg/registry/rbac/validation/rule.go): the rules that apply to a user in a
 * namespace, from every ClusterRoleBinding and then the namespace's RoleBindings, each with the
 * binding it came from. A binding whose role is missing contributes an error instead, which the
 * authorizer appends to its denial (`RBAC: role.rbac.authorization.k8s.io "x" not found`).
 */
import type { KubeObject } from '../../api/status.js';
import type { UserInfo } from '../user.js';
import { appliesTo, describeSubject, goQuote, type PolicyRule, type RoleRef, type Subject } from './evaluation.js';

/** Read access to the four RBAC kinds (the store, or plain lists in unit tests). */
export interface RbacSource {
  clusterRoleBindings(): readonly KubeObject[];
  roleBindings(namespace: string): readonly KubeObject[];
  clusterRole(name: string): KubeObject | undefined;
  role(namespace: string, name: string): KubeObject | undefined;
}

/** `(source, rule, error)`; returning false stops the walk. */
export type RuleVisitor = (source: string | undefined, rule: PolicyRule | undefined, error: string | undefined) => boolean;

export function visitRulesFor(rbac: RbacSource, user: UserInfo, namespace: string, visitor: RuleVisitor): void {
  for (const binding of rbac.clusterRoleBindings()) {
    const index = appliesTo(user, binding.subjects, '');
    if (index < 0) continue;
    const resolved = roleReferenceRules(rbac, binding.roleRef, '');
    if (typeof resolved === 'string') {
      if (!visitor(undefined, undefined, resolved)) return;
      continue;
    }
    const subject = binding.subjects[index] as Subject;
    const source = `ClusterRoleBinding ${goQuote(binding.metadata.name)} of ${binding.roleRef?.kind} ${goQuote(binding.roleRef?.name ?? '')} to ${describeSubject(subject, '')}`;
    for (const rule of resolved) if (!visitor(source, rule, undefined)) return;
  }
  if (!namespace) return;
  for (const binding of rbac.roleBindings(namespace)) {
    const index = appliesTo(user, binding.subjects, namespace);
    if (index < 0) continue;
    const resolved = roleReferenceRules(rbac, binding.roleRef, namespace);
    if (typeof resolved === 'string') {
      if (!visitor(undefined, undefined, resolved)) return;
      continue;
    }
    const subject = binding.subjects[index] as Subject;
    const source = `RoleBinding ${goQuote(`${binding.metadata.name}/${binding.metadata.namespace}`)} of ${binding.roleRef?.kind} ${goQuote(binding.roleRef?.name ?? '')} to ${describeSubject(subject, binding.metadata.namespace)}`;
    for (const rule of resolved) if (!visitor(source, rule, undefined)) return;
  }
}

/** GetRoleReferenceRules: the rules, or the error text. */
export function roleReferenceRules(rbac: RbacSource, roleRef: RoleRef | undefined, bindingNamespace: string): PolicyRule[] | string {
  switch (roleRef?.kind) {
    case 'Role': {
      const role = rbac.role(bindingNamespace, roleRef.name);
      return role ? (role.rules ?? []) : `role.rbac.authorization.k8s.io ${goQuote(roleRef.name)} not found`;
    }
    case 'ClusterRole': {
      const role = rbac.clusterRole(roleRef.name);
      return role ? (role.rules ?? []) : `clusterrole.rbac.authorization.k8s.io ${goQuote(roleRef.name)} not found`;
    }
    default:
      return `unsupported role reference kind: ${goQuote(roleRef?.kind ?? '')}`;
  }
}

/** RulesFor: every rule that applies, and the resolution errors as one aggregate message. */
export function rulesFor(rbac: RbacSource, user: UserInfo, namespace: string): { rules: PolicyRule[]; error?: string } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(rbac, user, namespace, (_source, rule, error) => {
    if (rule) rules.push(rule);
    if (error) errors.push(error);
    return true;
  });
  return errors.length > 0 ? { rules, error: aggregateMessage(errors) } : { rules };
}

/** utilerrors.NewAggregate(errs).Error(): one message as it is, several deduplicated in brackets. */
export function aggregateMessage(messages: string[]): string {
  if (messages.length === 1) return messages[0]!;
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}
