import { describe, expect, it } from 'vitest';
import { commandPolicy } from '../../../src/engine/commands/command-policy.js';
import { GUARD_TABLE } from './guard-table.js';

const words = (text: string): string[] => text.split(' ').filter((word) => word !== '');

describe('command guard: the decision table (issue #7)', () => {
  it('has at least 100 lines', () => {
    expect(GUARD_TABLE.length).toBeGreaterThanOrEqual(100);
  });

  it.each(GUARD_TABLE.map(([line, expected]) => [line, expected] as const))('%s', (line, expected) => {
    const decision = commandPolicy(words(line));
    if (expected === 'allow') {
      expect(decision, line).toMatchObject({ allowed: true });
      return;
    }
    expect(decision, line).toMatchObject({ allowed: false });
    const [, mention] = expected;
    if (mention !== undefined && !decision.allowed) expect(decision.reason).toContain(mention);
  });
});
