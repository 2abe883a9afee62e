import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration } from '../../../src/sandbox/tables/duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

// Cases from k8s.io/apimachinery/pkg/util/duration/duration_test.go plus both sides of every boundary.
describe('humanDuration (duration.HumanDuration)', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1999, '0s'], // int(-1.999) is -1: still within the 2s of tolerated clock skew
    [-1 * s, '0s'],
    [-500, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1 * s, '1s'],
    [70 * s, '70s'],
    [119 * s + 999, '119s'],
    [2 * m, '2m'],
    [2 * m + 1 * s, '2m1s'],
    [3 * m + 2 * s, '3m2s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 59 * s, '10m'],
    [179 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 1 * m, '3h1m'],
    [5 * h + 4 * m + 59 * s, '5h4m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [8 * h + 59 * m, '8h'],
    [47 * h + 59 * m, '47h'],
    [48 * h, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [7 * d + 23 * h + 59 * m, '7d23h'],
    [8 * d, '8d'],
    [8 * d + 23 * h, '8d'],
    [2 * y - 1 * d, '729d'],
    [2 * y, '2y'],
    [2 * y + 20 * d, '2y20d'],
    [8 * y - 1 * d, '7y364d'],
    [8 * y, '8y'],
    [15 * y + 364 * d, '15y'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('shortHumanDuration (duration.ShortHumanDuration)', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [59 * s + 999, '59s'],
    [60 * s, '1m'],
    [59 * m + 59 * s, '59m'],
    [60 * m, '1h'],
    [23 * h + 59 * m, '23h'],
    [24 * h, '1d'],
    [364 * d + 23 * h, '364d'],
    [365 * d, '1y'],
    [3 * y + 200 * d, '3y'],
  ])('%d ms → %s', (ms, text) => {
    expect(shortHumanDuration(ms)).toBe(text);
  });
});
