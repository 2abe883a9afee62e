/**
 * The two reads the engine makes itself (everything else goes through kubectl): the API path
 * of a kind's list, and a raw JSON GET of it.
 *
 * Raw JSON on purpose: client-node's typed clients turn timestamps into `Date`s and drop fields
 * their models do not know, while watch events arrive as plain JSON. Checks compare
 * `creationTimestamp` text and must see every field a cluster sends, so lists and watch events
 * have to be the same plain objects.
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
  ) {
    super(message);
  }
}

/** GETs a list as plain JSON, authenticated the way the kubeconfig says. Rejects on non-2xx. */
export async function getList(kubeconfig: KubeConfig, path: string, timeoutMs = 10_000): Promise<KubeList> {
  const body = await getJson(kubeconfig, path, timeoutMs);
  const items = (body as { items?: unknown }).items;
  return { ...(body as KubeList), items: Array.isArray(items) ? (items as KubeObject[]) : [] };
}

async function getJson(kubeconfig: KubeConfig, path: string, timeoutMs: number): Promise<unknown> {
  const server = kubeconfig.getCurrentCluster()?.server;
  if (server === undefined) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(server.replace(/\/$/, '') + path);
  const options: RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  // Sets the CA, client certificate and Authorization header (tokens, exec plugins) from the kubeconfig.
  await kubeconfig.applyToHTTPSOptions(options as never);
  const plain = url.protocol === 'http:';
  // The agent it adds speaks TLS; a plain-http test server needs node's default one.
  if (plain) delete options.agent;
  const send = plain ? httpRequest : httpsRequest;

  return new Promise((resolve, reject) => {
    const request = send(url, { ...options, signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 299) {
          reject(new KubeApiError(`GET ${path}: HTTP ${status} ${statusMessage(text)}`.trim(), status));
          return;
        }
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new Error(`GET ${path}: the answer is not JSON`));
        }
      });
    });
    request.on('error', reject);
    request.end();
  });
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
  const server = kubeconfig.getCurrentCluster()?.server;
  if (server === undefined) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(server.replace(/\/$/, '') + path);
  const options: RequestOptions = { method: 'GET', headers: { Accept: 'text/plain' } };
  await kubeconfig.applyToHTTPSOptions(options as never);
  const plain = url.protocol === 'http:';
  if (plain) delete options.agent;
  const send = plain ? httpRequest : httpsRequest;
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
