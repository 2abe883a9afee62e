/**
 * Upgrade requests to the API (after authentication): `pods/<name>/exec` over WebSocket,
 * `pods/<name>/portforward` over SPDY (tunnelled in a WebSocket or not), and a plain answer for
 * `attach`, which the sandbox does not stream. kubectl 1.32 first tries a WebSocket and falls back
 * to SPDY only when the upgrade fails (client-go remotecommand FallbackExecutor, portforward
 * FallbackDialer: httpstream.IsUpgradeFailure), so every refusal here is a Status with a non-101
 * code: the WebSocket attempt fails, the SPDY attempt gets the same Status, and kubectl prints it
 * as `Error from server (…): …`.
 */
import { unescapeSegment } from '../../server/routes.js';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, badRequest, internal, notFound } from '../../api/status.js';
import { PODS } from '../../controllers/kinds.js';
import type { ObjectStore } from '../../store/object-store.js';
import type { PodExec, PodNetwork } from '../pod-network.js';
import { ExecUpgrades } from './exec-upgrade.js';
import { PortForwardUpgrades } from './port-forward-upgrade.js';

const STREAM_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach|portforward)\/?$/;

export class StreamUpgrades {
  private readonly execs: ExecUpgrades;
  private readonly forwards: PortForwardUpgrades;

  constructor(
    private readonly store: ObjectStore,
    exec: PodExec,
    network: PodNetwork,
  ) {
    this.execs = new ExecUpgrades(exec);
    this.forwards = new PortForwardUpgrades(network);
  }

  /** Takes over the socket of an authenticated upgrade request. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => {});
    try {
      this.route(req, socket, head);
    } catch (error) {
      rejectUpgrade(socket, error instanceof ApiError ? error : internal(String(error)));
    }
  }

  /** Ends every session (sandbox stop). */
  async close(): Promise<void> {
    this.forwards.close();
    await this.execs.close();
  }

  private route(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const m = STREAM_PATH.exec(url.pathname);
    if (!m) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
    const [, namespace, name, subresource] = m.map((part) => unescapeSegment(url.pathname, part)) as [string, string, string, string];
    const pod = this.store.peek(PODS, namespace, name);
    if (!pod) throw notFound('pods', '', name);
    if (subresource === 'attach') throw badRequest('attach is not available in the kubedojo sandbox: use kubectl logs -f, or kubectl exec');
    if (subresource === 'exec') return this.execs.accept(req, socket, head, pod, url.searchParams);
    // PortForwardLocation: the Pod must be bound; kubectl itself checks that it runs.
    if (!pod.spec?.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
    if (!pod.status?.podIP) throw badRequest(`pod ${name} has no IP address yet`);
    this.forwards.accept(req, socket, head, { namespace, pod: name, uid: pod.metadata.uid, ip: pod.status.podIP });
  }
}

/** Answers an upgrade request with a Status instead of switching protocols. */
export function rejectUpgrade(socket: Duplex, error: ApiError): void {
  const body = JSON.stringify(error.toStatus());
  socket.end(
    `HTTP/1.1 ${error.code} ${STATUS_CODES[error.code] ?? ''}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
