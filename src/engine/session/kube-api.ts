/**
 * The engine's own requests to the API server (everything the learner does goes through kubectl):
 * the API path of a kind's list, raw JSON requests, and a followed text stream (a Pod's log).
 *
 * Raw JSON on purpose: client-node's typed clients turn timestamps into `Date`s and drop fields
 * their models do not know, while watch events arrive as plain JSON. Checks compare
 * `creationTimestamp` text and must see every field a cluster sends, so lists and watch events
 * have to be the same plain objects. And cheaper: a typed client (CoreV1Api, VersionApi) brings
 * client-node's generated API and ~750 model classes into the app, ~20 MB of its resident memory
 * (issue 9), for the handful of requests the app makes itself.
 *
 * Authentication stays client-node's: `applyToHTTPSOptions` sets the CA, client certificate and
 * key, TLS server name and verification, the Authorization header (tokens, token files, exec
 * plugins, refreshed when they expire), basic auth and the agent (a proxy's when the kubeconfig
 * names one) on every request.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Kind } from '../checks/kinds.js';
import type { KubeObject } from '../checks/k8s.js';

const CLUSTER_SCOPED: ReadonlySet<Kind> = new Set(['Node', 'Namespace']);

const RESOURCE: Record<Kind, { prefix: string; plural: string }> = {
  Deployment: { prefix: '/apis/apps/v1', plural: 'deployments' },
  ReplicaSet: { prefix: '/apis/apps/v1', plural: 'replicasets' },
  Pod: { prefix: '/api/v1', plural: 'pods' },
  Service: { prefix: '/api/v1', plural: 'services' },
  Endpoints: { prefix: '/api/v1', plural: 'endpoints' },
  Namespace: { prefix: '/api/v1', plural: 'namespaces' },
  Node: { prefix: '/api/v1', plural: 'nodes' },
  Event: { prefix: '/api/v1', plural: 'events' },
  ConfigMap: { prefix: '/api/v1', plural: 'configmaps' },
  Secret: { prefix: '/api/v1', plural: 'secrets' },
};

/** Nodes and Namespaces are cluster-wide; every other kind is read in the tutorial namespace. */
export function isClusterScoped(kind: Kind): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** `/apis/apps/v1/namespaces/kubedojo/deployments`, `/api/v1/nodes`. */
export function listPath(kind: Kind, namespace: string): string {
  const { prefix, plural } = RESOURCE[kind];
  return isClusterScoped(kind) ? `${prefix}/${plural}` : `${prefix}/namespaces/${encodeURIComponent(namespace)}/${plural}`;
}

/** `/api/v1/namespaces/kubedojo/services/shop`, `/api/v1/namespaces/kubedojo` (a cluster-scoped kind ignores `namespace`). */
export function objectPath(kind: Kind, namespace: string, name: string): string {
  return `${listPath(kind, namespace)}/${encodeURIComponent(name)}`;
}

export interface KubeList {
  metadata?: { resourceVersion?: string };
  items: KubeObject[];
}

/** An HTTP error from the API server; `statusCode` is what client-node's ListWatch looks at. */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  constructor(
    message: string,
    readonly statusCode: number,
    /** The answer's body (a Status, as JSON text), when there was one. */
    readonly body = '',
  ) {
    super(message);
  }

  /** The HTTP status, under the name client-node's ApiException gives it. */
  get code(): number {
    return this.statusCode;
  }
}

/** GETs a list as plain JSON, authenticated the way the kubeconfig says. Rejects on non-2xx. */
export async function getList(kubeconfig: KubeConfig, path: string, timeoutMs = 10_000): Promise<KubeList> {
  const body = await requestJson(kubeconfig, 'GET', path, { timeoutMs });
  const items = (body as { items?: unknown }).items;
  return { ...(body as KubeList), items: Array.isArray(items) ? (items as KubeObject[]) : [] };
}

export interface JsonRequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Aborts the request after this long; default: no limit (as client-node's typed calls). */
  timeoutMs?: number;
  /** Aborts the request when it fires. */
  signal?: AbortSignal;
}

/**
 * One request with a JSON answer (a Status for most errors), authenticated the way the kubeconfig
 * says. Resolves with the parsed body of a 2xx answer; rejects with a KubeApiError otherwise, and
 * with the socket's error (ECONNREFUSED, a TLS error, an AbortError) when there is no answer.
 */
export async function requestJson(kubeconfig: KubeConfig, method: 'GET' | 'POST' | 'DELETE', path: string, request: JsonRequestOptions = {}): Promise<unknown> {
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const { url, options, send } = await prepare(kubeconfig, method, path, headers);
  const signals = [request.signal, request.timeoutMs === undefined ? undefined : AbortSignal.timeout(request.timeoutMs)].filter((signal) => signal !== undefined);
  const signal = signals.length === 0 ? undefined : AbortSignal.any(signals);

  return new Promise((resolve, reject) => {
    const outgoing = send(url, { ...options, ...(signal ? { signal } : {}) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 299) {
          reject(new KubeApiError(`${method} ${path}: HTTP ${status} ${statusMessage(text)}`.trim(), status, text));
          return;
        }
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new Error(`${method} ${path}: the answer is not JSON`));
        }
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The URL, the request options client-node's authentication filled in, and the module to send them with. */
async function prepare(kubeconfig: KubeConfig, method: string, path: string, headers: Record<string, string>): Promise<{ url: URL; options: RequestOptions; send: typeof httpsRequest }> {
  const server = kubeconfig.getCurrentCluster()?.server;
  if (server === undefined) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(server.replace(/\/$/, '') + path);
  const options: RequestOptions = { method, headers };
  // Sets the CA, client certificate and Authorization header (tokens, exec plugins) from the kubeconfig.
  await kubeconfig.applyToHTTPSOptions(options as never);
  const plain = url.protocol === 'http:';
  // The agent it adds speaks TLS; a plain-http test server needs node's default one.
  if (plain) delete options.agent;
  return { url, options, send: plain ? httpRequest : httpsRequest };
}

function statusMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return typeof message === 'string' ? message : '';
  } catch {
    return '';
  }
}

/**
 * Follows a text stream (a Pod's log with `follow=true`): every chunk to `onData`, until `stop`.
 * Resolves once the server answered 2xx; rejects on an error status.
 */
export async function followText(kubeconfig: KubeConfig, path: string, onData: (text: string) => void): Promise<{ stop(): void; ended: Promise<void> }> {
  const { url, options, send } = await prepare(kubeconfig, 'GET', path, { Accept: 'text/plain' });
  const controller = new AbortController();
  return new Promise((resolve, reject) => {
    const request = send(url, { ...options, signal: controller.signal }, (response) => {
      const status = response.statusCode ?? 0;
      if (status < 200 || status > 299) {
        response.resume();
        reject(new KubeApiError(`GET ${path}: HTTP ${status}`, status));
        return;
      }
      const ended = new Promise<void>((done) => {
        response.on('end', () => done());
        response.on('close', () => done());
        // An abort (stop) ends the stream with an error: that is the end we asked for.
        response.on('error', () => done());
      });
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => onData(chunk));
      resolve({ stop: () => controller.abort(), ended });
    });
    request.on('error', (error) => reject(error));
    request.end();
  });
}
