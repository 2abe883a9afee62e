/**
 * Quantity arithmetic for the quota and limit-range plugins (resource.Quantity.Add and friends):
 * exact, and the sum keeps the format of its first operand, as Go's Add does.
 */
import { compareQuantities, formatQuantity, parseQuantity, roundUpToMilli, type ParsedQuantity } from './quantity.js';

export type ResourceList = Map<string, ParsedQuantity>;

export const ZERO: ParsedQuantity = { digits: 0n, scale: 0, format: 'DecimalSI' };
export const ONE: ParsedQuantity = { digits: 1n, scale: 0, format: 'DecimalSI' };

export function addQuantity(a: ParsedQuantity, b: ParsedQuantity): ParsedQuantity {
  const scale = Math.min(a.scale, b.scale);
  const digits = a.digits * 10n ** BigInt(a.scale - scale) + b.digits * 10n ** BigInt(b.scale - scale);
  return { digits, scale, format: a.digits === 0n && a.scale === 0 && a.format === 'DecimalSI' && b.digits !== 0n ? b.format : a.format };
}

/** A `ResourceList` map of an object (`{cpu: "500m"}`); unparseable values are left out (validation refuses them). */
export function resourceList(list: Record<string, unknown> | undefined | null): ResourceList {
  const out: ResourceList = new Map();
  for (const [key, value] of Object.entries(list ?? {})) {
    const q = parseQuantity(value as string | number);
    if (q) out.set(key, q);
  }
  return out;
}

/** quota.Add */
export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [key, value] of b) out.set(key, out.has(key) ? addQuantity(out.get(key)!, value) : value);
  return out;
}

/** quota.Mask: only the named resources. */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const name of names) if (list.has(name)) out.set(name, list.get(name)!);
  return out;
}

/** `a.Cmp(b)` after MilliValue's rounding, as requestLimitEnforcedValues compares. */
export function compareMilli(a: ParsedQuantity, b: ParsedQuantity): number {
  return compareQuantities(roundUpToMilli(a), roundUpToMilli(b));
}

/** Quantity.String() */
export function quantityString(q: ParsedQuantity): string {
  return formatQuantity(q);
}

/** prettyPrint of the quota plugin: `key=value` in key order, comma-separated. */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()].sort().map((key) => `${key}=${quantityString(list.get(key)!)}`).join(',');
}

/** The milli-value as a number (for ratios). */
export function milliValue(q: ParsedQuantity): number {
  const r = roundUpToMilli(q);
  return Number(r.digits) * 10 ** (r.scale + 3);
}
