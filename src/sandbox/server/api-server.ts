/**
 * The sandbox's kube-apiserver over HTTPS on 127.0.0.1: authentication (the admin bearer token and
 * ServiceAccount tokens) and RBAC authorization of every request (src/sandbox/auth), body limits,
 * discovery, OpenAPI, the resource routes and pod logs. Every failure answers with a Status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApiError, badRequest, tooLarge, unauthorized } from '../api/status.js';
import type { Registry } from '../registry/registry.js';
import { fixedDocumentJson } from './fixed-documents.js';
import { parseApiPath } from './routes.js';
import { ResourceHandler } from './resource-handler.js';
import { sendError, sendJson } from './respond.js';
import { serveLogs, type PodLogSource } from './logs.js';
import { rejectUpgrade, type ApiTraffic } from '../traffic/index.js';
import { forbidden, requestAttributes, type SandboxAuth, type UserInfo } from '../auth/index.js';
import { AuthHandler, escalationGuard } from './auth-handler.js';

/** kube-apiserver's maxRequestBodyBytes. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** secure_serving.go's ReadHeaderTimeout: "just shy of requestTimeoutUpperBound". */
export const HEADERS_TIMEOUT_MS = 32_000;
/** `--request-timeout` (60 s): a body not received by then is answered 504, as the timeout filter does. */
export const BODY_TIMEOUT_MS = 60_000;
/** secure_serving.go's IdleTimeout, matching http.DefaultTransport's keep-alive. */
export const IDLE_TIMEOUT_MS = 90_000;

export interface ApiServerOptions {
  registry: Registry;
  logs: PodLogSource;
  /** Who a request is, and what it may do. */
  auth: SandboxAuth;
  /** PEM certificate and key the server presents (see certificate.ts). */
  tls: { certPem: string; keyPem: string };
  /** The proxy subresources and the streaming ones (exec, port-forward), served by src/sandbox/traffic. */
  traffic?: ApiTraffic;
  /** How long a request body may take to arrive (BODY_TIMEOUT_MS); tests shorten it. */
  bodyTimeoutMs?: number;
  /** Called as each request arrives (the memory trimmer waits for a pause in requests). */
  onRequest?: () => void;
}

export class ApiServer {
  private readonly server: Server;
  private readonly resources: ResourceHandler;
  private readonly reviews: AuthHandler;

  constructor(private readonly options: ApiServerOptions) {
    this.resources = new ResourceHandler(options.registry);
    this.reviews = new AuthHandler(options.auth, options.registry.store, options.registry.clock);
    // Node checks the headers deadline on this interval; its 30 s default would nearly double it.
    this.server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem, connectionsCheckingInterval: 2_000 }, (req, res) => this.handle(req, res));
    // `kubectl exec` (WebSocket) and `port-forward` (WebSocket or SPDY) upgrade the connection.
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const authenticated = this.options.auth.authenticate(req.headers.authorization);
      if (!authenticated) return rejectUpgrade(socket, unauthorized());
      const user = this.options.auth.impersonate(req.headers, authenticated);
      if (user instanceof ApiError) return rejectUpgrade(socket, user);
      const denied = this.denial(req, user, true);
      if (denied) return rejectUpgrade(socket, denied);
      if (this.options.traffic) return this.options.traffic.upgrade(req, socket, head);
      rejectUpgrade(socket, badRequest('streaming is not available in the kubedojo sandbox'));
    });
    // Watches and `logs -f` stay open for as long as the client wants, so there is no overall
    // request timeout; headers and bodies have their own (readBody), so a client that trickles
    // bytes cannot hold a connection and its buffers for ever (issue #7).
    this.server.requestTimeout = 0;
    this.server.headersTimeout = HEADERS_TIMEOUT_MS;
    this.server.keepAliveTimeout = IDLE_TIMEOUT_MS;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    return `https://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * RBAC's answer for a request, as the WithAuthorization filter gives it: undefined when allowed,
   * else the Forbidden Status. A WebSocket upgrade of exec, attach or portforward (a GET) needs
   * `create` as well, as 1.32's AuthorizePodWebsocketUpgradeCreatePermission check does.
   */
  private denial(req: IncomingMessage, user: UserInfo, upgrade = false, url = requestUrl(req)): ApiError | undefined {
    const attributes = requestAttributes(req.method ?? 'GET', url);
    const decision = this.options.auth.authorize(user, attributes);
    if (!decision.allowed) return forbidden(user, attributes, decision.reason);
    const streaming = attributes.resource === 'pods' && ['exec', 'attach', 'portforward'].includes(attributes.subresource);
    if (upgrade && streaming && attributes.verb === 'get') {
      const create = { ...attributes, verb: 'create' };
      const second = this.options.auth.authorize(user, create);
      if (!second.allowed) return forbidden(user, create, second.reason);
    }
    return undefined;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.options.onRequest?.();
    const authenticated = this.options.auth.authenticate(req.headers.authorization);
    if (!authenticated) {
      // Drain whatever was sent so the 401 reaches the client instead of a reset connection, then
      // close: an unauthenticated client gets no time to trickle the rest of a body.
      req.resume();
      res.shouldKeepAlive = false;
      return sendError(res, unauthorized());
    }
    const user = this.options.auth.impersonate(req.headers, authenticated);
    if (user instanceof ApiError) {
      req.resume();
      return sendError(res, user);
    }
    // Parsed once for authorization, routing and the query.
    const url = requestUrl(req);
    let denied: ApiError | undefined;
    try {
      denied = this.denial(req, user, false, url);
    } catch (error) {
      req.resume();
      return sendError(res, error);
    }
    if (denied) {
      // Authorization comes before the body is read: drain it so the 403 reaches the client.
      req.resume();
      return sendError(res, denied);
    }
    readBody(req, res, this.options.bodyTimeoutMs ?? BODY_TIMEOUT_MS)
      .then((body) => this.route(req, res, body, user, url))
      .catch((error: unknown) => sendError(res, error));
  }

  private route(req: IncomingMessage, res: ServerResponse, body: Buffer, user: UserInfo, url: URL): void {
    if (this.options.traffic?.serveProxy(req, res, url)) return;
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (method === 'GET') {
      const fixed = fixedDocumentJson(path);
      if (fixed !== undefined) return sendJson(res, 200, fixed);
      if (path === '/healthz' || path === '/livez' || path === '/readyz') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        return void res.end('ok');
      }
    }
    const route = parseApiPath(path);
    switch (route.kind) {
      case 'discovery':
      case 'not-found':
      case 'unknown-resource':
        return sendNotFoundPath(res);
      case 'resource':
        if (route.subresource === 'log' && method === 'GET') {
          const pod = this.options.registry.store.get(route.type, route.namespace, route.name ?? '');
          return serveLogs(req, res, pod, this.options.logs);
        }
        if (route.subresource === 'exec' || route.subresource === 'portforward' || route.subresource === 'attach') {
          // Only an upgrade request (see the 'upgrade' listener) can stream.
          throw badRequest('Upgrade request required');
        }
        if (this.reviews.handle({ req, res, route, body, user })) return;
        return this.resources.handle({ req, res, route, body, url, guard: escalationGuard(this.options.auth, user, route) });
    }
  }
}

/** The request's URL, parsed (only its path and query are read). */
function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://sandbox');
}

/** The apiserver's answer for a path it has no handler for. */
function sendNotFoundPath(res: ServerResponse): void {
  sendError(res, new ApiError(404, 'NotFound', 'the server could not find the requested resource', {}));
}

/**
 * The whole request body, at most MAX_BODY_BYTES, within `timeoutMs`. A body that does not arrive
 * in time is answered 504 like kube-apiserver's timeout filter, and the connection closed (the rest of
 * the body is never read).
 */
function readBody(req: IncomingMessage, res: ServerResponse, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (req.complete) return resolve(Buffer.alloc(0));
    // Neither a length nor chunks: HTTP/1.1 framing says there is no body (RFC 9112, 6.3), so no
    // timer and no listeners wait for one (most requests are GETs).
    if (req.headers['transfer-encoding'] === undefined && (req.headers['content-length'] === undefined || req.headers['content-length'] === '0')) return resolve(Buffer.alloc(0));
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      return reject(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      req.removeAllListeners('data');
      // Connection: close, so the socket goes once the 504 is out and the rest is never read.
      res.shouldKeepAlive = false;
      reject(requestTimeout());
    }, timeoutMs);
    timer.unref();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        clearTimeout(timer);
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(badRequest(`error reading the request body: ${error.message}`));
    });
  });
}

/** The timeout filter's 504 (apiserver/pkg/server/filters/timeout.go). */
function requestTimeout(): ApiError {
  return new ApiError(504, 'Timeout', 'Timeout: request did not complete within requested timeout - context deadline exceeded', {});
}
