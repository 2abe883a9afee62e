/**
 * resource.Quantity (k8s.io/apimachinery pkg/api/resource/quantity.go): parsing, the canonical form
 * the apiserver writes back (`1000` → `1k`, `0.5` → `500m`, `1024Mi` → `1Gi`) and comparison.
 */

export const QUANTITY_REGEX_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact value: `digits × 10^scale`. */
export interface ParsedQuantity {
  digits: bigint;
  scale: number;
  format: Format;
}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };

/** ParseQuantity; undefined where the apiserver answers QUANTITY_REGEX_ERROR (or a suffix error). */
export function parseQuantity(input: string | number): ParsedQuantity | undefined {
  const text = String(input).trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[-+]?\d*)$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const [, sign, whole, frac = '', suffix = ''] = m;
  let digits = BigInt(`${whole}${frac}` || '0');
  if (sign === '-') digits = -digits;
  let scale = -frac.length;
  let format: Format = 'DecimalSI';
  if (suffix in DECIMAL_SUFFIXES) {
    scale += DECIMAL_SUFFIXES[suffix]!;
  } else if (suffix in BINARY_SUFFIXES) {
    digits *= 1024n ** BigInt(BINARY_SUFFIXES[suffix]!);
    format = 'BinarySI';
  } else if (/^[eE][-+]?\d+$/.test(suffix)) {
    scale += Number(suffix.slice(1));
    format = 'DecimalExponent';
  } else {
    return undefined;
  }
  return { digits, scale, format };
}

/** The value as `numerator / 10^denominatorScale`, for exact comparisons. */
function atScale(q: ParsedQuantity, scale: number): bigint {
  return q.scale >= scale ? q.digits * 10n ** BigInt(q.scale - scale) : q.digits / 10n ** BigInt(scale - q.scale);
}

export function compareQuantities(a: ParsedQuantity, b: ParsedQuantity): number {
  const scale = Math.min(a.scale, b.scale);
  const d = atScale(a, scale) - atScale(b, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Quantity.RoundUp(-3): SetDefaults_ResourceList keeps at most milli precision, rounding away from zero. */
export function roundUpToMilli(q: ParsedQuantity): ParsedQuantity {
  if (q.scale >= -3) return q;
  const factor = 10n ** BigInt(-3 - q.scale);
  let digits = q.digits / factor;
  if (digits * factor !== q.digits) digits += q.digits > 0n ? 1n : -1n;
  return { ...q, digits, scale: -3 };
}

function stripTens(digits: bigint, scale: number): [bigint, number] {
  while (digits !== 0n && digits % 10n === 0n) {
    digits /= 10n;
    scale++;
  }
  return [digits, scale];
}

/** Quantity.CanonicalizeBytes. */
export function formatQuantity(q: ParsedQuantity): string {
  if (q.digits === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const abs = q.digits < 0n ? -q.digits : q.digits;
    const integral = q.scale >= 0 || abs % 10n ** BigInt(-q.scale) === 0n;
    // Below 1024, or with a fraction, binary suffixes would round: show it as DecimalSI instead.
    if (!integral || atScale(q, 0) * (q.digits < 0n ? -1n : 1n) < 1024n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let value = atScale(q, 0);
    let exp = 0;
    while (exp < 6 && value % 1024n === 0n) {
      value /= 1024n;
      exp++;
    }
    const suffix = Object.keys(BINARY_SUFFIXES).find((s) => BINARY_SUFFIXES[s] === exp) ?? '';
    return `${value}${suffix}`;
  }
  // AsCanonicalBytes: strip trailing zeros, then lower the exponent to a multiple of three.
  let [digits, scale] = stripTens(q.digits, q.scale);
  const rem = ((scale % 3) + 3) % 3;
  digits *= 10n ** BigInt(rem);
  scale -= rem;
  if (format === 'DecimalExponent') return scale === 0 ? `${digits}` : `${digits}e${scale}`;
  const suffix = Object.keys(DECIMAL_SUFFIXES).find((s) => DECIMAL_SUFFIXES[s] === scale);
  return suffix === undefined ? `${digits}e${scale}` : `${digits}${suffix}`;
}

/** The form the apiserver stores; `resourceList` adds SetDefaults_ResourceList's milli rounding. */
export function canonicalQuantity(input: string | number, resourceList = false): string | undefined {
  if (typeof input !== 'string') return canonicalOf(input, resourceList);
  // Every write re-encodes its quantities (requests, limits, quota figures): the same few strings.
  const memo = resourceList ? canonicalResourceList : canonicalPlain;
  if (memo.has(input)) return memo.get(input);
  if (memo.size >= CANONICAL_MEMO_SIZE) memo.clear();
  const canonical = canonicalOf(input, resourceList);
  memo.set(input, canonical);
  return canonical;
}

/** Distinct quantity strings remembered (per kind); past it the memo starts over, so hostile input cannot grow it. */
const CANONICAL_MEMO_SIZE = 4096;
const canonicalPlain = new Map<string, string | undefined>();
const canonicalResourceList = new Map<string, string | undefined>();

function canonicalOf(input: string | number, resourceList: boolean): string | undefined {
  const q = parseQuantity(input);
  if (!q) return undefined;
  return formatQuantity(resourceList ? roundUpToMilli(q) : q);
}
