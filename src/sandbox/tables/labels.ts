/**
 * How label maps and `metav1.LabelSelector`s read in table cells: ports of
 * k8s.io/apimachinery/pkg/labels (`FormatLabels`, `internalSelector.String`, `Requirement.String`)
 * and pkg/apis/meta/v1/helpers.go (`LabelSelectorAsSelector`, `FormatLabelSelector`).
 */
import type { KubeObject } from '../api/status.js';

/** `labels.FormatLabels`: `k=v` pairs sorted, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const pairs = Object.entries(labels ?? {}).map(([key, value]) => `${key}=${value}`);
  return pairs.sort(compareStrings).join(',') || '<none>';
}

/** `metav1.FormatLabelSelector`: the selector's string, `<none>` when it selects nothing or everything. */
export function formatLabelSelector(selector: KubeObject | undefined): string {
  const text = labelSelectorString(selector);
  if (text === undefined) return '<error>';
  return text || '<none>';
}

/** The operators of `k8s.io/apimachinery/pkg/selection` a LabelSelector can produce. */
type Operator = '=' | 'in' | 'notin' | 'exists' | '!';

interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** `metav1.LabelSelectorOperator` → `selection.Operator`, as `LabelSelectorAsSelector` maps them. */
const OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * `LabelSelectorAsSelector(selector).String()`: requirements sorted by key, `k=v`, `k in (a,b)`,
 * `k`, `!k`. A nil or empty selector prints as `""` (Nothing and Everything both do); `undefined`
 * means the selector is invalid, where the Go code returns an error.
 */
export function labelSelectorString(selector: KubeObject | undefined): string | undefined {
  if (!selector) return '';
  const requirements: Requirement[] = Object.entries<string>(selector.matchLabels ?? {}).map(([key, value]) => ({
    key,
    operator: '=',
    values: [value],
  }));
  for (const expression of (selector.matchExpressions ?? []) as KubeObject[]) {
    const operator = OPERATORS[expression.operator];
    const values: string[] = expression.values ?? [];
    if (operator === undefined) return undefined;
    // labels.NewRequirement: set operators need values, existence operators must have none.
    const isSetOperator = operator === 'in' || operator === 'notin';
    if (isSetOperator ? values.length === 0 : values.length > 0) return undefined;
    requirements.push({ key: expression.key, operator, values });
  }
  // internalSelector.Add sorts by key; Go's sort of so few items is a stable insertion sort.
  requirements.sort((a, b) => compareStrings(a.key, b.key));
  return requirements.map(requirementString).join(',');
}

/** `Requirement.String`; multiple values are printed sorted, as `safeSort` does. */
function requirementString({ key, operator, values }: Requirement): string {
  const joined = values.length === 1 ? values[0] : [...values].sort(compareStrings).join(',');
  switch (operator) {
    case '!':
      return `!${key}`;
    case 'exists':
      return key;
    case '=':
      return `${key}=${joined}`;
    default:
      return `${key} ${operator} (${joined})`;
  }
}

/** Go compares strings bytewise; for the ASCII of label keys and values that is code-unit order. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
