/** Decoded JSON as the patch code handles it: what `JSON.parse` returns. */

/** A JSON object (Go: map[string]interface{}). */
export type JsonMap = Record<string, unknown>;

export function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
