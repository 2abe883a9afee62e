/**
 * Is this host, as written, this machine's loopback? Only literal spellings count: a dotted quad
 * in 127.0.0.0/8 (four decimal parts, no leading zeros, as Go's net.ParseIP reads it), `::1`
 * (bracketed or not) and `localhost`. `127.1`, `2130706433` or `0x7f.1` are not: Node's URL
 * parser turns them into 127.0.0.1 while kubectl (Go) hands them to DNS, which may answer with
 * anything (issue #7).
 */
export function isLiteralLoopback(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const lower = bare.toLowerCase();
  if (lower === 'localhost' || lower === '::1') return true;
  const parts = lower.split('.');
  if (parts.length !== 4 || parts[0] !== '127') return false;
  return parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255);
}
