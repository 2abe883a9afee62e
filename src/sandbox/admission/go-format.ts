/**
 * Values printed the way Go's fmt prints them inside field errors (k8s.io/apimachinery
 * pkg/util/validation/field/errors.go ErrorBody: `%q` for strings, `%v` for numbers, `%#v` for the rest).
 * Only the shapes the validators report are covered.
 */
import type { KubeObject } from '../api/status.js';

/** A value already rendered in Go syntax, e.g. `map[string]string{"app":"x"}`. */
export interface GoRendered {
  readonly go: string;
}

export const rendered = (go: string): GoRendered => ({ go });

/** strconv.Quote: printable runes stay, the rest become Go escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** `map[string]string{"a":"1", "b":"2"}`, keys sorted as fmt sorts them; nil prints `(nil)`. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (m == null) return 'map[string]string(nil)';
  const entries = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`);
  return `map[string]string{${entries.join(', ')}}`;
}

export function goStringSlice(s: readonly string[] | undefined | null): string {
  if (s == null) return '[]string(nil)';
  return `[]string{${s.map((v) => goQuote(String(v))).join(', ')}}`;
}

/** intstr.IntOrString has a pointer-receiver String(), so values print as the raw struct. */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  const n = typeof v === 'number' ? v : 0;
  return `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
}

/** The `%#v` of a metav1.LabelSelector (the apps validators report selectors this way). */
export function goLabelSelector(sel: KubeObject | undefined | null): string {
  if (sel == null) return 'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}';
  const exprs: KubeObject[] | undefined = sel.matchExpressions;
  const rendered =
    exprs == null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(e.key ?? '')}, Operator:${goQuote(e.operator ?? '')}, Values:${goStringSlice(e.values)}}`)
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${rendered}}`;
}

/** The (protocol, port) key of the duplicate-Service-port check, an internal core.ServicePort. */
export function goServicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:${goIntOrString(0)}, NodePort:0}`;
}
