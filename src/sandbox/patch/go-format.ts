/**
 * Go's `fmt` rendering of decoded JSON values, so patch errors carry the very text kube-apiserver
 * puts in them (`map: map[image:nginx] does not contain declared merge key: name`).
 * Values are what encoding/json decodes into `interface{}`: maps, slices, strings, bools, int64 or
 * float64 (apimachinery keeps integers as int64), and nil.
 */

/** `reflect.TypeOf(v).String()` of a decoded JSON value; nil has no type. */
export function goTypeName(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return '[]interface {}';
  switch (typeof value) {
    case 'object':
      return 'map[string]interface {}';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int64' : 'float64';
    default:
      return typeof value;
  }
}

/** The word encoding/json's UnmarshalTypeError uses for a JSON value: `object`, `array`, `number`, ... */
export function jsonValueKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

/** `%v`: maps print as `map[k:v]` with sorted keys, slices as `[a b]`, nil as `<nil>`. */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  if (typeof value === 'object') {
    const map = value as Record<string, unknown>;
    const entries = Object.keys(map)
      .sort()
      .map((key) => `${key}:${goValue(map[key])}`);
    return `map[${entries.join(' ')}]`;
  }
  if (typeof value === 'number') return goNumber(value);
  return String(value);
}

/**
 * `%s`: a string prints as is; anything else gets Go's bad-verb form, e.g. `%!s(<nil>)` or
 * `%!s(int64=5)`, which is what `fmt.Errorf("%s", x)` really produces for non-strings.
 */
export function goString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '%!s(<nil>)';
  if (typeof value === 'object') return goValue(value);
  return `%!s(${goTypeName(value)}=${goValue(value)})`;
}

/** `%s` of a `reflect.Type`: the type's name, or `%!s(<nil>)` for the type of nil. */
export function goTypeString(value: unknown): string {
  return goTypeName(value) ?? '%!s(<nil>)';
}

/**
 * int64 prints in full; float64 prints like `%v` (strconv 'g', shortest): exponent form when the
 * decimal exponent is < -4 or >= 6, with at least two exponent digits (`1.2345675e+06`, `1.5e-07`).
 */
function goNumber(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}
