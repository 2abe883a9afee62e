/**
 * Accepting `pods/<name>/portforward`: kubectl 1.32 first asks for a WebSocket carrying SPDY
 * (subprotocol `SPDY/3.1+portforward.k8s.io`, client-go portforward/tunneling_dialer.go; each
 * binary message is a piece of the SPDY byte stream) and, when that upgrade fails, a plain
 * `Upgrade: SPDY/3.1` with `X-Stream-Protocol-Version: portforward.k8s.io` (httpstream.Handshake).
 * Both end in the same PortForwardSession.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { badRequest } from '../../api/status.js';
import type { PodNetwork } from '../pod-network.js';
import { PORT_FORWARD_PROTOCOL, PortForwardSession, type ForwardTarget, type Transport } from './port-forward.js';

/** constants.WebsocketsSPDYTunnelingPrefix + the port-forward protocol. */
export const TUNNEL_PROTOCOL = `SPDY/3.1+${PORT_FORWARD_PROTOCOL}`;

export class PortForwardUpgrades {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Set<PortForwardSession>();
  private readonly tunnelled = new WeakSet<IncomingMessage>();

  constructor(private readonly network: PodNetwork) {
    // `SPDY/3.1+portforward.k8s.io` is not an RFC 7230 token (the `/`), which ws rightly refuses to
    // parse; gorilla and the apiserver accept it. So the offer is checked here, taken off the request,
    // and the answer put back on the handshake response.
    this.wss.on('headers', (headers, req) => {
      if (this.tunnelled.has(req)) headers.push(`Sec-WebSocket-Protocol: ${TUNNEL_PROTOCOL}`);
    });
  }

  accept(req: IncomingMessage, socket: Duplex, head: Buffer, target: ForwardTarget): void {
    const upgrade = (req.headers.upgrade ?? '').toLowerCase();
    if (upgrade === 'websocket') return this.tunnel(req, socket, head, target);
    if (upgrade === 'spdy/3.1') return this.spdy(req, socket, head, target);
    throw badRequest(`unsupported upgrade protocol ${req.headers.upgrade ?? ''}`);
  }

  /** Tells every session's kubectl the connection is going away (sandbox stop). */
  close(): void {
    for (const session of this.sessions) session.goAway();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private tunnel(req: IncomingMessage, socket: Duplex, head: Buffer, target: ForwardTarget): void {
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!offered.includes(TUNNEL_PROTOCOL)) throw badRequest(`port-forward needs the WebSocket subprotocol ${TUNNEL_PROTOCOL}`);
    delete req.headers['sec-websocket-protocol'];
    this.tunnelled.add(req);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => {});
      const session = this.session({ write: (bytes) => ws.send(bytes, { binary: true }), close: () => ws.close(1000) }, target);
      ws.on('message', (data: Buffer) => session.receive(data));
      ws.on('close', () => session.close());
    });
  }

  private spdy(req: IncomingMessage, socket: Duplex, head: Buffer, target: ForwardTarget): void {
    const offered = String(req.headers['x-stream-protocol-version'] ?? '').split(',').map((p) => p.trim());
    if (!offered.includes(PORT_FORWARD_PROTOCOL)) throw badRequest(`unable to upgrade: unable to negotiate protocol: client supports ${JSON.stringify(offered)}, server accepts ["${PORT_FORWARD_PROTOCOL}"]`);
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${PORT_FORWARD_PROTOCOL}\r\n\r\n`);
    const session = this.session({ write: (bytes) => socket.write(bytes), close: () => socket.end() }, target);
    if (head.length) session.receive(head);
    socket.on('data', (chunk: Buffer) => session.receive(chunk));
    socket.on('close', () => session.close());
  }

  private session(transport: Transport, target: ForwardTarget): PortForwardSession {
    const session: PortForwardSession = new PortForwardSession(transport, target, this.network, () => this.sessions.delete(session));
    this.sessions.add(session);
    return session;
  }
}
