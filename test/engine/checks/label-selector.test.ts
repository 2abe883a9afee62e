import { describe, expect, it } from 'vitest';
import { formatSelector, matchesSelector, parseSelector } from '../../../src/engine/checks/label-selector.js';

const labels = { app: 'nginx-depl', 'pod-template-hash': '6777bffb6f', tier: 'web' };

describe('matchesSelector', () => {
  it('needs every matchLabels pair', () => {
    expect(matchesSelector(labels, { matchLabels: { app: 'nginx-depl' } })).toBe(true);
    expect(matchesSelector(labels, { matchLabels: { app: 'nginx-depl', tier: 'db' } })).toBe(false);
    expect(matchesSelector(undefined, { matchLabels: { app: 'nginx-depl' } })).toBe(false);
  });

  it('matches everything with an empty selector, as the apiserver does', () => {
    expect(matchesSelector(undefined, {})).toBe(true);
  });

  it.each([
    [{ key: 'tier', operator: 'In' as const, values: ['web', 'api'] }, true],
    [{ key: 'tier', operator: 'In' as const, values: ['db'] }, false],
    [{ key: 'missing', operator: 'In' as const, values: ['x'] }, false],
    [{ key: 'tier', operator: 'NotIn' as const, values: ['db'] }, true],
    [{ key: 'tier', operator: 'NotIn' as const, values: ['web'] }, false],
    [{ key: 'missing', operator: 'NotIn' as const, values: ['x'] }, true],
    [{ key: 'tier', operator: 'Exists' as const }, true],
    [{ key: 'missing', operator: 'Exists' as const }, false],
    [{ key: 'missing', operator: 'DoesNotExist' as const }, true],
    [{ key: 'tier', operator: 'DoesNotExist' as const }, false],
  ])('matchExpressions %j → %s', (requirement, expected) => {
    expect(matchesSelector(labels, { matchExpressions: [requirement] })).toBe(expected);
  });

  it('combines matchLabels and matchExpressions with AND', () => {
    const selector = { matchLabels: { app: 'nginx-depl' }, matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['db'] }] };
    expect(matchesSelector(labels, selector)).toBe(false);
  });
});

describe('parseSelector (kubectl -l syntax)', () => {
  it('parses equality, inequality, set and existence requirements', () => {
    expect(parseSelector('app=web,tier!=db,env in (prod, staging),track notin (canary),owner,!legacy')).toEqual({
      ok: true,
      selector: {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['db'] },
          { key: 'env', operator: 'In', values: ['prod', 'staging'] },
          { key: 'track', operator: 'NotIn', values: ['canary'] },
          { key: 'owner', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      },
    });
  });

  it('accepts == and prefixed keys', () => {
    expect(parseSelector('app.kubernetes.io/name==web')).toEqual({ ok: true, selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } });
  });

  it('rejects what kubectl would reject', () => {
    expect(parseSelector('')).toEqual({ ok: false, message: 'empty label selector' });
    expect(parseSelector('app=web,=x')).toEqual({
      ok: false,
      message: '"=x" is not a label selector requirement (want key=value, key!=value, key in (a,b), key or !key)',
    });
    expect(parseSelector('app=we b')).toMatchObject({ ok: false });
  });

  it('round-trips through formatSelector', () => {
    const text = 'app=web,tier!=db,env in (prod,staging),owner,!legacy';
    const parsed = parseSelector(text);
    expect(parsed.ok && formatSelector(parsed.selector)).toBe(text);
  });
});
