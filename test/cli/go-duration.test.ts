/** Go's duration syntax (src/cli/go-duration.ts), µs included: its regular expressions spell µ as \u00b5 so dist/ stays ASCII. */
import { describe, expect, it } from 'vitest';
import { parseGoDuration } from '../../src/cli/go-duration.js';

describe('parseGoDuration', () => {
  it('reads every unit, µs (U+00B5) included, and sums a sequence', () => {
    expect(parseGoDuration('1h2m3s')).toBe(3_723_000);
    expect(parseGoDuration('1.5ms')).toBe(1.5);
    expect(parseGoDuration('500µs')).toBeCloseTo(0.5);
    expect(parseGoDuration('250us')).toBeCloseTo(0.25);
    expect(parseGoDuration('2000000ns')).toBeCloseTo(2);
  });

  it('refuses what Go refuses here: no unit, an unknown unit, zero', () => {
    expect(parseGoDuration('10')).toBeUndefined();
    expect(parseGoDuration('10x')).toBeUndefined();
    expect(parseGoDuration('0s')).toBeUndefined();
  });
});
