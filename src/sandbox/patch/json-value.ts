/** Decoded JSON as the patch code handles it: what `JSON.parse` returns. */

/** A JSON object (Go: map[string]interface{}). */
export type JsonMap = Record<string, unknown>;

export function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets an own member, `__proto__` included: Go maps have no magic key, so a ConfigMap key named
 * `__proto__` is data like any other, where a JS assignment would swap the object's prototype.
 */
export function setMember(map: JsonMap, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}
