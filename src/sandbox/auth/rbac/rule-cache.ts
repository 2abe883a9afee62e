/**
 * The rules that apply to a user in a namespace, resolved once and kept until an RBAC object
 * changes. Resolution walks every ClusterRoleBinding and the namespace's RoleBindings (a store
 * list, filtered and sorted, per kind) and matches each binding's subjects; in a workshop room
 * every learner request did that walk, although the policy changes only when `workshop create`,
 * `extend` or `delete` runs. The cache keeps the walk's output exactly — each rule with the
 * binding it came from, and the resolution errors in order — so a decision read from it is the
 * one `visitRulesFor` gives (the authorizer's tests run on both).
 */
import type { UserInfo } from '../user.js';
import { visitRulesFor, type RbacSource } from './resolver.js';
import type { PolicyRule } from './evaluation.js';

/** One step of the walk: a rule and its source, or a resolution error. */
export type VisitedRule = { source: string; rule: PolicyRule; error?: undefined } | { source?: undefined; rule?: undefined; error: string };

/** A bound on distinct (user, namespace) pairs kept: past it the cache starts over. */
const MAX_ENTRIES = 10_000;

export class RuleCache {
  private readonly entries = new Map<string, readonly VisitedRule[]>();

  constructor(private readonly rbac: RbacSource) {}

  /** Every rule that applies (with its source) and every resolution error, in the walk's order. */
  visited(user: UserInfo, namespace: string): readonly VisitedRule[] {
    // Bindings match on the user's name and groups only (rbac.appliesTo): those are the key.
    const key = `${user.name}\u0000${user.groups.join('\u0001')}\u0000${namespace}`;
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const walk: VisitedRule[] = [];
    visitRulesFor(this.rbac, user, namespace, (source, rule, error) => {
      if (rule !== undefined && source !== undefined) walk.push({ source, rule });
      else if (error !== undefined) walk.push({ error });
      return true;
    });
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, walk);
    return walk;
  }

  /** A Role, ClusterRole or binding changed: every answer may have. */
  invalidate(): void {
    this.entries.clear();
  }
}
