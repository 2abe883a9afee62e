/**
 * Go's time.ParseDuration, as kube-apiserver's duration flags take it (`--event-ttl=1h0m0s`):
 * a sequence of decimal numbers with units ns, us, µs, ms, s, m, h. Returns milliseconds, or
 * undefined for text that is not a positive duration.
 */
const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseGoDuration(text: string): number | undefined {
  const trimmed = text.trim();
  // \u00b5 is µ: escaped so the bundle stays ASCII (scripts/ascii-comments.mjs).
  if (!/^(\d+(\.\d*)?(ns|us|\u00b5s|ms|s|m|h))+$/.test(trimmed)) return undefined;
  let ms = 0;
  for (const [, value, , unit] of trimmed.matchAll(/(\d+(\.\d*)?)(ns|us|\u00b5s|ms|s|m|h)/g)) ms += Number(value) * UNITS[unit!]!;
  return ms > 0 ? ms : undefined;
}
