/**
 * Relaying one HTTP exchange between a real client socket and a simulated Pod server: the request
 * as the Pod sees it, and the Pod's answer written back with its own status line and headers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PodRequest, PodResponse } from './pod-network.js';

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, and Node manages ours. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

export function podRequest(req: IncomingMessage, path: string, remoteAddress: string, drop: readonly string[] = []): PodRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || drop.includes(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: req.method ?? 'GET', path, headers, remoteAddress };
}

/**
 * Writes the Pod's answer. The Pod's own `Date` and `Content-Length` are kept (Node adds neither
 * twice); the length is corrected if it does not match the body, as a real server could not lie.
 * With `connection: 'mirror'` (a client talking to the Pod through a NodePort) the `Connection`
 * header keeps the Pod's position and says what this connection really does, as nginx's does;
 * with `'drop'` (the apiserver's proxy) the answer's hop-by-hop headers go, as Go's reverse proxy
 * removes them.
 */
export function writePodResponse(res: ServerResponse, answer: PodResponse, connection: 'mirror' | 'drop' = 'mirror'): void {
  const closing = res.req ? !wantsKeepAlive(res.req) : true;
  const headers: Record<string, string> = {};
  let hasDate = false;
  let hasConnection = false;
  for (const [name, value] of Object.entries(answer.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'connection' && connection === 'mirror') {
      headers[name] = closing ? 'close' : 'keep-alive';
      hasConnection = true;
      continue;
    }
    if (HOP_BY_HOP.has(lower)) continue;
    if (lower === 'date') hasDate = true;
    headers[name] = lower === 'content-length' ? String(Buffer.byteLength(answer.body)) : value;
  }
  // Naming the connection's fate ourselves also keeps Node from adding a `Keep-Alive:` header nginx never sends.
  if (connection === 'mirror' && !hasConnection) headers.Connection = closing ? 'close' : 'keep-alive';
  res.sendDate = !hasDate;
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

/** HTTP/1.1 keeps a connection unless asked not to; HTTP/1.0 only when asked to. */
function wantsKeepAlive(req: IncomingMessage): boolean {
  const asked = String(req.headers.connection ?? '').toLowerCase();
  return req.httpVersion === '1.0' ? asked.includes('keep-alive') : !asked.includes('close');
}

/** Reads and discards a request body: the simulated servers answer from the request line and headers. */
export function drain(req: IncomingMessage): void {
  if (!req.complete) req.resume();
}
