/**
 * A JSON parser that keeps what JSON.parse throws away and the strict decoder needs: repeated
 * keys in their order, and number literals as written (`1.0` is not an int32).
 */

export type JsonNode =
  | { type: 'object'; entries: [string, JsonNode][] }
  | { type: 'array'; items: JsonNode[] }
  | { type: 'string'; value: string }
  | { type: 'number'; raw: string }
  | { type: 'bool'; value: boolean }
  | { type: 'null' };

/** Parses `text`; throws SyntaxError (via JSON.parse's wording) on malformed input. */
export function parseJsonTree(text: string): JsonNode {
  let pos = 0;
  const ws = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  const fail = (): never => {
    JSON.parse(text); // reports the syntax error with the platform's message
    throw new SyntaxError(`Unexpected token at position ${pos}`);
  };
  const str = (): string => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    if (pos >= text.length) fail();
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const value = (): JsonNode => {
    ws();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const entries: [string, JsonNode][] = [];
      ws();
      if (text[pos] === '}') {
        pos++;
        return { type: 'object', entries };
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') fail();
        const k = str();
        ws();
        if (text[pos++] !== ':') fail();
        entries.push([k, value()]);
        ws();
        const sep = text[pos++];
        if (sep === '}') return { type: 'object', entries };
        if (sep !== ',') fail();
      }
    }
    if (c === '[') {
      pos++;
      const items: JsonNode[] = [];
      ws();
      if (text[pos] === ']') {
        pos++;
        return { type: 'array', items };
      }
      for (;;) {
        items.push(value());
        ws();
        const sep = text[pos++];
        if (sep === ']') return { type: 'array', items };
        if (sep !== ',') fail();
      }
    }
    if (c === '"') return { type: 'string', value: str() };
    const lit = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/.exec(text.slice(pos, pos + 64))?.[0];
    if (!lit) return fail();
    pos += lit.length;
    if (lit === 'null') return { type: 'null' };
    if (lit === 'true' || lit === 'false') return { type: 'bool', value: lit === 'true' };
    return { type: 'number', raw: lit };
  };
  const root = value();
  ws();
  if (pos !== text.length) fail();
  return root;
}
