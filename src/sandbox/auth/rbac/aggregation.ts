/**
 * ClusterRole aggregation (pkg/controller/clusterroleaggregation): a ClusterRole with an
 * aggregationRule holds the union of the rules of every other ClusterRole its selectors match,
 * taken in name order, each rule once.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../api/status.js';
import { labelSelectorFromObject } from '../../store/selectors.js';
import type { PolicyRule } from './evaluation.js';

export function aggregatedRules(role: KubeObject, clusterRoles: readonly KubeObject[]): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const selector of role.aggregationRule?.clusterRoleSelectors ?? []) {
    const matches = labelSelectorFromObject(selector);
    const matched = clusterRoles
      .filter((other) => other.metadata.name !== role.metadata.name && matches(other.metadata.labels))
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    for (const other of matched) {
      for (const rule of (other.rules ?? []) as PolicyRule[]) {
        if (!rules.some((existing) => isDeepStrictEqual(existing, rule))) rules.push(rule);
      }
    }
  }
  return rules;
}
