import { describe, expect, it } from 'vitest';
import { formatLabels, formatLabelSelector, labelSelectorString } from '../../../src/sandbox/tables/labels.js';

describe('formatLabels (labels.FormatLabels)', () => {
  it('sorts k=v pairs and prints <none> for no labels', () => {
    expect(formatLabels({ tier: 'front', app: 'web' })).toBe('app=web,tier=front');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });
});

describe('label selectors (LabelSelectorAsSelector(...).String())', () => {
  it('sorts requirements by key and spells each operator like labels.Requirement', () => {
    expect(
      labelSelectorString({
        matchLabels: { 'pod-template-hash': '7d9c5b8f4', app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'NotIn', values: ['prod', 'dev'] },
          { key: 'canary', operator: 'DoesNotExist' },
          { key: 'zone', operator: 'Exists' },
          { key: 'track', operator: 'In', values: ['stable'] },
        ],
      }),
    ).toBe('app=web,!canary,env notin (dev,prod),pod-template-hash=7d9c5b8f4,track in (stable),zone');
  });

  it('prints "" for nil and empty selectors, which FormatLabelSelector shows as <none>', () => {
    expect(labelSelectorString(undefined)).toBe('');
    expect(labelSelectorString({})).toBe('');
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({ matchLabels: {} })).toBe('<none>');
  });

  it('rejects an unknown operator or values that do not fit it', () => {
    expect(labelSelectorString({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toBeUndefined();
    expect(labelSelectorString({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toBeUndefined();
    expect(labelSelectorString({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toBeUndefined();
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] })).toBe('<error>');
  });
});
